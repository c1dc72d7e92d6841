// The one HTML sanitizer: every piece of untrusted HTML (post bodies, imported posts,
// comments) passes through SanitizeHtml before it is stored or served, under one of two
// policies. All functions are pure and thread-safe (SanitizeReport: one per thread).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"  // IsValidUtf8, part of this header's contract

namespace samizdat::text {

enum class SanitizePolicy {
  // Post and page bodies, written by the blog's authors: what Blogger and WordPress
  // authors use. Allowed elements and their attributes (besides class, style and dir,
  // below; align is left/center/right/justify):
  //   p(align) br hr h1-h6(id,align) b i em strong u s strike del ins sub sup(id) small big mark
  //   blockquote(cite) q(cite) code pre kbd samp var tt ul ol(start,type,reversed)
  //   li(id) dl dt dd a(href,title,name,id,target) abbr(title) cite dfn time(datetime)
  //   span(id) div(id,align) center section(id) figure(id) figcaption details summary
  //   img(src,alt,title,width,height,loading,border,id,align: left/right/top/middle/bottom)
  //   table(border,cellpadding,cellspacing,width,align,summary) caption colgroup col(span)
  //   thead tbody tfoot tr td(colspan,rowspan,align,valign,width)
  //   th(colspan,rowspan,align,valign,width,scope)
  //   video(src,poster,width,height,controls,loop,muted,preload)
  //   audio(src,controls,loop,muted,preload) source(src,type) track(src,kind,srclang,label)
  //   iframe(src,width,height,title,frameborder)
  //   input: only type="checkbox" (Markdown task lists), always written as
  //     <input type="checkbox" disabled>, with checked if the author had it.
  // A link whose target opens another window ("_blank", Blogger's "ext", "_new") is
  //   written with target="_blank" rel="noopener"; the author's own rel is not kept.
  // On every allowed element:
  //   dir: ltr, rtl or auto.
  //   class: names of [A-Za-z0-9_-], or "language-" and any characters but controls (a
  //     Markdown code block's language as written); others are dropped.
  //   style: parsed as CSS declarations by MyCSS; kept are text-align, float, clear,
  //     width, height, max-width, color, background-color, font-style, font-weight,
  //     text-decoration, margin and padding (and their sides), border (and its sides),
  //     border-width/-style/-color, each with a value MyCSS understands and without url(
  //     or expression; they are written back as MyCSS serializes them ("a: b; c: d").
  //   id (where listed): must match [A-Za-z][A-Za-z0-9_:.-]*.
  // iframe: src must be an embed provider's player URL (YouTube and youtube-nocookie,
  //   Vimeo, Google Maps, Drive, Docs, Calendar, Dailymotion, SoundCloud, Spotify,
  //   Bandcamp, Internet Archive; the list with hosts and paths is in embed_url.h),
  //   written with https (http:// and //host become https://), otherwise the iframe is
  //   removed. Its content is dropped, and it always gets
  //   sandbox="allow-scripts allow-same-origin allow-popups allow-presentation", a fixed
  //   allow="..." list (fullscreen among it) and loading="lazy"; the author's sandbox, allow,
  //   loading and allowfullscreen are ignored.
  // Jump break: the first of
  //   - an <a name="more"> element (Blogger), kept as it is, and
  //   - an HTML comment whose text, trimmed, is "more" (Blogger's <!-- more -->,
  //     WordPress's <!--more-->) or starts with "more " (<!--more Custom text-->),
  //     written as <a name="more"></a>, or with the custom text as
  //     <a name="more" data-more-text="Custom text"></a> (data-more-text is kept there
  //     and nowhere else)
  //   is the post's jump break; later ones are removed (a later <a name="more"> keeps
  //   its content) and not reported.
  kPostBody,
  // Reader comments, as Blogger allows them: b, i, a(href) and br only. Every <a> gets
  // rel="nofollow ugc"; line breaks in the text become <br>; white space around the
  // whole comment is trimmed. No class, style or id; no embeds; comments are dropped.
  kComment,
};

// Returns `html` reduced to what `policy` allows, as a well-formed HTML fragment that
// can be embedded in a page (or, as escaped text, in an Atom feed) as it is:
//   - The input is parsed as a browser parses a <body>'s innerHTML (gumbo, HTML5), so
//     unclosed and misnested tags are resolved the way browsers resolve them.
//   - Nesting is capped before parsing (gumbo is quadratic on deep nesting): a start tag
//     that would open an element more than 256 deep is dropped with its end tag (its
//     content stays), as is a formatting element (b, i, a, font...) beyond 8 unclosed
//     ones. Input that nests less deeply, however sloppy, is left as it is. So every
//     call costs time linear in the size of `html`.
//   - Allowed elements keep only their allowed attributes. No on* attribute survives
//     anywhere, nor class, style or id under kComment.
//   - URLs: href and cite accept only http:, https:, mailto: and relative URLs (including
//     "#fragment"); img, video, audio, source and track src and video poster accept only
//     http:, https: and relative URLs. The check runs on the decoded value after removing
//     white space and control characters, and is case-insensitive, so "jav&#x09;ascript:",
//     " JAVASCRIPT:" and "java\0script:" are all refused. A refused href/cite/poster is
//     removed (the element stays); an <img>, <source>, <track> or <iframe> without an
//     acceptable src is removed.
//   - width/height/border/cellpadding/cellspacing/frameborder must be digits, optionally
//     followed by '%'; colspan, rowspan, span and start must be integers; ol type, align,
//     valign, scope, preload, kind and loading must be one of their keywords. Attributes
//     that fail are removed.
//   - Other elements are unwrapped: the element goes, its content stays. The exceptions
//     are removed with everything inside them: script, style, object, embed, applet,
//     noscript, noembed, noframes, template, title, textarea, select, option, datalist,
//     svg, math, head, meta, link, base, frame(set), canvas, xmp, plaintext, and (under
//     kComment, or when not allowed as above) iframe, audio, video, source.
//   - An allowed element is also unwrapped where a browser re-parsing the output would
//     put it somewhere else (a link inside a link, a <div> left inside a <p> once an
//     element between them was removed, table parts outside their table, a <source>
//     outside <video>/<audio>), so the output is a fixed point:
//     SanitizeHtml(SanitizeHtml(x, p), p) == SanitizeHtml(x, p).
//   - HTML comments (other than jump breaks) and CDATA tricks are dropped; text is
//     re-escaped (& < >), attribute values are always double-quoted and escaped, every
//     element opened is closed and void elements are written as <br>, <img ...>.
//   - Ill-formed UTF-8 is replaced by U+FFFD, and characters XML 1.0 forbids (C0
//     controls other than tab/LF/CR, U+FFFE, U+FFFF) are removed, so the output is valid
//     UTF-8 that is also safe inside XML. Those HTML forbids besides (DEL, C1 controls,
//     noncharacters) are removed too; a carriage return becomes a line feed.
//
// If `report` is not null, what was taken out is added to it (see SanitizeReport):
// "<script> element", "<font> element", "misplaced <tr> element", "onclick attribute",
// "javascript: link", "javascript: source", "<img> without src", "<iframe> from
// evil.example", "style property position", "style value url(…)", "class name",
// "nesting deeper than 256"... Not reported: HTML comments (readers never saw them),
// attributes the sanitizer sets itself (iframe sandbox/allow/loading/allowfullscreen, a
// link's rel, a post link's target that names the page itself), Blogger's editor markers
// (trbidi, imageanchor, data-original-width and -height) and later jump breaks.
std::string SanitizeHtml(std::string_view html, SanitizePolicy policy,
                         struct SanitizeReport* report = nullptr);

// What the sanitizer took out of one input, for the editor ("these will be removed") and
// the import summary. Kinds of removal are listed once each, in the order first met, with
// how often they occurred.
struct SanitizeReport {
  struct Removed {
    std::string what;  // for a person: "<script> element", "style property position"
    int count = 0;
  };
  std::vector<Removed> removed;

  // Adds `count` occurrences of `what`.
  void Add(std::string_view what, int count = 1);
  // Adds every entry of `other` (for an import summing up its posts).
  void Merge(const SanitizeReport& other);
  bool empty() const { return removed.empty(); }
  int Total() const;
  // "2 × <script> element, 1 × style property position"; "" when nothing was removed.
  std::string Describe() const;
};

}  // namespace samizdat::text
