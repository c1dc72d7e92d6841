// Store contract (every backend): full-text search — matching, ranking, snippets,
// hostile input, counts.
#include <string>
#include <vector>

#include "store_test_util.h"

namespace samizdat::store {
namespace {

class SearchTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    blog_ = NewBlog("a.example");
  }

  Post Add(const std::string& slug, const std::string& title, const std::string& text, int64_t ms,
           PostStatus status = PostStatus::kPublished) {
    Post post;
    post.blog_id = blog_.id;
    post.status = status;
    post.title = title;
    post.path = "/2022/01/" + slug + ".html";
    post.body_text = text;
    post.published = At(ms);
    return Must(store_->CreatePost(post));
  }

  std::vector<std::string> Found(std::string_view query) {
    std::vector<std::string> titles;
    for (const SearchHit& hit : Must(store_->Search(blog_.id, query, 10, 0))) {
      titles.push_back(hit.post.title);
    }
    return titles;
  }

  Blog blog_;
};

using Strings = std::vector<std::string>;

TEST_P(SearchTest, TitleMatchRanksAboveBodyMatch) {
  Add("body", "Weather report", "the working class in kazakhstan rose up", 2000);
  Add("title", "Kazakhstan", "a short note about the region", 1000);
  Add("none", "Nothing", "unrelated words entirely", 3000);
  EXPECT_EQ(Found("kazakhstan"), (Strings{"Kazakhstan", "Weather report"}));
  EXPECT_EQ(Must(store_->CountSearch(blog_.id, "kazakhstan")), 2);
}

TEST_P(SearchTest, AllWordsMustOccurInAnyCaseAndAccent) {
  Add("a", "One", "the working class", 1000);
  Add("b", "Two", "the working day", 2000);
  Add("c", "Three", "Café society", 3000);
  EXPECT_EQ(Found("working class"), (Strings{"One"}));
  EXPECT_EQ(Found("WORKING").size(), 2u);
  EXPECT_EQ(Found("cafe"), (Strings{"Three"}));
}

TEST_P(SearchTest, SnippetMarksTermsAndEscapesText) {
  Add("a", "Tags", "writing <b>bold</b> & kazakhstan news today", 1000);
  std::vector<SearchHit> hits = Must(store_->Search(blog_.id, "kazakhstan", 10, 0));
  ASSERT_EQ(hits.size(), 1u);
  const std::string& s = hits[0].snippet_html;
  EXPECT_NE(s.find("<mark>kazakhstan</mark>"), std::string::npos) << s;
  EXPECT_NE(s.find("&lt;b&gt;bold&lt;/b&gt; &amp;"), std::string::npos) << s;
  EXPECT_EQ(s.find("<b>"), std::string::npos) << s;
  EXPECT_EQ(s.find('\x02'), std::string::npos);
}

TEST_P(SearchTest, HostileInputIsPlainText) {
  Add("a", "Foo", "foo and bar", 1000);
  for (std::string_view q :
       {"\"foo AND (", "*", "\"", "\"\"", "foo*", "NEAR(foo bar)", "title:foo", "-foo", "foo OR",
        "^foo", "{title}: foo", "(((", "foo\x01\x02", "AND", "'; DROP TABLE posts;"}) {
    Result<std::vector<SearchHit>> hits = store_->Search(blog_.id, q, 10, 0);
    EXPECT_TRUE(hits.ok()) << q << ": " << hits.status().ToString();
    EXPECT_TRUE(store_->CountSearch(blog_.id, q).ok()) << q;
  }
  // Operators are words: "foo AND (" finds the post holding foo and the word "and".
  EXPECT_EQ(Found("\"foo AND ("), (Strings{"Foo"}));
  EXPECT_EQ(Found("foo*"), (Strings{"Foo"}));  // a trailing '*' is not a prefix query
  EXPECT_EQ(Found("fo*"), Strings{});
  EXPECT_EQ(Must(store_->CountPosts(QueryOf(blog_.id))), 1);
}

TEST_P(SearchTest, EmptyQueryHasNoHits) {
  Add("a", "Foo", "foo", 1000);
  EXPECT_TRUE(Found("").empty());
  EXPECT_TRUE(Found("   \t ").empty());
  EXPECT_EQ(Must(store_->CountSearch(blog_.id, "")), 0);
}

TEST_P(SearchTest, OnlyPublishedPostsOfTheBlog) {
  Add("a", "Published", "secret plan", 1000);
  Add("b", "Draft", "secret plan", 2000, PostStatus::kDraft);
  Blog other = NewBlog("b.example");
  Post elsewhere;
  elsewhere.blog_id = other.id;
  elsewhere.status = PostStatus::kPublished;
  elsewhere.title = "Elsewhere";
  elsewhere.body_text = "secret plan";
  Must(store_->CreatePost(elsewhere));
  EXPECT_EQ(Found("secret"), (Strings{"Published"}));
  EXPECT_EQ(Must(store_->CountSearch(blog_.id, "secret")), 1);
  EXPECT_EQ(Must(store_->CountSearch(other.id, "secret")), 1);
}

TEST_P(SearchTest, IndexFollowsUpdatesAndDeletes) {
  Post post = Add("a", "Before", "old words", 1000);
  post.title = "After";
  post.body_text = "new words";
  ASSERT_TRUE(store_->UpdatePost(post).ok());
  EXPECT_TRUE(Found("old").empty());
  EXPECT_EQ(Found("new"), (Strings{"After"}));
  ASSERT_TRUE(store_->DeletePost(blog_.id, post.id).ok());
  EXPECT_TRUE(Found("new").empty());
  EXPECT_EQ(Must(store_->CountSearch(blog_.id, "words")), 0);
}

TEST_P(SearchTest, LimitAndOffsetPage) {
  for (int i = 0; i < 5; ++i) Add("p" + std::to_string(i), "Post", "common word", 1000 + i);
  EXPECT_EQ(Must(store_->Search(blog_.id, "common", 2, 0)).size(), 2u);
  EXPECT_EQ(Must(store_->Search(blog_.id, "common", 2, 4)).size(), 1u);
  EXPECT_EQ(Must(store_->CountSearch(blog_.id, "common")), 5);
}

TEST_P(SearchTest, WordsSplitAtPunctuationAsUnicode61Does) {
  Add("a", "Links",
      "see http://x.example/kazakhstan?x=1, mail me@post.org at five o'clock "
      "about the “quoted” matter — or <tags>",
      1000);
  for (std::string_view word : {"kazakhstan", "post", "clock", "quoted", "matter", "tags"}) {
    EXPECT_EQ(Found(word), (Strings{"Links"})) << word;
  }
  std::vector<SearchHit> hits = Must(store_->Search(blog_.id, "kazakhstan", 10, 0));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].snippet_html.find("x.example/<mark>kazakhstan</mark>?x=1"), std::string::npos)
      << hits[0].snippet_html;
}

TEST_P(SearchTest, LongTextSnippetIsCutAroundTheMatch) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "filler" + std::to_string(i) + " ";
  text += "kazakhstan";
  for (int i = 40; i < 80; ++i) text += " filler" + std::to_string(i);
  Add("a", "Long", text, 1000);
  std::vector<SearchHit> hits = Must(store_->Search(blog_.id, "kazakhstan", 10, 0));
  ASSERT_EQ(hits.size(), 1u);
  const std::string& s = hits[0].snippet_html;
  EXPECT_TRUE(s.starts_with("…")) << s;
  EXPECT_TRUE(s.ends_with("…")) << s;
  EXPECT_NE(s.find("filler39 <mark>kazakhstan</mark> filler40"), std::string::npos) << s;
  EXPECT_EQ(s.find("filler0 "), std::string::npos) << s;
  EXPECT_LT(s.size(), 300u) << s;
}

SAMIZDAT_ON_EVERY_STORE(SearchTest);

}  // namespace
}  // namespace samizdat::store
