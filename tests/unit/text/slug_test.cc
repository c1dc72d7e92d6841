// Tests for BloggerSlug against permalinks Blogger really produced.
#include "text/slug.h"

#include <gtest/gtest.h>

namespace samizdat::text {
namespace {

TEST(BloggerSlug, MatchesBloggersRealUrls) {
  EXPECT_EQ(BloggerSlug("In Kazakhstan the working class has shown what it is capable of "
                        "doing and what it will do"),
            "in-kazakhstan-working-class-has-shown");
  EXPECT_EQ(BloggerSlug("A (somewhat) brief history"), "somewhat-brief-history");
  EXPECT_EQ(BloggerSlug("The Steel Windpipe"), "the-steel-windpipe");
  EXPECT_EQ(BloggerSlug("simpleui.js alpha 2"), "simpleuijs-alpha-2");
  EXPECT_EQ(BloggerSlug("Drive-bys"), "drive-bys");
}

TEST(BloggerSlug, LowerCasesAndDropsPunctuation) {
  EXPECT_EQ(BloggerSlug("Don't Panic!"), "dont-panic");
  EXPECT_EQ(BloggerSlug("C++ & Rust: a comparison?"), "c-rust-comparison");
  EXPECT_EQ(BloggerSlug("  Spaces\tand\nnewlines  "), "spaces-and-newlines");
}

TEST(BloggerSlug, KeepsDigits) {
  EXPECT_EQ(BloggerSlug("Top 10 Tips for 2024"), "top-10-tips-for-2024");
  EXPECT_EQ(BloggerSlug("1984"), "1984");
}

TEST(BloggerSlug, DropsShortWordsButKeepsALeadingThe) {
  EXPECT_EQ(BloggerSlug("An apple a day keeps the doctor away"), "apple-day-keeps-doctor-away");
  EXPECT_EQ(BloggerSlug("The cat and the hat"), "the-cat-and-hat");
  EXPECT_EQ(BloggerSlug("Theory of an anthem"), "theory-of-anthem");  // only whole words
}

TEST(BloggerSlug, CutsOnAWordBoundaryAtFortyCharacters) {
  // 40 characters exactly: kept whole.
  EXPECT_EQ(BloggerSlug("abcdefghij abcdefghij abcdefghij abcdefg"),
            "abcdefghij-abcdefghij-abcdefghij-abcdefg");
  // One more character pushes the last word out.
  EXPECT_EQ(BloggerSlug("abcdefghij abcdefghij abcdefghij abcdefgh"),
            "abcdefghij-abcdefghij-abcdefghij");
  for (const char* title : {"Supercalifragilisticexpialidocious is a long word, isn't it now",
                            "one two three four five six seven eight nine ten eleven"}) {
    const std::string slug = BloggerSlug(title);
    EXPECT_LE(slug.size(), kMaxSlugLength) << title;
    EXPECT_NE(slug.back(), '-') << title;
  }
}

TEST(BloggerSlug, CutsAnOverlongFirstWordAtForty) {
  const std::string word(50, 'x');
  EXPECT_EQ(BloggerSlug(word + " tail"), std::string(40, 'x'));
}

TEST(BloggerSlug, FallsBackToBlogPost) {
  EXPECT_EQ(BloggerSlug(""), "blog-post");
  EXPECT_EQ(BloggerSlug("?!... ---"), "blog-post");
  EXPECT_EQ(BloggerSlug("Привет, мир"), "blog-post");
  EXPECT_EQ(BloggerSlug("日本語のタイトル"), "blog-post");
  EXPECT_EQ(BloggerSlug("A an a"), "blog-post");
}

TEST(BloggerSlug, DropsNonAsciiLetters) {
  EXPECT_EQ(BloggerSlug("Café au lait"), "caf-au-lait");
  EXPECT_EQ(BloggerSlug("Qazaqstan\xC2\xA0"
                        "2022"),
            "qazaqstan-2022");  // no-break space
}

TEST(LabelUrlTest, PercentEncodesTheLabel) {
  EXPECT_EQ(LabelUrl("Style"), "/search/label/Style");
  EXPECT_EQ(LabelUrl("Some Label"), "/search/label/Some%20Label");
  EXPECT_EQ(LabelUrl("café"), "/search/label/caf%C3%A9");
  EXPECT_EQ(LabelUrl("a/b?c#d"), "/search/label/a%2Fb%3Fc%23d");
}

}  // namespace

}  // namespace samizdat::text
