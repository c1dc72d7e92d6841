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
  //   p(align) br hr h1-h6(id,align) b i em strong u s strike del ins sub sup(id) small mark
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
  // Obsolete elements are written in their HTML5 form: strike as s, tt as code, center as
  //   <div align="center">. An <img> without alt gets alt="".
  // An <a name> without a usable href is written <a id> (when the name is a valid id not
  //   used before), except the jump break below.
  // A link whose target opens another window ("_blank", Blogger's "ext", "_new") is
  //   written with target="_blank" rel="noopener" if it keeps its href; the author's own
  //   rel is not kept.
  // On every allowed element:
  //   dir: ltr, rtl or auto.
  //   class: names of [A-Za-z0-9_-], or "language-" and any characters but controls (a
  //     Markdown code block's language as written); others are dropped.
  //   style: parsed as CSS declarations by MyCSS; kept are text-align, float, clear,
  //     width, height, max-width, color, background-color, font-style, font-weight,
  //     text-decoration, margin and padding (and their sides), border (and its sides),
  //     border-width/-style/-color, each with a value MyCSS understands and without url(
  //     or expression; they are written back as MyCSS serializes them ("a: b; c: d").
  //   id (where listed): must match [A-Za-z][A-Za-z0-9_:.-]*; an id used earlier in the
  //     same body is removed.
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
  // Reader comments, as Blogger allows them: b, i, a(href) and br only. Every <a> that
  // keeps its href gets rel="nofollow ugc"; line breaks in the text become <br>; white space around
  // the
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
//     " JAVASCRIPT:" and "java\0script:" are all refused. An accepted URL is written as
//     NormalizeUrl (url_attributes.h) writes it (percent-encoded where it must be, parsed
//     by Boost.URL), or refused when it is not a URL. A refused href/cite/poster is
//     removed (the element stays); an <img>, <source>, <track> or <iframe> without an
//     acceptable src is removed.
//   - width/height of img, video and iframe must be digits; table and cell width, border,
//     cellpadding, cellspacing and frameborder digits, optionally followed by '%';
//     colspan and span positive, rowspan non-negative, start an integer; time datetime a
//     date or date and time ("2022-01-15", "2022-01-15T16:18:05Z"); ol type, align,
//     valign, scope, preload, kind and loading one of their keywords. Attributes that
//     fail are removed.
//   - Other elements are unwrapped: the element goes, its content stays. The exceptions
//     are removed with everything inside them: script, style, object, embed, applet,
//     noscript, noembed, noframes, template, title, textarea, select, option, datalist,
//     svg, math, head, meta, link, base, frame(set), canvas, xmp, plaintext, and (under
//     kComment, or when not allowed as above) iframe, audio, video, source.
//   - An allowed element is also unwrapped where a browser re-parsing the output would
//     put it somewhere else (a link inside a link, a <div> left inside a <p> once an
//     element between them was removed, table parts outside their table, a <source>
//     outside <video>/<audio>), or where HTML's content models forbid it (a <p> or <div>
//     inside <b>, <span> or <h1>; an <li> outside a list, a <dd>/<dt> outside <dl>, a
//     <figcaption> outside <figure>, a <summary> that does not open its <details>;
//     <details>, <iframe>, <video>, <audio> inside a link). A <details> without its
//     <summary> gets <summary>Details</summary> (what browsers show). The output is a
//     fixed point:
//     SanitizeHtml(SanitizeHtml(x, p), p) == SanitizeHtml(x, p).
//   - HTML comments (other than jump breaks) and CDATA tricks are dropped; text is
//     re-escaped (& < >), attribute values are always double-quoted and escaped, every
//     element opened is closed and void elements are written as <br>, <img ...>.
//   - Ill-formed UTF-8 is replaced by U+FFFD, and the characters HTML and XML forbid
//     (StripControlChars, utf8.h: C0 controls other than tab/LF/CR, U+007F-U+009F,
//     noncharacters) are removed, and a carriage return becomes a line feed, so the
//     output is valid UTF-8 that is also safe inside XML.
//   So the output is valid HTML5 (as the Nu HTML Checker sees it) for every input.
//
// If `report` is not null, what was taken out is added to it (see SanitizeReport):
// "<script> element", "<font> element", "misplaced <tr> element", "onclick attribute",
// "javascript: link", "javascript: source", "href that is not a URL", "repeated id",
// "<img> without src", "<iframe> from
// evil.example", "style property position", "style value url(…)", "class name",
// "nesting deeper than 256"... Not reported: HTML comments (readers never saw them),
// attributes the sanitizer sets itself (iframe sandbox/allow/loading/allowfullscreen, a
// link's rel, a post link's target that names the page itself), Blogger's editor markers
// (trbidi, imageanchor, data-original-width and -height) and later jump breaks.
std::string SanitizeHtml(std::string_view html, SanitizePolicy policy,
                         struct SanitizeReport* report = nullptr);

// A body as it is stored: SanitizeHtml's output and HtmlToText (html_text.h) of it, made
// together. A comment that is plain text (no '<' and no '&': most of them) is neither
// parsed nor re-parsed: its characters are escaped and its line breaks written as <br>
// in one pass, with byte for byte the same result.
struct SanitizedBody {
  std::string html;
  std::string text;
};
SanitizedBody SanitizeWithText(std::string_view html, SanitizePolicy policy,
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
