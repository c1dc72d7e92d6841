// ExpandWordPressMarkup (and the provider embeds it uses): WordPress's shortcodes, embeds
// by URL and page breaks as the HTML WordPress showed, before any sanitizing (what the
// sanitizer keeps of it is tested end to end in tests/integration/test_import.py).
#include "transfer/wp_shortcodes.h"

#include <gtest/gtest.h>

#include "transfer/wp_embeds.h"

namespace samizdat::transfer {
namespace {

std::string Expand(std::string_view content, const WxrMedia& media = {},
                   std::string_view post_id = "1") {
  return ExpandWordPressMarkup(content, media, post_id);
}

constexpr std::string_view kRickRoll =
    "<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" width=\"560\" height=\"315\" "
    "allowfullscreen></iframe>";

TEST(WpShortcodesTest, CaptionBecomesAFigure) {
  EXPECT_EQ(Expand("[caption id=\"attachment_5\" align=\"aligncenter\" width=\"640\"]<a "
                   "href=\"b.jpg\"><img src=\"s.jpg\" width=\"640\" /></a> Caption "
                   "<em>text</em>[/caption]"),
            "<figure class=\"wp-caption aligncenter\" style=\"width: 640px\"><a "
            "href=\"b.jpg\"><img src=\"s.jpg\" width=\"640\" /></a><figcaption>Caption "
            "<em>text</em></figcaption></figure>");
  // The caption as an attribute (WordPress before 3.4), the legacy name, an extra class.
  EXPECT_EQ(Expand("[wp_caption width=\"300\" caption=\"Old style\" class=\"x\"]<img "
                   "src=\"a.jpg\">[/wp_caption]"),
            "<figure class=\"wp-caption alignnone x\" style=\"width: 300px\"><img "
            "src=\"a.jpg\"><figcaption>Old style</figcaption></figure>");
}

TEST(WpShortcodesTest, ACaptionWithoutTextOrWidthIsJustTheImage) {
  EXPECT_EQ(Expand("[caption width=\"640\"]<img src=\"a.jpg\">[/caption]"), "<img src=\"a.jpg\">");
  EXPECT_EQ(Expand("[caption]<img src=\"a.jpg\"> Words[/caption]"), "<img src=\"a.jpg\">");
}

TEST(WpShortcodesTest, EmbedsOfEachKnownProvider) {
  EXPECT_EQ(Expand("[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]"), kRickRoll);
  EXPECT_EQ(Expand("[youtube https://youtu.be/dQw4w9WgXcQ]"), kRickRoll);
  EXPECT_EQ(Expand("[youtube=http://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;w=640]"), kRickRoll);
  EXPECT_EQ(Expand("[youtube dQw4w9WgXcQ]"), kRickRoll);
  EXPECT_EQ(Expand("[vimeo 76979871]"),
            "<iframe src=\"https://player.vimeo.com/video/76979871\" width=\"640\" "
            "height=\"360\" allowfullscreen></iframe>");
  EXPECT_EQ(Expand("[vimeo https://vimeo.com/channels/staffpicks/76979871 w=400 h=300]"),
            "<iframe src=\"https://player.vimeo.com/video/76979871\" width=\"400\" "
            "height=\"300\" allowfullscreen></iframe>");
  EXPECT_EQ(*ProviderEmbed("https://youtube.com/shorts/dQw4w9WgXcQ"), kRickRoll);
  EXPECT_EQ(*ProviderEmbed("https://www.dailymotion.com/video/x7tgad0_a-title"),
            "<iframe src=\"https://www.dailymotion.com/embed/video/x7tgad0\" width=\"640\" "
            "height=\"360\" allowfullscreen></iframe>");
  EXPECT_EQ(*ProviderEmbed("https://soundcloud.com/artist/a-track"),
            "<iframe src=\"https://w.soundcloud.com/player/"
            "?url=https%3A%2F%2Fsoundcloud.com%2Fartist%2Fa-track\" width=\"100%\" "
            "height=\"166\" allowfullscreen></iframe>");
  EXPECT_EQ(*ProviderEmbed("https://open.spotify.com/intl-fr/album/4aawyAB9vmqN3uQ7FjRGTy?si=1"),
            "<iframe src=\"https://open.spotify.com/embed/album/4aawyAB9vmqN3uQ7FjRGTy\" "
            "width=\"100%\" height=\"352\" allowfullscreen></iframe>");
}

TEST(WpShortcodesTest, OtherUrlsAreNoEmbed) {
  EXPECT_FALSE(ProviderEmbed("https://example.com/watch?v=dQw4w9WgXcQ"));
  EXPECT_FALSE(ProviderEmbed("https://www.youtube.com/watch?v=short"));
  EXPECT_FALSE(ProviderEmbed("javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ"));
  EXPECT_FALSE(ProviderEmbed("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ"));
  // [embed] of another site is a link, as WordPress makes it; [youtube] of one stays.
  EXPECT_EQ(Expand("[embed]https://example.com/a?b=1&amp;c=2[/embed]"),
            "<a href=\"https://example.com/a?b=1&amp;c=2\">https://example.com/a?b=1&amp;c=2</a>");
  EXPECT_EQ(Expand("[youtube https://example.com/x]"), "[youtube https://example.com/x]");
}

TEST(WpShortcodesTest, AProviderUrlAloneOnItsLineIsEmbedded) {
  EXPECT_EQ(Expand("Look:\n\n  https://youtu.be/dQw4w9WgXcQ \n\nBye"),
            "Look:\n\n  " + std::string(kRickRoll) + " \n\nBye");
  EXPECT_EQ(Expand("<p>https://youtu.be/dQw4w9WgXcQ</p>"), "<p>" + std::string(kRickRoll) + "</p>");
  // The block editor's embed block: the URL on its own line in a div.
  EXPECT_EQ(Expand("<div class=\"wp-block-embed__wrapper\">\nhttps://youtu.be/dQw4w9WgXcQ\n</div>"),
            "<div class=\"wp-block-embed__wrapper\">\n" + std::string(kRickRoll) + "\n</div>");
}

TEST(WpShortcodesTest, UrlsInTextOrOfOtherSitesStay) {
  for (std::string_view kept : {
           "Watch https://youtu.be/dQw4w9WgXcQ now",               // not alone
           "https://example.com/page",                             // not a provider
           "<a href=\"x\"\nhttps://youtu.be/dQw4w9WgXcQ\n>x</a>",  // inside a tag
           "<!--\nhttps://youtu.be/dQw4w9WgXcQ\n-->",              // inside a comment
       }) {
    EXPECT_EQ(Expand(kept), kept);
  }
}

TEST(WpShortcodesTest, VideoAndAudio) {
  EXPECT_EQ(Expand("[video src=\"https://x.example/a.mp4\" width=\"640\" height=\"360\"][/video]"),
            "<video controls src=\"https://x.example/a.mp4\" width=\"640\" "
            "height=\"360\"></video>");
  EXPECT_EQ(Expand("[video mp4=\"https://x.example/a.mp4\" webm=\"https://x.example/a.webm\" "
                   "poster=\"https://x.example/p.jpg\" loop=\"on\"]"),
            "<video controls poster=\"https://x.example/p.jpg\" loop><source "
            "src=\"https://x.example/a.mp4\" type=\"video/mp4\"><source "
            "src=\"https://x.example/a.webm\" type=\"video/webm\"></video>");
  EXPECT_EQ(Expand("[video src=\"https://youtu.be/dQw4w9WgXcQ\"]"), kRickRoll);
  EXPECT_EQ(Expand("[audio src=\"https://x.example/s.mp3\"]"),
            "<audio controls src=\"https://x.example/s.mp3\"></audio>");
  EXPECT_EQ(Expand("[audio mp3=\"https://x.example/s.mp3\" ogg=\"https://x.example/s.ogg\"]"),
            "<audio controls><source src=\"https://x.example/s.mp3\" type=\"audio/mpeg\"><source "
            "src=\"https://x.example/s.ogg\" type=\"audio/ogg\"></audio>");
  EXPECT_EQ(Expand("[video width=\"640\"]"), "[video width=\"640\"]");  // no source
}

WxrMedia Boats() {
  WxrMedia media;
  media["11"] = {"11", "https://x.example/ketch.jpg", "7", 2, "A <em>ketch</em>", "Ketch"};
  media["12"] = {"12", "https://x.example/dinghy.png", "7", 1, "", ""};
  media["13"] = {"13", "https://x.example/manual.pdf", "7", 0, "", ""};
  media["14"] = {"14", "https://x.example/other.jpg", "8", 0, "", ""};
  return media;
}

TEST(WpShortcodesTest, GalleryOfIdsInTheirOrder) {
  EXPECT_EQ(Expand("[gallery ids=\"12, 11,99\" columns=\"2\"]", Boats()),
            "<div class=\"gallery gallery-columns-2\">"
            "<figure class=\"gallery-item\"><a href=\"https://x.example/dinghy.png\"><img "
            "src=\"https://x.example/dinghy.png\" alt=\"\"></a></figure>"
            "<figure class=\"gallery-item\"><a href=\"https://x.example/ketch.jpg\"><img "
            "src=\"https://x.example/ketch.jpg\" alt=\"Ketch\"></a><figcaption>A "
            "<em>ketch</em></figcaption></figure></div>");
  EXPECT_EQ(Expand("[gallery ids=\"14\" link=\"none\"]", Boats()),
            "<div class=\"gallery gallery-columns-3\"><figure class=\"gallery-item\"><img "
            "src=\"https://x.example/other.jpg\" alt=\"\"></figure></div>");
  EXPECT_EQ(Expand("[gallery ids=\"98,99\"]", Boats()), "");  // not in the file
}

TEST(WpShortcodesTest, GalleryWithoutIdsShowsThePostsImagesInMenuOrder) {
  const std::string shown = Expand("[gallery]", Boats(), "7");
  const auto dinghy = shown.find("dinghy.png");
  const auto ketch = shown.find("ketch.jpg");
  ASSERT_NE(dinghy, std::string::npos);
  ASSERT_NE(ketch, std::string::npos);
  EXPECT_LT(dinghy, ketch);                                // menu order 1, then 2
  EXPECT_EQ(shown.find("manual.pdf"), std::string::npos);  // not an image
  EXPECT_EQ(shown.find("other.jpg"), std::string::npos);   // another post's
  const std::string reversed = Expand("[gallery order=\"DESC\" exclude=\"12\"]", Boats(), "7");
  EXPECT_NE(reversed.find("ketch.jpg"), std::string::npos);
  EXPECT_EQ(reversed.find("dinghy.png"), std::string::npos);
}

TEST(WpShortcodesTest, PageBreaksAreShown) {
  EXPECT_EQ(Expand("One\n<!--nextpage-->\nTwo"), "One\n<hr class=\"nextpage\">\nTwo");
}

TEST(WpShortcodesTest, WhatIsNotAKnownShortcodeStaysAsWritten) {
  for (std::string_view kept : {
           "[contact-form-7 id=\"12\"]",
           "[caption width=640 never closed",
           "<img alt=\"[gallery]\" src=\"a.jpg\">",  // inside a tag
           "<!-- [gallery] -->",                     // inside a comment
           "Arrays like a[0] and [1, 2]",
       }) {
    EXPECT_EQ(Expand(kept, Boats(), "7"), kept);
  }
  EXPECT_EQ(Expand("Write [[gallery]] to show one."), "Write [gallery] to show one.");
}

}  // namespace
}  // namespace samizdat::transfer
