// Tests for SanitizeHtml: hostile input is neutralised, allowed markup survives, and the
// comment policy behaves as Blogger's comment form does.
#include "text/sanitize.h"

#include <gtest/gtest.h>

#include <string>

namespace samizdat::text {
namespace {

using std::string_literals::operator""s;

std::string Post(std::string_view html) { return SanitizeHtml(html, SanitizePolicy::kPostBody); }
std::string Comment(std::string_view html) { return SanitizeHtml(html, SanitizePolicy::kComment); }

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class HostilePostBody : public ::testing::TestWithParam<Case> {};

TEST_P(HostilePostBody, IsNeutralised) {
  const Case& c = GetParam();
  EXPECT_EQ(Post(c.input), c.expected) << "input: " << c.input;
}

// Every case gives the exact output, so a regression that lets anything through fails.
INSTANTIATE_TEST_SUITE_P(
    Sanitizer, HostilePostBody,
    ::testing::Values(
        // Scripts and styles go with their content.
        Case{"script", "<p>hi<script>alert(1)</script> there</p>", "<p>hi there</p>"},
        Case{"script_upper", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>ok", "ok"},
        Case{"script_unclosed", "a<script>alert(1)", "a"},
        Case{"script_in_attr_context", "<p title=\"</p><script>alert(1)</script>\">x</p>",
             "<p>x</p>"},
        Case{"style_element", "<style>body{background:url(javascript:alert(1))}</style>ok", "ok"},
        Case{"style_attribute", "<p style=\"background:url(javascript:alert(1))\">x</p>",
             "<p>x</p>"},
        // Post bodies keep class and id (comments do not: see the comment tests).
        Case{"class_and_id", "<div class=\"x\" id=\"y\" onclick=\"alert(1)\">z</div>",
             "<div class=\"x\" id=\"y\">z</div>"},
        // Event handlers.
        Case{"img_onerror", "<img src=x onerror=alert(1)>", "<img src=\"x\" alt=\"\">"},
        Case{"body_onload", "<body onload=alert(1)>text</body>", "text"},
        Case{"onmouseover_mixed_case", "<b OnMouseOver=\"alert(1)\">x</b>", "<b>x</b>"},
        Case{"slash_separated_handler", "<img/src=\"a.png\"/onerror=alert(1)>",
             "<img src=\"a.png\" alt=\"\">"},
        // Dangerous URL schemes, plain and obfuscated.
        Case{"javascript_href", "<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"},
        Case{"javascript_upper_space", "<a href=\" JAVASCRIPT:alert(1)\">x</a>", "<a>x</a>"},
        Case{"javascript_entity_tab", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>"},
        Case{"javascript_entity_newline", "<a href=\"jav&#10;ascript:alert(1)\">x</a>", "<a>x</a>"},
        Case{"javascript_decimal_entities",
             "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;"
             "alert(1)\">x</a>",
             "<a>x</a>"},
        Case{"javascript_hex_no_semicolon",
             "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">x</a>",
             "<a>x</a>"},
        Case{"javascript_named_colon", "<a href=\"javascript&colon;alert(1)\">x</a>", "<a>x</a>"},
        Case{"javascript_nul", "<a href=\"java\0script:alert(1)\">x</a>"s, "<a>x</a>"},
        Case{"javascript_leading_control", "<a href=\"\x01javascript:alert(1)\">x</a>", "<a>x</a>"},
        Case{"vbscript", "<a href=\"vbscript:msgbox(1)\">x</a>", "<a>x</a>"},
        Case{"data_href", "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "<a>x</a>"},
        Case{"data_img", "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">", ""},
        Case{"javascript_img", "<img src=\"javascript:alert(1)\" alt=\"a\">", ""},
        Case{"mailto_img", "<img src=\"mailto:a@b.example\">", ""},
        Case{"javascript_cite", "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
             "<blockquote>q</blockquote>"},
        Case{"unknown_scheme", "<a href=\"file:///etc/passwd\">x</a>", "<a>x</a>"},
        // Embedded documents and plug-ins.
        Case{"iframe", "<iframe src=\"https://evil.example\">fallback</iframe>ok", "ok"},
        Case{"object_embed", "<object data=x.swf><embed src=x.swf></object>ok", "ok"},
        Case{"meta_refresh", "<meta http-equiv=refresh content=\"0;url=javascript:1\">ok", "ok"},
        Case{"base_href", "<base href=\"https://evil.example/\">ok", "ok"},
        Case{"form_controls",
             "<form action=x><input value=v><textarea>t</textarea>"
             "<select><option>o</option></select><button>go</button></form>",
             "go"},
        // svg and math payloads.
        Case{"svg_onload", "<svg onload=alert(1)><circle r=1 /></svg>ok", "ok"},
        Case{"svg_script", "<svg><script>alert(1)</script></svg>ok", "ok"},
        Case{"svg_foreign_object",
             "<svg><foreignObject><p onclick=alert(1)>x</p></foreignObject></svg>", ""},
        Case{"math_style_mxss",
             "<math><mi><mglyph><style><img src=x onerror=alert(1)></style></mglyph></mi></math>",
             ""},
        Case{"math_href", "<math href=\"javascript:alert(1)\">x</math>", ""},
        // Unclosed and misnested tags.
        Case{"unclosed_tags", "<p><b>bold<i>both", "<p><b>bold<i>both</i></b></p>"},
        Case{"misnested", "<b>bold<i>both</b>italic</i>", "<b>bold<i>both</i></b><i>italic</i>"},
        Case{"stray_end_tags", "</div></p>text</b>", "<p></p>text"},
        Case{"unclosed_attribute", "<a href=\"https://ok.example/ title=x>y", ""},
        Case{"unterminated_tag", "text<img src=x onerror=alert(1)", "text"},
        // Comment and CDATA tricks.
        Case{"html_comment", "a<!-- <script>alert(1)</script> -->b", "ab"},
        Case{"comment_hiding_tag", "<!--<img src=x onerror=alert(1)>-->ok", "ok"},
        Case{"comment_bad_close", "<!-- x --!><img src=x onerror=alert(1)>",
             "<img src=\"x\" alt=\"\">"},
        Case{"cdata_in_html", "<![CDATA[<img src=x onerror=alert(1)>]]>", "]]&gt;"},
        Case{"conditional_comment", "<!--[if IE]><script>alert(1)</script><![endif]-->ok", "ok"},
        // Breaking out of attribute quotes.
        Case{"quote_break_title", "<a href=\"/x\" title='\"><script>alert(1)</script>'>t</a>",
             "<a href=\"/x\" title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">t</a>"},
        Case{"quote_break_alt", "<img src=a.png alt=\"&quot; onerror=&quot;alert(1)\">",
             "<img src=\"a.png\" alt=\"&quot; onerror=&quot;alert(1)\">"},
        Case{"backtick_attr", "<img src=`x` onerror=alert(1)>", "<img src=\"%60x%60\" alt=\"\">"},
        Case{"bad_width", "<img src=a.png width=\"1 onerror=alert(1)\" height=\"50\">",
             "<img src=\"a.png\" height=\"50\" alt=\"\">"},
        // Text that looks like markup stays text.
        Case{"escaped_text", "&lt;script&gt;alert(1)&lt;/script&gt;",
             "&lt;script&gt;alert(1)&lt;/script&gt;"},
        Case{"plaintext", "ok<plaintext><script>alert(1)</script>", "ok"},
        Case{"noscript_breakout",
             "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", ""},
        Case{"template", "<template><img src=x onerror=alert(1)></template>ok", "ok"},
        Case{"title_textarea", "<title><img src=x onerror=alert(1)></title>ok", "ok"},
        Case{"link_stylesheet", "<link rel=stylesheet href=//evil.example/x.css>ok", "ok"}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(SanitizeHtml, KeepsAllowedMarkupUnchanged) {
  const std::string kAllowed[] = {
      "<p>Plain <b>bold</b> <i>it</i> <em>em</em> <strong>s</strong> <u>u</u> <s>s</s> "
      "<del>d</del> <ins>i</ins> <sub>2</sub><sup>3</sup> "
      "<small>sm</small> <mark>m</mark> <code>c</code> <kbd>k</kbd> "
      "<samp>sa</samp> <var>v</var> <abbr title=\"HyperText\">HTML</abbr> "
      "<cite>c</cite> <dfn>d</dfn> <time datetime=\"2022-01-15\">Jan 15</time> "
      "<span>sp</span></p>",
      "<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6><hr>",
      "<blockquote cite=\"https://example.com/src\"><p>quoted</p></blockquote>"
      "<q cite=\"/local\">short</q>",
      "<ul><li>one</li></ul><ol start=\"3\" type=\"i\" reversed=\"\"><li>two</li></ol>"
      "<dl><dt>term</dt><dd>def</dd></dl>",
      "<a href=\"https://example.com/a?b=1&amp;c=2\" title=\"T\">link</a> "
      "<a href=\"mailto:me@example.com\">mail</a> <a href=\"/2022/01/x.html\">rel</a> "
      "<a href=\"#top\">top</a> <a id=\"top\">anchor</a>",
      "<figure><img src=\"https://example.com/a.png\" alt=\"A\" title=\"T\" width=\"640\" "
      "height=\"480\"><figcaption>cap</figcaption></figure>",
      "<table><caption>c</caption><colgroup><col span=\"2\"></colgroup><thead><tr>"
      "<th colspan=\"2\" rowspan=\"1\" align=\"left\" scope=\"col\">h</th></tr></thead>"
      "<tbody><tr><td colspan=\"1\" rowspan=\"2\" align=\"center\">d</td></tr></tbody>"
      "<tfoot><tr><td>f</td></tr></tfoot></table>",
      "<div><div align=\"center\">c</div></div><details><summary>more</summary>hidden</details>",
      "<pre>line 1\n  line 2</pre><p>a<br>b</p>",
  };
  for (const std::string& html : kAllowed) EXPECT_EQ(Post(html), html);
}

TEST(SanitizeHtml, UnwrapsUnknownElementsButKeepsTheirText) {
  EXPECT_EQ(Post("<font color=red>red</font> <my-widget>w</my-widget> <blink>s</blink>"),
            "red w s");
}

TEST(SanitizeHtml, KeepsALeadingNewlineInPre) {
  // The parser eats one line feed after <pre>; the second one is content.
  EXPECT_EQ(Post("<pre>\n\nx</pre>"), "<pre>\n\nx</pre>");
}

TEST(SanitizeHtml, UnwrapsElementsABrowserWouldReparseElsewhere) {
  // Removing <button> would leave a <div> inside a <p>; a browser would split the <p>.
  EXPECT_EQ(Post("<p><button><div>x</div></button>y</p>"), "<p>xy</p>");
  // Links never nest; the inner one loses its tag and keeps its text.
  EXPECT_EQ(Post("<a href=\"/1\">one<table><tr><td><a href=\"/2\">two</a></td></tr></table></a>"),
            "<a href=\"/1\">one<table><tbody><tr><td>two</td></tr></tbody></table></a>");
  EXPECT_EQ(Post("<ul><li><button><li>inner</li></button></li></ul>"), "<ul><li>inner</li></ul>");
}

TEST(SanitizeHtml, OutputIsStableWhenSanitizedAgain) {
  const std::string inputs[] = {"<b>bold<i>both</b>italic</i>",
                                "<p>a<p>b<ul><li>x<li>y</ul>",
                                "<a href=\"x\">1<a href=\"y\">2</a></a>",
                                "<table><tr><td>x<form>y</form></td></tr></table>",
                                "<pre>\n\n\nx</pre>",
                                "<iframe src=//www.youtube.com/embed/x allowfullscreen "
                                "sandbox=x>t</iframe>",
                                "<video controls><source src=v.mp4><track src=s.vtt>f</video>",
                                "<p style=\"text-decoration: underline overline; color: #abc; "
                                "border: 1px solid rgba(0,0,0,.5)\">x</p>",
                                "<p class=\" a  b! language-c# \">x</p>",
                                "<ul><li><input type=checkbox checked>x</ul>",
                                "a<!--more Read on &amp; on-->b<!--more-->c",
                                "<a name=more data-more-text=\"x\"></a><a name=more>y</a>",
                                "<p><section id=s>x</section><figure>y</figure>",
                                "<p>\x01<source src=x>"};
  for (const std::string& html : inputs) {
    const std::string once = Post(html);
    EXPECT_EQ(Post(once), once) << html;
  }
}

TEST(SanitizeHtml, CommentPolicyKeepsOnlyBIAAndBr) {
  EXPECT_EQ(Comment("<b>b</b> <i>i</i> <em>em</em> <p>para</p> <img src=a.png> "
                    "<h1>head</h1><br>end"),
            "<b>b</b> <i>i</i> em para  head<br>end");
}

TEST(SanitizeHtml, CommentLinksGetNofollowUgc) {
  EXPECT_EQ(Comment("see <a href=\"https://example.com\" title=\"t\" rel=\"me\">this</a>"),
            "see <a href=\"https://example.com\" rel=\"nofollow ugc\">this</a>");
  EXPECT_EQ(Comment("<a href=\"javascript:alert(1)\">x</a>"), "<a>x</a>");
}

// HTML allows rel and target only on a link: one whose href was missing or refused
// keeps neither.
TEST(SanitizeHtml, LinkWithoutHrefLosesRelAndTarget) {
  EXPECT_EQ(Comment("<a>x</a> <a href=\"vbscript:msgbox\" rel=\"me\">y</a>"), "<a>x</a> <a>y</a>");
  EXPECT_EQ(Post("<a target=\"_blank\">x</a><a href=\"javascript:x\" target=\"_blank\">y</a>"),
            "<a>x</a><a>y</a>");
  EXPECT_EQ(Post("<a href=\"https://a.example/\" target=\"_blank\">z</a>"),
            "<a href=\"https://a.example/\" target=\"_blank\" rel=\"noopener\">z</a>");
  // An anchor's name becomes its id (HTML5's form of the same anchor).
  EXPECT_EQ(Post("<a name=\"part2\">Part 2</a>"), "<a id=\"part2\">Part 2</a>");
  EXPECT_EQ(Post("<a name=\"more\"></a>"), "<a name=\"more\"></a>");  // the jump break
}

TEST(SanitizeHtml, UrlsThatAreNotUrlsAreDropped) {
  EXPECT_EQ(Comment("<a href=\"http:foo\">a</a> <a href=\"http://\">b</a> "
                    "<a href=\"http://1.2.3.4444/\">c</a> <a href=\"http://x:99999/\">d</a> "
                    "<a href=\"http://exa mple.com/\">e</a> <a href=\"http://[::1/\">f</a>"),
            "<a>a</a> <a>b</a> <a>c</a> <a>d</a> <a>e</a> <a>f</a>");
  EXPECT_EQ(Post("<img src=\"http:///x.png\"><q cite=\"http://a b/\">q</q>"), "<q>q</q>");
  SanitizeReport report;
  SanitizeHtml("<a href=\"http://%zz/\">x</a>", SanitizePolicy::kComment, &report);
  EXPECT_EQ(report.Describe(), "1 \u00d7 href that is not a URL");
}

TEST(SanitizeHtml, UrlsAreWrittenAnewPercentEncoded) {
  EXPECT_EQ(Comment("<a href=\" https://example.com/a b/ü?q=<x>#f#g \">x</a>"),
            "<a href=\"https://example.com/a%20b/%C3%BC?q=%3Cx%3E#f%23g\" "
            "rel=\"nofollow ugc\">x</a>");
  EXPECT_EQ(Post("<img src=\"/a[1]\\b%.png\" alt=\"\">"),
            "<img src=\"/a%5B1%5D%5Cb%25.png\" alt=\"\">");
  EXPECT_EQ(Comment("<a href=\"HTTP://user:pw@Example.com:8080/\">x</a>"),
            "<a href=\"http://Example.com:8080/\" rel=\"nofollow ugc\">x</a>");
  EXPECT_EQ(Comment("<a href=\"http://[::1]/x\">x</a><a href=\"mailto:a b@c\">m</a>"),
            "<a href=\"http://[::1]/x\" rel=\"nofollow ugc\">x</a>"
            "<a href=\"mailto:a%20b@c\" rel=\"nofollow ugc\">m</a>");
}

// What HTML's content models forbid is unwrapped, its content kept.
TEST(SanitizeHtml, KeepsToHtmlContentModels) {
  EXPECT_EQ(Post("<i><p>a</p></i><span><div>b</div></span>"), "<i>a</i><span>b</span>");
  EXPECT_EQ(Post("<li>c</li><dd>d</dd><figcaption>e</figcaption>"), "cde");
  EXPECT_EQ(Post("<ul><li><div>f</div></li></ul>"), "<ul><li><div>f</div></li></ul>");
  EXPECT_EQ(Post("<a href=\"/x\"><details>g</details></a>"), "<a href=\"/x\">g</a>");
  EXPECT_EQ(Post("<details><p>h</p></details>"),
            "<details><summary>Details</summary><p>h</p></details>");
  EXPECT_EQ(Post("<details> <summary>s</summary>i</details>"),
            "<details> <summary>s</summary>i</details>");
  EXPECT_EQ(Post("<details>j<summary>s</summary></details>"),
            "<details><summary>Details</summary>js</details>");
}

TEST(SanitizeHtml, AttributeValuesHtmlConstrains) {
  EXPECT_EQ(Post("<img src=\"a.png\" width=\"50%\" height=\"-3\">"),
            "<img src=\"a.png\" alt=\"\">");
  EXPECT_EQ(Post("<table><tr><td colspan=\"0\" rowspan=\"0\">x</td></tr></table>"),
            "<table><tbody><tr><td rowspan=\"0\">x</td></tr></tbody></table>");
  EXPECT_EQ(
      Post("<time datetime=\"garbage\">a</time><time datetime=\"2022-01-15T16:18:05Z\">b</time>"),
      "<time>a</time><time datetime=\"2022-01-15T16:18:05Z\">b</time>");
  EXPECT_EQ(Post("<span id=\"x\">1</span><span id=\"x\">2</span>"),
            "<span id=\"x\">1</span><span>2</span>");
  EXPECT_EQ(Post("<center>c</center><strike>s</strike><tt>t</tt><big>b</big>"),
            "<div align=\"center\">c</div><s>s</s><code>t</code>b");
}

TEST(SanitizeHtml, CommentLineBreaksBecomeBr) {
  EXPECT_EQ(Comment("first line\nsecond line\r\nthird\n\nnew paragraph"),
            "first line<br>second line<br>third<br><br>new paragraph");
  EXPECT_EQ(Comment("\n  trimmed  \n"), "trimmed");
}

TEST(SanitizeHtml, CommentPolicyRefusesScript) {
  EXPECT_EQ(Comment("nice post<script>steal()</script><b onclick=x>!</b>"), "nice post<b>!</b>");
}

TEST(SanitizeHtml, ReplacesInvalidUtf8) {
  const std::string out = Post("<p>caf\xC3 \xFF\xFE ok \xED\xA0\x80</p>");
  EXPECT_TRUE(IsValidUtf8(out));
  EXPECT_EQ(out,
            "<p>caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD ok "
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD</p>");
  EXPECT_TRUE(IsValidUtf8(Post("<a title=\"\xC0\xAF\">x</a>")));
  EXPECT_TRUE(IsValidUtf8(Comment("\xF5\x80\x80\x80")));
}

TEST(SanitizeHtml, RemovesCharactersHtmlAndXmlForbid) {
  EXPECT_EQ(Post("<p>a\x01"
                 "b\x0B"
                 "c\tok</p>"),
            "<p>abc\tok</p>");
  EXPECT_EQ(Post("<abbr title=\"a\x02\">\xEF\xBF\xBEx</abbr>"), "<abbr title=\"a\">x</abbr>");
  EXPECT_EQ(Comment("\x01\x02\x03"
                    "Ann\x7F\xC2\x85 <a href=\"/x\x01y\">\xEF\xB7\x90z</a>"),
            "Ann <a href=\"/xy\" rel=\"nofollow ugc\">z</a>");
}

// Found by fuzz/fuzz_sanitize (the input inline): a carriage return from a character
// reference was written raw, which a second pass read as a line feed, so the output was no
// fixed point.
TEST(SanitizeHtml, CarriageReturnReferenceIsWrittenAsLineFeed) {
  const std::string found =
      "<b "
      "onco\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4\xa4"
      "\xa4\xa4\xa4<div>href='jav&#x0D;ascript:alert(1)'ck=alert(>click 161)/<//a>";
  EXPECT_EQ(Post(found), "<b>href='jav\nascript:alert(1)'ck=alert(&gt;click 161)/</b>");
  EXPECT_EQ(Post(Post(found)), Post(found));
  EXPECT_EQ(Post("<abbr title=\"a&#13;b\">x</abbr>a&#13;b"), "<abbr title=\"a\nb\">x</abbr>a\nb");
  EXPECT_EQ(Comment("a&#13;b"), "a<br>b");
}

// Found by fuzz/fuzz_sanitize (the input inline): a noncharacter from a character reference
// (&#x10FFFF;) was written as it is, which gumbo reads as U+FFFD, so a second pass changed
// the output. DEL, C1 controls and noncharacters are removed from text; in a URL they are
// percent-encoded, as every URL is written back (text::NormalizeUrl).
TEST(SanitizeHtml, NoncharacterReferenceIsRemoved) {
  const std::string found =
      "<a href=\" jav\xd2"
      "a o<textarea autofocus onfocus&#x10FFFF;=\"https://example.com/\" onrepeat=\"cert(1)<form>>"
      "script:a,ert(1)\">colick nsole3<.log('pwned')\">link onrepeat</a+/a>\0\0\0\0\0\0\0~"s;
  EXPECT_EQ(Post(found),
            "<a href=\"jav%EF%BF%BDa%20o%3Ctextarea%20autofocus%20onfocus%F4%8F%BF%BF=\">colick "
            "nsole3&lt;.log('pwned')\"&gt;link onrepeat~</a>");
  EXPECT_EQ(Post(Post(found)), Post(found));
  EXPECT_EQ(Post("<p>a&#x7F;b&#x81;c&#xFDD0;d&#x1FFFE;e</p>"), "<p>abcde</p>");
}

// `s` `n` times, to write the fuzzers' deeply nested inputs below.
std::string Times(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Found by fuzz/fuzz_sanitize (the input inline): the nesting guard counts the input's
// tags, but the parser re-opens formatting elements, so the output nested 257 <b> deep and
// a second pass cut one. Elements deeper than 256 in the output are unwrapped.
TEST(SanitizeHtml, FormattingElementsReopenedPastTheNestingCapAreUnwrapped) {
  const std::string found = Times("<b>", 377) + "<b" + Times("<b>", 14) + "<><b><b><b><" +
                            Times("<b>", 59) + "<b<><b>b>" + Times("<b>", 5) +
                            "sc<t arkkci<td>nd=\"captions\"!<!\x1e->" + Times("<b>", 29) + ">" +
                            Times("<b>", 264) + "<img src=x onerror=alert(1)>";
  SanitizeReport report;
  const std::string once = SanitizeHtml(found, SanitizePolicy::kPostBody, &report);
  EXPECT_EQ(Post(once), once);
  EXPECT_NE(report.Describe().find("nesting deeper than 256"), std::string::npos);
  EXPECT_NE(once.find("<img src=\"x\" alt=\"\">"), std::string::npos);
}

// Found by fuzz/fuzz_sanitize (the input inline): a <!--more …--> jump break 256 elements
// deep was written as <a name="more">, one deeper than a second pass lets stand.
TEST(SanitizeHtml, JumpBreakPastTheNestingCapIsNotWritten) {
  const std::string found = Times("<div>", 254) + "<<ul><li>div>" + Times("<div>", 5) +
                            "<b\nonclick=al)>newline</b>div>" + Times("<div>", 21) +
                            "<v><div><div><div><div><<b>\u202ekil.exei></p>bidi<b>\u202ekil.exei>"
                            "</p>b<!--more idi</;i>/;i>" +
                            Times("<div>", 26) + "<img src=x onerror=alert(0)>";
  const std::string once = Post(found);
  EXPECT_EQ(Post(once), once);
  EXPECT_EQ(once.find("name=\"more\""), std::string::npos);
  EXPECT_EQ(Post(Times("<div>", 256) + "a<!--more Read on-->b"),
            Times("<div>", 256) + "ab" + Times("</div>", 256));
}

// Found by fuzz/fuzz_sanitize (the input inline): the parser re-opened more formatting
// elements than the nesting guard lets be unclosed at once, and a second pass cut one.
// A formatting element past the guard's count is unwrapped.
TEST(SanitizeHtml, FormattingElementsPastTheReopeningCapAreUnwrapped) {
  const std::string found =
      Times("<b>", 15) + "<<\">"s + Times("<b>", 19) + "<b\xff>"s + Times("<b>", 9) +
      "<<pre><code class=\"language->"s + Times("<b>", 11) +
      "<</spyle><scr> &lt;more -ore -->re "
      "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
      "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff--><<<<<<a "
      "hre<tab\x01\x82\x00\x00<b>\xe2\x80\xaekb>\xe2\x80\xae\xebnil.exe</"
      "b<b>\xe2\x80\xaekb>\xe2\x80\xaeknil.exe</b> <i>d<f=\"https://ex<cr> &lt;more -ore -->re "
      "\xff<<\"https://ex<<<<<<<<<<<<<<<<<<<<<<caption><<<<<<<<<<<ample.com/\" "
      "o<<<caption><<<<<<<<<<<ample.com/\"nil.exe</b> <i>dle><tr><td><b><a FFFFFFFFFFFFFFFFFFFF\x06"
      "FFFF\x12"
      "Fbe><f=\" jb><b>FFh\x00\x00\x00\x00\x00\x00\x00\xc0\x9esc<nil.exe<> "
      "<i>d/bripT:alert(<trab><b><b><</spyle><scr> &lt;more -ore -->re "
      "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
      "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff--><<<<<<a "
      "hre<tab\x01\x82\x00\x00<b>\xe2\x80\xaekb>\xe2\x80\xae\xebnil.exe</"
      "b<b>\xe2\x80\xaekb>\xe2\x80\xaeknil.exe</b> <i>d<f=\"https://ex<cr> &lt;more -ore -->re "
      "\xff<<\"https://ex<<<<<<<<<<<<<<<<<<<<<<caption><<<<<<<<<<<ample.com/\" "
      "o<<<caption><<<<<<<<<<<ample.com/\"nil.exe</b> <i>dle><tr><td><b><a FFFFFFFFFFFFFFFFFFFF\x06"
      "FFFF\x12"
      "Fbe><f=\" jb><b>FFh\x00\x00\x00\x00\x00\x00\x00\xc0\x9esc<nil.exe<> <i>d/bripT:alert(<track "
      "kin&b><b><bad=\"capti<a name=\"more\"> onloadedmetadata=\"alert(0)\">link "
      "on<<<<<<<<<loadedmetadata<<<<<<<<<<<</onsck kin&b><b><bad=\"capti<a name=\"more\"> "
      "onloadedmetadata=\"alert(0)\">link "
      "on<<<<<<<<<loadedmetadata<<<<<<<<<<<</ons\"><iv/\x00/<<<<#<<i\x00"
      "abv\x00<<<<<a><<<<<rii -more -orea>bi -->ript>ib<\x00>bei\x12>>"s;
  SanitizeReport report;
  const std::string once = SanitizeHtml(found, SanitizePolicy::kPostBody, &report);
  EXPECT_EQ(Post(once), once);
  EXPECT_NE(report.Describe().find("more than 8 unclosed formatting elements"), std::string::npos);
  // Nine distinct formatting elements, open at once: the ninth goes, its text stays.
  EXPECT_EQ(Post("<b><i><u><s><em><strong><code><small><big>x</big>"),
            "<b><i><u><s><em><strong><code><small>x</small></code></strong></em></s></u></i></b>");
}

// Found by fuzz/fuzz_sanitize (the input inline): a <summary> whose parent was unwrapped
// (an unknown element) was the first thing of that parent but landed after other content
// of the <details> around it, where a second pass unwrapped it. A <summary> is written
// only as the first thing of its own <details>.
TEST(SanitizeHtml, SummaryOfAnUnwrappedParentIsUnwrapped) {
  EXPECT_EQ(Post("<details>text<foo><summary>s</summary></foo></details>"),
            "<details><summary>Details</summary>texts</details>");
  const std::string found =
      "<details ontxtog<sgtailvg><animate xlink:href=#x attributeNams>e=href values=js!\x00"
      "tyle=alert(0)\xfd\xff\x00\x00 open><summ\xef\xbf\xbf"
      "ary>s</summary>d</detailvg"
      "><animate xlink:href=#x aary>s</summary>d</detailvg><anima0) open><summ\xef\xbf\xbf"
      "ary>s</summary>d</de|ailvg><anim><div><div><div><div><div><div><div><div><div><di"
      "v><d,v><div><div><div><div><div><div><div><div><div><div><div><div><div><div><div"
      "><div><div><div><div><div><CCCCCCCCCC\xc1\xbbtext x=20 y=20>XSS</te|t></a></svg>"s;
  EXPECT_EQ(Post(Post(found)), Post(found));
}

// Found by fuzz/fuzz_sanitize (the input inline): a <li> left inside a <p> once the list
// around it was removed; a second pass saw the <li> close the <p>. A list item is written
// only directly inside a list (<dd> and <dt> inside a <dl>).
TEST(SanitizeHtml, ListItemOutsideAListIsUnwrapped) {
  const std::string found =
      "<s t>alert( dir=\"r\xf9l\"onr=2cr^^^^^^^^^^^^^^^^^^<p><b>\x00<a "
      "name=\"more\">\x00\x00\x00\x00\x00\x00=\x00\x00\x00\x00\x00\x00\x00w\xe2\x02\x00\xe0 "
      "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00<<a "
      "href=\"htt>>>>>>>\x00\x00\x00\xb4\x00\x00\x00<input typput type=scroll=al\"c<b>ert(1)>bold "
      "onscroll<almasrc~ip\xa0:alm\x00\x00\x00"
      "1)><butp\xa0:alm\x00\x00\x00"
      "1)><button>gotde=\"che<td backg\x1f=uor\"dhtt</button><nscroll=alert(0)>bold "
      "onscroll<alm\x00\x00p\xcf\xfd/\"https://example.co\x00"
      "1)\xc4<button>go\x00\x00\x00"
      "1)><button>go</but[m/\"ton>x</b></i></2>x<a><img class=\"a/\x00\x00\x00\x00>>>>>>>>>>>>>>>>>>>>>>>e.com/'><scrit>alert(2)</script>\"<ul><li>>gt</a>iv><<au\xa2io>v>"s +
      Times("<div>", 9) +
      "<d\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xffiv>"s +
      Times("<div>", 20) + "div>"s + Times("<div>", 9) +
      "<d-iv><div><divd>d<<v>iiv><div><div><plaintiv>*div><div><div><div><di<di<b \"\"\"><sv><div><div><\x9c\x96\x89\xbd\xbc\x9b\x96\x89\xc1\xc3\x9b\x96v>"s +
      Times("<div>", 8) + "c</s\xef\xbf\xbfpt>t(1)<<div><div><div><<div> elementdiv>"s +
      Times("<div>", 30) +
      "<d<b>iv><div><div><div<b \"\"\"><sc</s\xef\xbf\xbfpt>t(1)</s\xef\xbfiv>"s +
      Times("<div>", 12) + "<pre><code clasv><<audio>v>"s + Times("<div>", 51) +
      "<div</td></tr></tableCCCCCCCCCs=\"language-<aiv><div><div><dvi>"s + Times("<div>", 10) +
      "<d>iv"s + Times("<div>", 6) +
      "<dalert( dir=\"r\xf9l\"onr=2cr^^^^^^^^^^^^^^^^^^<p><b>\x00<a name=\"mor\x00\x00\x00"
      "1)><butp\xa0:alm\x00\x00\x00"
      "1)><button>gotde=\"che<td backg\x1f=uor\"dhtt</button><nscroll=alert(0)>bold "
      "onscroll<alm\x00\x00p\xcf\xfd/\"https://example.co\x00"
      "1x</td></tr></tableCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC\xff"
      "CCCCCCCCCC>\x00\x00\x00<video><Vsource "
      "onerror=a2<Vsou></tr><t:alert1<)\"tr(>><td>x</p></div></div></"
      "d\">div><div><div>iv><div><div><div><div><d-iv><div><divd>d<<v>iiv><div><div><plaintiv>*<di<"
      "b \"\"\"><sv><div><div><\x9c\x96\x89\xbd<div><divCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC\xff"
      "CCCCCCCCCC>\x00\x00\x00<vide><div><div><div><div><dive\">\x00\x00\x00\x00\x00\x00="
      "\x00\x00\x00\x00\x00\x00\x00w\xe2\x02\x00\xe0 "
      "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00<tanle "
      "background=\"javascript:ale<svg>\"tr(>><td>x</td>\"tr(>><td>x</td></"
      "tr><t:alert1<)\"tr(>><td>x</td></tr></tableCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC\xff"
      "CCCCCCCCCC>\x00\x00\x00<video><Vsource onerror=a2<Vsou></tr><t:alert1<)\"tr(>><td>x</p></div></d\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00iv></d\">div>"s +
      Times("<div>", 7) + "<</p></div></div></d\">div>"s + Times("<div>", 12) +
      "<<au\xa2io>v><div><div><div><>"s + Times("<div>", 12) +
      "<o><Vsoudiv><div><div><di)\"tr(>><td>x</p></divv>><div><div><div><div><divofinzut au colspan=div><div><div>"s;
  const std::string once = Post(found);
  EXPECT_EQ(Post(once), once);
  EXPECT_EQ(Post("<p>a<li>b</li></p>"), "<p>a</p>b<p></p>");
  EXPECT_EQ(Post("<div><dd>a</dd></div><ul><li>b</li></ul>"), "<div>a</div><ul><li>b</li></ul>");
}

TEST(SanitizeHtml, KeepsNonAsciiText) {
  EXPECT_EQ(Post("<p>Қазақстан — 日本語 &amp; &eacute;</p>"), "<p>Қазақстан — 日本語 &amp; é</p>");
}

TEST(SanitizeHtml, EmptyInput) {
  EXPECT_EQ(Post(""), "");
  EXPECT_EQ(Comment(""), "");
}

TEST(SanitizeHtml, SurvivesDeepNesting) {
  std::string html;
  for (int i = 0; i < 20000; ++i) html += "<div><span>";
  html += "deep";
  const std::string out = Post(html);
  EXPECT_NE(out.find("deep"), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 13), "</span></div>");
}

}  // namespace
}  // namespace samizdat::text

namespace samizdat::text {
namespace {

// Random soups of HTML fragments, hostile and harmless, from a fixed seed: the output must
// be valid UTF-8, free of anything executable, and a fixed point of the sanitizer (a
// second pass changes nothing, so nothing is hiding behind a re-parse).
TEST(SanitizeHtml, RandomTagSoupIsSafeAndStable) {
  const char* kPieces[] = {
      "<p>",
      "</p>",
      "<b>",
      "</b>",
      "<i>",
      "<a href=\"https://e.example/?a=1&b=2\">",
      "</a>",
      "<a href=\"javascript:alert(1)\">",
      "<table>",
      "<tr>",
      "<td>",
      "</table>",
      "<ul>",
      "<li>",
      "</ul>",
      "<pre>\n",
      "</pre>",
      "<script>",
      "</script>",
      "<style>",
      "<svg>",
      "<math>",
      "<mi>",
      "<mglyph>",
      "<!--",
      "-->",
      "<![CDATA[",
      "]]>",
      "<img src=x.png ",
      "onerror=alert(1)",
      ">",
      "\"",
      "'",
      "&amp;",
      "&lt;",
      "&#0;",
      "\xFF",
      "\xC3",
      "text ",
      "\n",
      "<form>",
      "<select>",
      "<option>",
      "<textarea>",
      "</textarea>",
      "<noscript>",
      "<div title=\"",
      "<blockquote>",
      "<h2>",
      "<br>",
      "<hr>",
      "<dl><dt>",
      "<dd>",
      "<caption>",
      "<colgroup><col span=2>",
      "<template>",
      "<xmp>",
      "<iframe>",
      "<object>",
      "=",
      "/",
      "<iframe src=https://www.youtube.com/embed/x>",
      "<iframe src=https://evil.example/embed/x>",
      "</iframe>",
      "<video controls>",
      "<source src=v.mp4>",
      "<source src=javascript:alert(1)>",
      "<p style=\"text-align:center;position:absolute;background:url(x)\">",
      "<span class=\"a b!\">",
      "<input type=checkbox checked>",
      "<!--more-->",
      "<!--more text-->",
      "<a name=more>",
      "<section id=s>",
      "<figure>",
      "<details><summary>",
  };
  constexpr std::size_t kCount = sizeof(kPieces) / sizeof(kPieces[0]);
  std::uint32_t state = 2022;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (int round = 0; round < 500; ++round) {
    std::string html;
    const int length = 1 + static_cast<int>(next() % 30);
    for (int i = 0; i < length; ++i) html += kPieces[next() % kCount];
    for (SanitizePolicy policy : {SanitizePolicy::kPostBody, SanitizePolicy::kComment}) {
      const std::string once = SanitizeHtml(html, policy);
      EXPECT_TRUE(IsValidUtf8(once)) << html;
      // Text escapes '<' and '>', so every '<' ... '>' span of the output is a tag.
      for (std::size_t open = once.find('<'); open != std::string::npos;
           open = once.find('<', open + 1)) {
        std::string tag = once.substr(open, once.find('>', open) - open);
        // Attribute values are always double-quoted with '"' escaped: blank them out.
        for (std::size_t q = tag.find('"'); q != std::string::npos; q = tag.find('"')) {
          tag.erase(q, tag.find('"', q + 1) - q + 1);
        }
        for (const char* bad :
             {"<script", "<svg", "<math", "<style", "<textarea", "<select", "<object", "<template",
              "<xmp", "javascript:", "onerror", "position", "url(", "evil.example"}) {
          EXPECT_EQ(tag.find(bad), std::string::npos) << "input: " << html << "\nonce: " << once;
        }
        if (policy == SanitizePolicy::kComment) {
          for (const char* bad : {"<iframe", "<video", "<source", "<input", "<section"}) {
            EXPECT_EQ(tag.find(bad), std::string::npos) << "input: " << html;
          }
        }
      }
      EXPECT_EQ(SanitizeHtml(once, policy), once) << "input: " << html << "\nonce: " << once;
    }
  }
}

}  // namespace
}  // namespace samizdat::text
