// The sanitizer's two policies as tables: for each input, what is kept and what the
// report says was removed. Post bodies keep what Blogger and WordPress authors write
// (embeds, media, class, safe style, jump breaks); comments stay strict.
#include <gtest/gtest.h>

#include <string>

#include "text/sanitize.h"

namespace samizdat::text {
namespace {

struct Row {
  const char* name;
  std::string input;
  std::string kept;     // the sanitized output
  std::string removed;  // SanitizeReport::Describe() of what went
};

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

std::string RowName(const ::testing::TestParamInfo<Row>& info) { return info.param.name; }

constexpr const char* kSandbox =
    " sandbox=\"allow-scripts allow-same-origin allow-popups allow-presentation\""
    " allow=\"accelerometer; autoplay; clipboard-write; encrypted-media; fullscreen; "
    "gyroscope; picture-in-picture\" loading=\"lazy\"";

std::string Iframe(const std::string& attrs) {
  return "<iframe " + attrs + kSandbox + "></iframe>";
}

class PostPolicy : public ::testing::TestWithParam<Row> {};

TEST_P(PostPolicy, KeepsAndReports) {
  const Row& row = GetParam();
  SanitizeReport report;
  EXPECT_EQ(SanitizeHtml(row.input, SanitizePolicy::kPostBody, &report), row.kept)
      << "input: " << row.input;
  EXPECT_EQ(report.Describe(), row.removed) << "input: " << row.input;
}

INSTANTIATE_TEST_SUITE_P(
    Sanitizer, PostPolicy,
    ::testing::Values(
        // Embeds: only the providers' players, always https, always our sandbox.
        Row{"blogger_youtube",
            "<iframe class=\"YOUTUBE-iframe-video\" src=\"http://www.youtube.com/embed/abc?rel=0\" "
            "width=\"320\" height=\"266\" frameborder=\"0\" allowfullscreen "
            "sandbox=\"allow-top-navigation\" allow=\"camera\" loading=\"eager\">fallback</iframe>",
            Iframe("class=\"YOUTUBE-iframe-video\" src=\"https://www.youtube.com/embed/abc?rel=0\" "
                   "width=\"320\" height=\"266\" frameborder=\"0\""),
            ""},
        Row{"protocol_relative_nocookie",
            "<iframe src=\"//www.youtube-nocookie.com/embed/x\" title=\"T\"></iframe>",
            Iframe("src=\"https://www.youtube-nocookie.com/embed/x\" title=\"T\""), ""},
        Row{"other_providers",
            "<iframe src=\"https://player.vimeo.com/video/1\"></iframe>"
            "<iframe src=\"https://www.google.com/maps/embed?pb=1\"></iframe>"
            "<iframe src=\"https://open.spotify.com/embed/track/1\"></iframe>"
            "<iframe src=\"https://bandcamp.com/EmbeddedPlayer/album=1/\"></iframe>"
            "<iframe src=\"https://archive.org/embed/item\"></iframe>",
            Iframe("src=\"https://player.vimeo.com/video/1\"") +
                Iframe("src=\"https://www.google.com/maps/embed?pb=1\"") +
                Iframe("src=\"https://open.spotify.com/embed/track/1\"") +
                Iframe("src=\"https://bandcamp.com/EmbeddedPlayer/album=1/\"") +
                Iframe("src=\"https://archive.org/embed/item\""),
            ""},
        Row{"iframe_unknown_host",
            "<p>a<iframe src=\"https://evil.example/embed/x\"></iframe>b</p>", "<p>ab</p>",
            "1 \u00d7 <iframe> from evil.example"},
        Row{"iframe_provider_page_not_player",
            "<iframe src=\"https://www.youtube.com/watch?v=x\"></iframe>ok", "ok",
            "1 \u00d7 <iframe> from www.youtube.com"},
        Row{"iframe_userinfo_trick",
            "<iframe src=\"https://www.youtube.com@evil.example/embed/x\"></iframe>ok", "ok",
            "1 \u00d7 <iframe> from evil.example"},
        Row{"iframe_dot_segments",
            "<iframe src=\"https://www.youtube.com/embed/../redirect?q=x\"></iframe>ok", "ok",
            "1 \u00d7 <iframe> from www.youtube.com"},
        Row{"iframe_javascript", "<iframe src=\"javascript:alert(1)\"></iframe>ok", "ok",
            "1 \u00d7 <iframe> without a provider's URL"},
        Row{"iframe_without_src", "<iframe>x</iframe>ok", "ok", "1 \u00d7 <iframe> without src"},
        // Media: http(s) or relative sources only.
        Row{"video_with_sources",
            "<video controls width=\"640\" poster=\"https://e.example/p.jpg\" onplay=\"x()\">"
            "<source src=\"https://e.example/v.mp4\" type=\"video/mp4\">"
            "<source src=\"javascript:alert(1)\" type=\"video/mp4\">"
            "<track src=\"/subs.vtt\" kind=\"subtitles\" srclang=\"en\" label=\"English\">"
            "Your browser cannot play this.</video>",
            "<video controls=\"\" width=\"640\" poster=\"https://e.example/p.jpg\">"
            "<source src=\"https://e.example/v.mp4\" type=\"video/mp4\">"
            "<track src=\"/subs.vtt\" kind=\"subtitles\" srclang=\"en\" label=\"English\">"
            "Your browser cannot play this.</video>",
            "1 \u00d7 onplay attribute, 1 \u00d7 javascript: source"},
        Row{"video_javascript_src", "<video src=\"javascript:alert(1)\" controls></video>",
            "<video controls=\"\"></video>", "1 \u00d7 javascript: source"},
        Row{"audio", "<audio src=\"/a.mp3\" controls preload=\"none\" loop muted></audio>",
            "<audio src=\"/a.mp3\" controls=\"\" preload=\"none\" loop=\"\" muted=\"\"></audio>",
            ""},
        Row{"source_outside_media", "<p><source src=\"/v.mp4\">x</p>", "<p>x</p>",
            "1 \u00d7 misplaced <source> element"},
        // Inline style through MyCSS: an allowlist of properties, no url(), no expression.
        Row{"style_url_dropped_text_align_kept",
            "<p style=\"background:url(https://e.example/x.png); text-align:center\">x</p>",
            "<p style=\"text-align: center\">x</p>", "1 \u00d7 style value url(\u2026)"},
        Row{"style_position_dropped", "<div style=\"position:absolute; top:0; float:left\">x</div>",
            "<div style=\"float: left\">x</div>",
            "1 \u00d7 style property position, 1 \u00d7 style property top"},
        Row{"style_expression", "<span style=\"width: expression(alert(1)); color: red\">x</span>",
            "<span style=\"color: red\">x</span>", "1 \u00d7 style value expression(\u2026)"},
        Row{"style_nothing_left", "<b style=\"position:fixed\">x</b>", "<b>x</b>",
            "1 \u00d7 style property position"},
        Row{"style_allowed_properties",
            "<div style=\"margin: 0 auto; padding-left: 2em; max-width: 100%; "
            "background-color: #fff; font-weight: bold; font-style: italic; "
            "text-decoration: underline overline; border: 1px solid #ccc\">x</div>",
            "<div style=\"margin: 0 auto; padding-left: 2em; max-width: 100%; "
            "background-color: #FFF; font-weight: bold; font-style: italic; "
            "text-decoration: underline overline; border: 1px solid #CCC\">x</div>",
            ""},
        Row{"blogger_centred_image",
            "<div class=\"separator\" style=\"clear: both; text-align: center;\">"
            "<a href=\"https://blogger.googleusercontent.com/img/a.jpg\" "
            "style=\"margin-left: 1em; margin-right: 1em;\"><img border=\"0\" "
            "data-original-height=\"900\" height=\"320\" "
            "src=\"https://blogger.googleusercontent.com/img/a.jpg\" width=\"240\" /></a></div>",
            "<div class=\"separator\" style=\"clear: both; text-align: center\">"
            "<a href=\"https://blogger.googleusercontent.com/img/a.jpg\" "
            "style=\"margin-left: 1em; margin-right: 1em\"><img border=\"0\" height=\"320\" "
            "src=\"https://blogger.googleusercontent.com/img/a.jpg\" width=\"240\" "
            "alt=\"\"></a></div>",
            ""},
        // What Blogger's editor writes around a post: kept, its own markers dropped unsaid.
        Row{"blogger_compose_markup",
            "<div dir=\"ltr\" trbidi=\"on\"><p align=\"center\">x</p><h2 align=\"right\">h</h2>"
            "<a href=\"a.jpg\" imageanchor=\"1\"><img align=\"left\" id=\"BLOGGER_PHOTO_ID_5\" "
            "src=\"a.jpg\"></a></div>",
            "<div dir=\"ltr\"><p align=\"center\">x</p><h2 align=\"right\">h</h2>"
            "<a href=\"a.jpg\"><img align=\"left\" id=\"BLOGGER_PHOTO_ID_5\" "
            "src=\"a.jpg\" alt=\"\"></a></div>",
            ""},
        // Links that open another window keep doing so, without giving it this page.
        Row{"new_window_links",
            "<a href=\"a\" target=\"_blank\" rel=\"noreferrer noopener\">1</a>"
            "<a href=\"b\" target=\"ext\">2</a><a href=\"c\" target=\"_self\" rel=\"me\">3</a>",
            "<a href=\"a\" target=\"_blank\" rel=\"noopener\">1</a>"
            "<a href=\"b\" target=\"_blank\" rel=\"noopener\">2</a><a href=\"c\">3</a>",
            ""},
        Row{"bad_dir_and_align",
            "<p dir=\"sideways\" align=\"top\">x</p><img src=\"a\" align=\"x\">",
            "<p>x</p><img src=\"a\" alt=\"\">", "1 \u00d7 dir value, 2 \u00d7 align value"},
        // class, id, and the elements authors use.
        Row{"class_names", "<p class=\"note big! x_y\">x</p>", "<p class=\"note x_y\">x</p>",
            "1 \u00d7 class name"},
        Row{"code_language", "<pre><code class=\"language-c++\">int x;</code></pre>",
            "<pre><code class=\"language-c++\">int x;</code></pre>", ""},
        Row{"ids", "<h2 id=\"intro\">a</h2><h2 id=\"1bad\">b</h2><p id=\"p\">c</p>",
            "<h2 id=\"intro\">a</h2><h2>b</h2><p>c</p>",
            "1 \u00d7 id value, 1 \u00d7 id attribute"},
        Row{"footnotes",
            "<p>x<sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"fnref1\">1</a></sup></p>"
            "<section class=\"footnotes\"><ol><li id=\"fn1\">note</li></ol></section>",
            "<p>x<sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"fnref1\">1</a></sup></p>"
            "<section class=\"footnotes\"><ol><li id=\"fn1\">note</li></ol></section>",
            ""},
        Row{"task_list",
            "<ul><li><input type=\"checkbox\" checked disabled> done</li>"
            "<li><input type=checkbox class=\"task\"> todo</li></ul>",
            "<ul><li><input type=\"checkbox\" disabled checked> done</li>"
            "<li><input type=\"checkbox\" class=\"task\" disabled> todo</li></ul>",
            ""},
        Row{"other_input", "<p>a<input type=\"text\" value=\"x\">b</p>", "<p>ab</p>",
            "1 \u00d7 <input> element"},
        Row{"figure_details_and_friends",
            "<figure id=\"f\"><img src=\"a.png\" alt=\"\" loading=\"lazy\"><figcaption>c"
            "</figcaption></figure><details><summary>s</summary><dl><dt>t</dt><dd>d</dd></dl>"
            "</details><p><abbr title=\"t\">a</abbr><mark>m</mark><kbd>k</kbd><sub>1</sub></p>",
            "<figure id=\"f\"><img src=\"a.png\" alt=\"\" loading=\"lazy\"><figcaption>c"
            "</figcaption></figure><details><summary>s</summary><dl><dt>t</dt><dd>d</dd></dl>"
            "</details><p><abbr title=\"t\">a</abbr><mark>m</mark><kbd>k</kbd><sub>1</sub></p>",
            ""},
        Row{"table_attributes",
            "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" width=\"100%\" "
            "align=\"center\" summary=\"s\" bgcolor=\"red\"><tr><td valign=\"top\" width=\"50%\">"
            "x</td><th scope=\"row\" valign=\"middle\">y</th></tr></table>",
            "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" width=\"100%\" "
            "align=\"center\" summary=\"s\"><tbody><tr><td valign=\"top\" width=\"50%\">"
            "x</td><th scope=\"row\" valign=\"middle\">y</th></tr></tbody></table>",
            "1 \u00d7 bgcolor attribute"},
        // Jump breaks: Blogger's and WordPress's, canonical form, first one only.
        Row{"blogger_more_comment", "<p>intro</p><!-- more --><p>rest</p><!--more-->",
            "<p>intro</p><a name=\"more\"></a><p>rest</p>", ""},
        Row{"wordpress_more_text", "<p>a</p><!--more Keep reading--><p>b</p>",
            "<p>a</p><a name=\"more\" data-more-text=\"Keep reading\"></a><p>b</p>", ""},
        Row{"blogger_more_anchor", "<p>a</p><a name=\"more\"></a><p>b</p><!-- more -->",
            "<p>a</p><a name=\"more\"></a><p>b</p>", ""},
        Row{"second_more_anchor_unwrapped",
            "<!--more-->a<a name=\"more\" data-more-text=\"x\">b</a>", "<a name=\"more\"></a>ab",
            ""},
        Row{"data_attribute_elsewhere", "<a name=\"top\" data-more-text=\"x\">t</a>",
            "<a id=\"top\">t</a>", "1 \u00d7 data-more-text attribute"},
        Row{"more_lookalike_comment", "a<!-- moreover -->b", "ab", ""},
        // What goes, and why.
        Row{"script", "<p>x<script>alert(1)</script></p>", "<p>x</p>", "1 \u00d7 <script> element"},
        Row{"javascript_link_and_handler", "<a href=\"javascript:alert(1)\" onclick=\"x()\">y</a>",
            "<a>y</a>", "1 \u00d7 javascript: link, 1 \u00d7 onclick attribute"},
        Row{"unknown_elements", "<font color=\"red\">x</font><font>y</font>", "xy",
            "2 \u00d7 <font> element"},
        Row{"svg", "<svg onload=\"alert(1)\"><circle r=\"1\"/></svg>ok", "ok",
            "1 \u00d7 <svg> element"},
        Row{"img_without_src", "<img alt=\"a\">ok", "ok", "1 \u00d7 <img> without src"}),
    RowName);

class CommentPolicy : public ::testing::TestWithParam<Row> {};

TEST_P(CommentPolicy, KeepsAndReports) {
  const Row& row = GetParam();
  SanitizeReport report;
  EXPECT_EQ(SanitizeHtml(row.input, SanitizePolicy::kComment, &report), row.kept)
      << "input: " << row.input;
  EXPECT_EQ(report.Describe(), row.removed) << "input: " << row.input;
}

// Comments stay as strict as before: none of the post body's additions get through.
INSTANTIATE_TEST_SUITE_P(
    Sanitizer, CommentPolicy,
    ::testing::Values(
        Row{"allowed", "<b>b</b> <i>i</i> <a href=\"https://e.example/\" rel=\"me\">l</a><br>x",
            "<b>b</b> <i>i</i> <a href=\"https://e.example/\" rel=\"nofollow ugc\">l</a><br>x", ""},
        Row{"class_style_id", "<b class=\"x\" style=\"color: red\" id=\"y\">b</b>", "<b>b</b>",
            "1 \u00d7 class attribute, 1 \u00d7 style attribute, 1 \u00d7 id attribute"},
        Row{"youtube_iframe", "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>ok", "ok",
            "1 \u00d7 <iframe> element"},
        Row{"video", "<video src=\"https://e.example/v.mp4\" controls>v</video>ok", "ok",
            "1 \u00d7 <video> element"},
        Row{"more_comment", "a<!--more-->b", "ab", ""},
        Row{"checkbox", "<input type=\"checkbox\" checked>x", "x", "1 \u00d7 <input> element"},
        Row{"paragraphs", "<p>a</p><p>b</p>", "ab", "2 \u00d7 <p> element"},
        Row{"javascript_link", "<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>",
            "1 \u00d7 javascript: link"}),
    RowName);

TEST(SanitizeReport, MergeAddsCounts) {
  SanitizeReport a;
  SanitizeHtml("<script></script><font>x</font>", SanitizePolicy::kPostBody, &a);
  SanitizeReport b;
  SanitizeHtml("<script></script><script></script>", SanitizePolicy::kPostBody, &b);
  a.Merge(b);
  EXPECT_EQ(a.Describe(), "3 \u00d7 <script> element, 1 \u00d7 <font> element");
  EXPECT_EQ(a.Total(), 4);
}

}  // namespace
}  // namespace samizdat::text
