// Locale: dates by ICU in the eight languages, plurals, messages and fallbacks.
#include "render/locale.h"

#include <gtest/gtest.h>
#include <unicode/msgfmt.h>

#include <set>
#include <string>

#include "render/locale_messages.h"

namespace samizdat::render {
namespace {

Time Saturday() {  // 2022-01-15 16:18 in Paris
  Result<Time> t = ParseRfc3339("2022-01-15T15:18:00Z");
  EXPECT_TRUE(t.ok());
  return t.ok() ? *t : Time{};
}

TimeZone Paris() {
  Result<TimeZone> zone = TimeZone::Find("Europe/Paris");
  EXPECT_TRUE(zone.ok());
  return zone.ok() ? *zone : TimeZone::Utc();
}

std::string Date(std::string_view tag, std::string_view pattern) {
  return Locale::For(tag).FormatDate(Saturday(), Paris(), pattern);
}

TEST(LocaleTest, DatesInEachLanguage) {
  EXPECT_EQ(Date("en", "EEEE, MMMM d, yyyy"), "Saturday, January 15, 2022");
  EXPECT_EQ(Date("es", "EEEE, d 'de' MMMM 'de' yyyy"), "sábado, 15 de enero de 2022");
  EXPECT_EQ(Date("fr", "EEEE d MMMM yyyy"), "samedi 15 janvier 2022");
  EXPECT_EQ(Date("de", "EEEE, d. MMMM yyyy"), "Samstag, 15. Januar 2022");
  EXPECT_EQ(Date("pt-BR", "EEEE, d 'de' MMMM 'de' yyyy"), "sábado, 15 de janeiro de 2022");
  EXPECT_EQ(Date("id", "EEEE, dd MMMM yyyy"), "Sabtu, 15 Januari 2022");
  EXPECT_EQ(Date("ru", "d MMMM yyyy"), "15 января 2022");  // the month as dated
  EXPECT_EQ(Date("ru", "LLLL"), "январь");                 // the month alone
  EXPECT_EQ(Date("ja", "yyyy年M月d日EEEE"), "2022年1月15日土曜日");
}

TEST(LocaleTest, DatesUseTheZonesOffsetOnThatDay) {
  EXPECT_EQ(Date("en", "h:mm a"), "4:18 PM");
  EXPECT_EQ(Date("fr", "HH:mm"), "16:18");
  Result<Time> summer = ParseRfc3339("2022-07-15T15:18:00Z");
  ASSERT_TRUE(summer.ok());
  EXPECT_EQ(Locale::For("de").FormatDate(*summer, Paris(), "HH:mm"), "17:18");
  EXPECT_EQ(Locale::For("de").FormatDate(Saturday(), TimeZone::Utc(), "HH:mm"), "15:18");
}

TEST(LocaleTest, EnglishDatesMatchTheBuiltInFormatter) {
  // The default theme's English pages must not change: ICU agrees with core/time.
  for (std::string_view pattern : {"EEEE, MMMM d, yyyy", "h:mm a", "MMMM d, yyyy 'at' h:mm a",
                                   "EEE, MMM d, ''yy", "MM/dd/yyyy"}) {
    EXPECT_EQ(Date("en", pattern), FormatPattern(Saturday(), Paris(), pattern)) << pattern;
  }
}

TEST(LocaleTest, CommentCountsFollowEachLanguagesPluralRules) {
  EXPECT_EQ(Locale::For("en").CommentCountText(0), "No comments");
  EXPECT_EQ(Locale::For("en").CommentCountText(-1), "No comments");
  EXPECT_EQ(Locale::For("en").CommentCountText(1), "1 comment");
  EXPECT_EQ(Locale::For("en").CommentCountText(5), "5 comments");
  EXPECT_EQ(Locale::For("fr").CommentCountText(0), "Aucun commentaire");
  EXPECT_EQ(Locale::For("fr").CommentCountText(1), "1 commentaire");
  EXPECT_EQ(Locale::For("fr").CommentCountText(2), "2 commentaires");
  EXPECT_EQ(Locale::For("ru").CommentCountText(1), "1 комментарий");
  EXPECT_EQ(Locale::For("ru").CommentCountText(3), "3 комментария");
  EXPECT_EQ(Locale::For("ru").CommentCountText(5), "5 комментариев");
  EXPECT_EQ(Locale::For("ru").CommentCountText(21), "21 комментарий");
  EXPECT_EQ(Locale::For("de").CommentCountText(1), "1 Kommentar");
  EXPECT_EQ(Locale::For("ja").CommentCountText(4), "4 件のコメント");
}

TEST(LocaleTest, MessagesInTheBlogsLanguage) {
  EXPECT_EQ(Locale::For("en").Message("postedBy"), "Posted by");
  EXPECT_EQ(Locale::For("es").Message("newerPost"), "Entrada más reciente");
  EXPECT_EQ(Locale::For("fr").Message("postAComment"), "Enregistrer un commentaire");
  EXPECT_EQ(Locale::For("de").Message("olderPosts"), "Ältere Posts");
  EXPECT_EQ(Locale::For("en").Message("noSuchMessage"), "");
  const blogger::Value& all = Locale::For("pt-BR").Messages();
  ASSERT_NE(all.Field("home"), nullptr);
  EXPECT_EQ(all.Field("home")->text(), "Página inicial");
  EXPECT_EQ(all.Field("authorSaidWithLink")->kind(), blogger::Value::Kind::kHtml);
  EXPECT_EQ(all.Field("labels")->kind(), blogger::Value::Kind::kString);
}

TEST(LocaleTest, TheAttributionNamesSamizdatInEveryLanguage) {
  // Themes' Attribution widgets show messages.poweredByBlogger; the blog runs on samizdat.
  for (std::string_view tag : {"en", "id", "es", "pt-BR", "fr", "de", "ru", "ja"}) {
    const std::string text(Locale::For(tag).Message("poweredByBlogger"));
    EXPECT_NE(text.find("samizdat"), std::string::npos) << tag << ": " << text;
    EXPECT_EQ(text.find("Blogger"), std::string::npos) << tag << ": " << text;
  }
}

TEST(LocaleTest, TagsFallBackToTheirLanguageThenEnglish) {
  EXPECT_EQ(Locale::For("de-AT").tag(), "de-AT");
  EXPECT_EQ(Locale::For("de-AT").Message("home"), "Startseite");
  EXPECT_EQ(Date("de-AT", "MMMM"), "Jänner");  // Austrian month names from ICU
  EXPECT_EQ(Locale::For("pt-PT").Message("home"), "Página inicial");
  EXPECT_EQ(Locale::For("pt").Message("home"), "Página inicial");
  EXPECT_EQ(Locale::For("FR").tag(), "fr");
  EXPECT_EQ(Locale::For("it").Message("home"), "Home");  // English texts, Italian dates
  EXPECT_EQ(Date("it", "MMMM"), "gennaio");
  for (std::string_view tag : {"xx", "", "not a tag", "e"}) {
    EXPECT_EQ(Locale::For(tag).tag(), "en") << tag;
    EXPECT_EQ(Locale::For(tag).Message("home"), "Home") << tag;
    EXPECT_EQ(Locale::For(tag).FormatDate(Saturday(), Paris(), "MMMM"), "January") << tag;
  }
  EXPECT_EQ(Locale::For("en").direction(), "ltr");
  EXPECT_EQ(Locale::For("ar").direction(), "rtl");
  EXPECT_EQ(&Locale::For("fr"), &Locale::For("fr"));
}

TEST(LocaleTest, EveryMessageIsTranslatedAndEveryPatternParses) {
  std::set<std::string_view> names;
  for (const internal::MessageTexts& m : internal::AllMessages()) {
    EXPECT_TRUE(names.insert(m.name).second) << "twice: " << m.name;
    for (size_t i = 0; i < m.texts.size(); ++i) {
      const std::string_view text = m.texts[i];
      // Japanese needs no word for "at" between a name and a time.
      if (m.name == "at" && internal::kMessageLanguages[i] == "ja") continue;
      EXPECT_FALSE(text.empty()) << m.name << " " << internal::kMessageLanguages[i];
      if (text.find('{') == std::string_view::npos) continue;
      UErrorCode status = U_ZERO_ERROR;
      icu::MessageFormat format(
          icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size())),
          icu::Locale::forLanguageTag(internal::kMessageLanguages[i].data(), status), status);
      EXPECT_TRUE(U_SUCCESS(status)) << m.name << " " << internal::kMessageLanguages[i];
    }
  }
  // The names the fixture themes read (data:messages.X, b:message name='messages.X').
  for (std::string_view name : {"postAComment",
                                "adsGoHere",
                                "blogComment",
                                "search",
                                "share",
                                "numberOfComments",
                                "moreEllipsis",
                                "labels",
                                "home",
                                "visitProfile",
                                "newest",
                                "searchThisBlog",
                                "oldest",
                                "morePosts",
                                "posts",
                                "myPhoto",
                                "comments",
                                "archive",
                                "latestPosts",
                                "joinTheConversation",
                                "emailPost",
                                "subscribeTo",
                                "showMore",
                                "showAll",
                                "poweredByBlogger",
                                "popularPostsFromThisBlog",
                                "older",
                                "newer",
                                "deleteComment",
                                "blogAuthors",
                                "templateImagesByLink",
                                "templateImagesBy",
                                "showLess",
                                "shareToOtherApps",
                                "olderPosts",
                                "noResultsFound",
                                "newerPosts",
                                "image",
                                "authorSaidWithLink",
                                "authorSaid",
                                "viewMyCompleteProfile",
                                "theresNothingHere",
                                "recentPosts",
                                "postedBy",
                                "popularPosts",
                                "moveToPage",
                                "loading",
                                "keepReading",
                                "featured",
                                "copyToClipboard",
                                "blogArchive",
                                "youMayLikeThesePosts",
                                "viewAll",
                                "postLink",
                                "ok",
                                "loadMorePosts",
                                "linkCopiedToClipboard",
                                "emailAddress",
                                "edit",
                                "copy",
                                "readMore",
                                "shareToTwitter",
                                "shareToFacebook",
                                "shareToPinterest"}) {
    EXPECT_TRUE(names.contains(name)) << name;
  }
}

}  // namespace
}  // namespace samizdat::render
