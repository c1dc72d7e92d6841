// Hostile bodies written for Markdown (post_xss.mjs stores them as Markdown post bodies,
// next to the hostile comment bodies): what Markdown itself turns into HTML and URLs
// (link and image destinations and titles, reference definitions, autolinks, footnote
// labels, task-list items, code fence info strings) and the raw HTML it passes on.
// A payload that runs raises a dialog (alert) or sets window.__pwned.
//
// Link reference and footnote labels are global to a Markdown document and several
// bodies share a post: each body uses labels of its own.

// [family, body] pairs; ids are given by position (md000...).
const BODIES = [
  // Link destinations: schemes that run, in every spelling Markdown or HTML undoes.
  ['link-url', '[x](javascript:alert(1))'],
  ['link-url', '[x](JaVaScRiPt:alert(1))'],
  ['link-url', '[x](<javascript:alert(1)>)'],
  ['link-url', '[x](<javascript: alert(1)>)'],
  ['link-url', '[x]( javascript:alert(1) "title")'],
  ['link-url', '[x](jav&#x61;script:alert(1))'],
  ['link-url', '[x](jav&#97;script:alert(1))'],
  ['link-url', '[x](&#106;avascript&#58;alert(1))'],
  ['link-url', '[x](javascript&colon;alert(1))'],
  ['link-url', '[x](java&Tab;script:alert(1))'],
  ['link-url', '[x](<java\tscript:alert(1)>)'],
  ['link-url', '[x](javascript\\:alert\\(1\\))'],
  ['link-url', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['link-url', '[x](data:text/html,<script>alert(1)</script>)'],
  ['link-url', '[x](vbscript:msgbox(1))'],
  ['link-url', '[x](https://example.com/"onmouseover="alert(1))'],
  ['link-url', '[x](https://example.com/ "t\\" onmouseover=\\"alert(1)")'],
  ['link-url', "[x](https://example.com/ 'a\" onmouseover=\"alert(1)')"],
  ['link-url', '[x](https://example.com/ (a" onmouseover="alert(1)))'],
  ['link-url', '[<img src=x onerror=alert(1)>](https://example.com/)'],
  ['link-url', '[![a](https://example.com/a.png)](javascript:alert(1))'],
  // Images: the alt text, title and source.
  ['image', '![a" onerror="alert(1)](x.png)'],
  ['image', '![a](x.png "t\\" onerror=\\"alert(1)")'],
  ['image', '![<img src=x onerror=alert(1)>](x.png)'],
  ['image', '![*a" onerror="alert(1)*](x.png)'],
  ['image', '![x](javascript:alert(1))'],
  ['image', '![x](jav&#x61;script:alert(1))'],
  ['image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['image', '![x](<data:text/html,<script>alert(1)</script>>)'],
  // Reference definitions.
  ['reference', '[x][ref1]\n\n[ref1]: javascript:alert(1)'],
  ['reference', '[ref2]\n\n[ref2]: jav&#x61;script:alert(1) "t"'],
  ['reference', '[x][ref3]\n\n[ref3]:\n  <javascript:alert(1)>'],
  ['reference', '![img][ref4]\n\n[ref4]: x.png "\\" onerror=\\"alert(1)"'],
  ['reference', '[ref5][]\n\n[ref5]: vbscript:msgbox(1)'],
  ['reference', '[x][<img src=x onerror=alert(1)>]\n\n[<img src=x onerror=alert(1)>]: https://example.com/'],
  // Autolinks, the CommonMark ones and the extended (bare URL) ones.
  ['autolink', '<javascript:alert(1)>'],
  ['autolink', '<JAVASCRIPT:alert(1)>'],
  ['autolink', '<vbscript:msgbox(1)>'],
  ['autolink', '<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>'],
  ['autolink', '<https://example.com/"onmouseover="alert(1)>'],
  ['autolink', '<a@b.example"onmouseover="alert(1)>'],
  ['autolink', 'www.example.com/"onmouseover="alert(1)'],
  ['autolink', 'https://example.com/<img/src=x/onerror=alert(1)>'],
  ['autolink', 'see javascript:alert(1) and www.javascript:alert(1)'],
  // Footnotes: markup in the label (it becomes ids and hrefs) and in the note.
  ['footnote', 'A[^<img src=x onerror=alert(1)>]\n\n[^<img src=x onerror=alert(1)>]: the note'],
  ['footnote', 'B[^a" onclick="alert(1)]\n\n[^a" onclick="alert(1)]: the note'],
  ['footnote', 'C[^"><svg onload=alert(1)>]\n\n[^"><svg onload=alert(1)>]: the note'],
  ['footnote', 'D[^fn4]\n\n[^fn4]: <script>alert(1)</script> and [x](javascript:alert(1))'],
  ['footnote', 'E[^fn5]\n\n[^fn5]: <img src=x onerror=alert(1)>\n\n    <iframe src=javascript:alert(1)></iframe>'],
  ['footnote', 'F[^javascript:alert(1)]\n\n[^javascript:alert(1)]: the note'],
  // Task lists: checkboxes are the renderer's, never the author's.
  ['task-list', '- [ ] <input onfocus=alert(1) autofocus>'],
  ['task-list', '- [x] <input type=checkbox onclick=alert(1) checked>'],
  ['task-list', '- [ ] a <input type="text" autofocus onfocus="alert(1)">\n- [x] [b](javascript:alert(1))'],
  ['task-list', '1. [x] <label><input type=checkbox onchange=alert(1)>c</label>'],
  // Raw HTML, as blocks and inline.
  ['raw-html', '<textarea>\n\n<script>alert(1)</script>\n\n</textarea>'],
  ['raw-html', 'Use the <textarea><img src=x onerror=alert(1)></textarea> element.'],
  ['raw-html', '<svg><script>alert(1)</script></svg>'],
  ['raw-html', '<svg onload=alert(1)>\n\n<svg><animate onbegin=alert(1) attributeName=x dur=1s>'],
  ['raw-html', '<iframe src=javascript:alert(1)></iframe>'],
  ['raw-html', '<iframe src="jav&#x61;script:alert(1)"></iframe>'],
  ['raw-html', '<iframe src="https://www.youtube.com/embed/x" onload=alert(1) srcdoc="<script>alert(1)</script>"></iframe>'],
  ['raw-html', '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>'],
  ['raw-html', '<title><img src=x onerror=alert(1)></title>'],
  ['raw-html', '<style>*{background:url(javascript:alert(1))}</style>'],
  ['raw-html', '<xmp><img src=x onerror=alert(1)></xmp>'],
  ['raw-html', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['raw-html', 'text <img src=x onerror=alert(1)> text'],
  ['raw-html', '<details open ontoggle=alert(1)>\n\n**bold**\n\n</details>'],
  ['raw-html', '<div>\n\n[x](javascript:alert(1))\n\n</div>'],
  ['raw-html', '<a href="javascript:alert(1)">\n\n*a link around a block*\n\n</a>'],
  ['raw-html', '<p style="position:fixed;top:0;background:url(javascript:alert(1))">styled</p>'],
  // Code: the fence's info string becomes a class.
  ['code', '```"><script>alert(1)</script>\ncode\n```'],
  ['code', '```js" onmouseover="alert(1)\ncode\n```'],
  ['code', '~~~<img src=x onerror=alert(1)>\ncode\n~~~'],
  ['code', '```javascript:alert(1)\ncode\n```'],
  ['code', '``` a b="c" onclick=alert(1)\ncode\n```'],
  ['code', '`<script>alert(1)</script>` and ``<img src=x onerror=alert(1)>``'],
  ['code', '    <script>alert(1)</script>\n    <img src=x onerror=alert(1)>'],
  // Markup inside other Markdown.
  ['inline', '*<img src=x onerror=alert(1)>* **<svg onload=alert(1)>** ~~<b onclick=alert(1)>s</b>~~'],
  ['inline', '# Heading <script>alert(1)</script>'],
  ['inline', '<img src=x onerror=alert(1)>\n==='],
  ['inline', '| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |'],
  ['inline', '> [x](javascript:alert(1))\n> <script>alert(1)</script>'],
  ['inline', '&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;'],
  ['inline', '\\<script>alert(1)\\</script> \\<img src=x onerror=alert(1)>'],
];

export const markdownBodies = BODIES.map(([family, body], i) => (
  { id: `md${String(i).padStart(3, '0')}`, family, body }));
