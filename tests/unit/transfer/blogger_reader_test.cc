// ReadBloggerAtom on the real Blogger exports of shared/fixtures (the classic Pelican file,
// the Takeout feeds), on our own fixtures (tests/fixtures/import/blogger-*: every feature)
// and on broken files (FILE:LINE:COLUMN messages).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/time.h"
#include "transfer/readers.h"
#include "transfer/recording_sink.h"

namespace samizdat::transfer {
namespace {

using testing::RecordingSink;
using Labels = std::vector<std::string>;

const std::string kOurs = std::string(SAMIZDAT_TEST_FIXTURES) + "/import/";
const std::string kShared = std::string(SAMIZDAT_SHARED_FIXTURES) + "/";
const std::string kPelican = kShared + "blogger-classic/pelican-bloggerexport.xml";
const std::string kTakeoutBlogger = kShared + "blogger-takeout/Takeout/Blogger/";

Time Utc(int y, int mo, int d, int h, int mi, int s, int ms = 0) {
  return TimeZone::Utc().FromLocal(y, mo, d, h, mi, s) + std::chrono::milliseconds(ms);
}

RecordingSink Read(const std::string& path) {
  RecordingSink sink;
  const Status status = ReadBloggerAtom(path, sink);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return sink;
}

// The message of reading `path`, which must fail with InvalidArgument.
std::string Failure(const std::string& path) {
  RecordingSink sink;
  const Status status = ReadBloggerAtom(path, sink);
  EXPECT_TRUE(status.IsInvalidArgument()) << status.ToString();
  return status.message();
}

// --- The real exports ---------------------------------------------------------------

// pelican-bloggerexport.xml (blogger.md §7): 2 posts (1 draft), 2 pages (1 draft),
// 1 comment, 58 settings entries, a template, and the undeclared app: prefix on drafts.
TEST(BloggerReaderTest, ReadsPelicansClassicExport) {
  const RecordingSink sink = Read(kPelican);

  const SourceBlog blog = sink.Blog();
  EXPECT_EQ(blog.original_id, "6303278419262689239");
  EXPECT_EQ(blog.title, "Notes of a Young Doctor");
  EXPECT_EQ(blog.url, "http://youngdoctornotes.blogspot.com/");
  EXPECT_EQ(blog.time_zone, "America/Los_Angeles");
  EXPECT_EQ(blog.generator, "Blogger");
  EXPECT_EQ(blog.description, "");

  ASSERT_EQ(sink.posts.size(), 4u);
  EXPECT_EQ(sink.Count(PostKind::kPost, PostStatus::kPublished), 1);
  EXPECT_EQ(sink.Count(PostKind::kPost, PostStatus::kDraft), 1);
  EXPECT_EQ(sink.Count(PostKind::kPage, PostStatus::kPublished), 1);
  EXPECT_EQ(sink.Count(PostKind::kPage, PostStatus::kDraft), 1);

  const SourcePost& windpipe = sink.Post("1858599377741856733");
  EXPECT_EQ(windpipe.title, "The Steel Windpipe");
  EXPECT_EQ(windpipe.permalink,
            "http://youngdoctornotes.blogspot.com/2010/11/the-steel-windpipe.html");
  EXPECT_EQ(windpipe.content_html,
            "It was a cold Winter's night.<br /><br /><ul><li>Very cold indeed.</li><br />"
            "<li>Note to self: pad out ending</li></ul>");
  EXPECT_EQ(windpipe.author, "Mikhail Afanasyevich Bulgakov");
  EXPECT_EQ(windpipe.published, Utc(2010, 11, 27, 15, 12, 0));
  EXPECT_EQ(windpipe.updated, Utc(2010, 11, 27, 15, 56, 43, 964));
  EXPECT_TRUE(windpipe.labels.empty());

  // The draft marked with the undeclared app: prefix.
  const SourcePost& draft = sink.Post("1276418104709695660");
  EXPECT_EQ(draft.status, PostStatus::kDraft);
  EXPECT_EQ(draft.title, "Black as Egypt's Night");
  EXPECT_EQ(draft.labels, (Labels{"Interesting cases", "amputations"}));
  EXPECT_EQ(draft.permalink, "");

  const SourcePost& page = sink.Post("1406163839769953231");
  EXPECT_EQ(page.kind, PostKind::kPage);
  EXPECT_EQ(page.permalink, "http://youngdoctornotes.blogspot.com/p/test-page.html");
  EXPECT_EQ(sink.Post("4386962582497458967").status, PostStatus::kDraft);
  EXPECT_EQ(sink.Post("4386962582497458967").permalink, "");

  ASSERT_EQ(sink.comments.size(), 1u);
  const SourceComment& comment = sink.comments[0];
  EXPECT_EQ(comment.original_id, "5590533389087749201");
  EXPECT_EQ(comment.post_original_id, "1858599377741856733");
  EXPECT_EQ(comment.parent_original_id, "");
  EXPECT_EQ(comment.status, CommentStatus::kPublished);
  EXPECT_EQ(comment.author_name, "Thomas Isidore Noël Sankara");
  EXPECT_EQ(comment.author_url, "https://www.blogger.com/profile/0617349827");
  // Blogger's comment permalink (?showComment=1291062944027) is this instant.
  ASSERT_TRUE(comment.published.has_value());
  EXPECT_EQ(ToEpochMillis(*comment.published), 1291062944027);
  EXPECT_EQ(comment.content_html,
            "Mishka, always a pleasure to read your adventures!<br /><br />It's a shame you "
            "don't get more time for writing.");

  // 58 settings: 3 taken over, the rest said once. The template is handed over as the
  // blog's theme, as the file has it.
  EXPECT_EQ(sink.skipped.size(), 1u);
  EXPECT_TRUE(sink.Skipped("55 settings entries (BLOG_PUBLISHING_MODE, ")) << sink.skipped[0];
  EXPECT_TRUE(sink.Skipped("and 52 more)"));
  ASSERT_EQ(sink.themes.size(), 1u);
  EXPECT_EQ(sink.themes[0].xml, "[Over 2000 lines of mostly css that we don't need here.]");
  EXPECT_EQ(sink.themes[0].where.line, 24);
  EXPECT_EQ(sink.themes[0].name, "template.xml");

  // The template (the file's first entry) is handed over as it comes; the blog comes
  // before the first post.
  ASSERT_GT(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0], "theme");
  EXPECT_EQ(sink.events[1], "blog");
  // Where each item starts, for messages.
  EXPECT_EQ(windpipe.where.file, kPelican);
  EXPECT_EQ(windpipe.where.line, 991);
  EXPECT_EQ(windpipe.where.column, 2);
}

// Takeout's feed.atom of the blog: 4 posts (2 drafts, never published), 2 comments.
TEST(BloggerReaderTest, ReadsTakeoutBlogFeed) {
  const std::string path = kTakeoutBlogger + "Blogs/Blog Experience/feed.atom";
  const RecordingSink sink = Read(path);

  const SourceBlog blog = sink.Blog();
  EXPECT_EQ(blog.original_id, "2353705547182731374");
  EXPECT_EQ(blog.title, "Blog Experience");

  ASSERT_EQ(sink.posts.size(), 4u);
  EXPECT_EQ(sink.Count(PostKind::kPost, PostStatus::kPublished), 2);
  EXPECT_EQ(sink.Count(PostKind::kPost, PostStatus::kDraft), 2);
  const SourcePost& first = sink.Post("4191139893215082920");
  EXPECT_EQ(first.title, "1ier post");
  EXPECT_EQ(first.permalink, "/2006/12/1ier-post.html");
  EXPECT_EQ(first.labels, Labels{"Test"});
  EXPECT_EQ(first.author, "Papa");
  EXPECT_EQ(first.published, Utc(2006, 12, 30, 15, 41, 0));
  const SourcePost& android = sink.Post("6471680750868375482");
  EXPECT_EQ(android.permalink, "/2011/02/test-depuis-android.html");
  EXPECT_TRUE(android.labels.empty());  // <category /> is no label
  EXPECT_EQ(android.content_html.substr(0, 29), "<div><p>C'est un test</p>\n   ");
  for (const char* id : {"7261919710130219605", "8425014746815571633"}) {
    EXPECT_EQ(sink.Post(id).status, PostStatus::kDraft);
    EXPECT_EQ(sink.Post(id).permalink, "");
    EXPECT_EQ(sink.Post(id).title, "");
  }

  ASSERT_EQ(sink.comments.size(), 2u);
  for (const SourceComment& c : sink.comments) {
    EXPECT_EQ(c.post_original_id, "4191139893215082920");
    EXPECT_EQ(c.parent_original_id, "");
    EXPECT_EQ(c.status, CommentStatus::kPublished);
    EXPECT_EQ(c.author_name, "Papa");
  }
  // published as the file says (cut to the minute), not blogger:created.
  EXPECT_EQ(sink.Comment("2868545079274515862").published, Utc(2006, 12, 30, 18, 33, 0));
  EXPECT_EQ(sink.Comment("2868545079274515862").content_html, "Un autre commentaire de moi");
  EXPECT_TRUE(sink.skipped.empty()) << sink.skipped.front();
}

// The comments feed (its folder and title say "Blog Expercience"): the comments, and the
// blog's id only, so that its title does not replace the blog's.
TEST(BloggerReaderTest, TakeoutCommentsFeedGivesTheBlogIdOnly) {
  const RecordingSink sink = Read(kTakeoutBlogger + "Comments/Blog Expercience/feed.atom");
  EXPECT_TRUE(sink.posts.empty());
  EXPECT_EQ(sink.CommentIds(),
            (std::set<std::string>{"2868545079274515862", "8203644020913035965"}));
  ASSERT_EQ(sink.blogs.size(), 1u);
  EXPECT_EQ(sink.blogs[0].original_id, "2353705547182731374");
  EXPECT_EQ(sink.blogs[0].title, "");
}

// --- Our classic fixture: one entry per feature ----------------------------------------

class ClassicFeaturesTest : public ::testing::Test {
 protected:
  void SetUp() override { sink_ = Read(kOurs + "blogger-classic-features.xml"); }
  RecordingSink sink_;
};

TEST_F(ClassicFeaturesTest, BlogFromTheSettings) {
  const SourceBlog blog = sink_.Blog();
  EXPECT_EQ(blog.original_id, "1111222233334444");
  EXPECT_EQ(blog.title, "Features & Quirks");  // BLOG_NAME over the feed's title
  EXPECT_EQ(blog.description, "Every corner of the format");
  EXPECT_EQ(blog.time_zone, "Europe/Paris");
  EXPECT_EQ(blog.url, "https://features.blogspot.com/");
  EXPECT_EQ(sink_.events[1], "blog");  // after the template, the file's first entry
  EXPECT_TRUE(sink_.Skipped("2 settings entries (BLOG_LOCALE and BLOG_MAX_NUM) @36:2"));
  ASSERT_EQ(sink_.themes.size(), 1u);
  EXPECT_EQ(sink_.themes[0].where.line, 12);
  EXPECT_EQ(sink_.themes[0].xml, "<html>layout</html>");
}

TEST_F(ClassicFeaturesTest, LabelsTitlesAndContent) {
  const SourcePost& post = sink_.Post("1001");
  EXPECT_EQ(post.labels, (Labels{"with spaces in it", "Ünïcödé", "日本語"}));
  // Escaped twice in the file: decoded twice.
  EXPECT_EQ(post.title, "Tom & Jerry's <day>");
  EXPECT_EQ(post.content_html, "<p>Escaped <b>HTML</b> &amp; an entity</p>");
  EXPECT_EQ(post.author, "Ada");
  EXPECT_EQ(post.published, Utc(2021, 1, 2, 9, 20, 30, 456));
  EXPECT_EQ(post.status, PostStatus::kPublished);
  // A text page is escaped into HTML.
  EXPECT_EQ(sink_.Post("2001").content_html, "Plain text &lt;not markup&gt; &amp; more");
  EXPECT_EQ(sink_.Post("2001").kind, PostKind::kPage);
  EXPECT_EQ(sink_.Post("2001").permalink, "https://features.blogspot.com/p/about.html");
}

TEST_F(ClassicFeaturesTest, PermalinksAreTheFilesOwn) {
  EXPECT_EQ(sink_.Post("1002").title, "Same title");
  EXPECT_EQ(sink_.Post("1003").title, "Same title");
  EXPECT_EQ(sink_.Post("1002").permalink, "https://features.blogspot.com/2021/01/same-title.html");
  EXPECT_EQ(sink_.Post("1003").permalink,
            "https://features.blogspot.com/2021/01/same-title_20.html");
  // Not what the slug rules would make of the title.
  EXPECT_EQ(sink_.Post("1004").permalink,
            "https://features.blogspot.com/2021/02/first-draft-name.html");
}

TEST_F(ClassicFeaturesTest, ScheduledAndDraft) {
  EXPECT_EQ(sink_.Post("1005").status, PostStatus::kScheduled);
  EXPECT_EQ(sink_.Post("1005").published, Utc(2999, 6, 1, 10, 0, 0));
  EXPECT_EQ(sink_.Post("1006").status, PostStatus::kDraft);  // declared app: prefix
  EXPECT_EQ(sink_.Post("1006").permalink, "");
  EXPECT_EQ(sink_.posts.size(), 7u);
}

TEST_F(ClassicFeaturesTest, NestedCommentsAndAnOrphan) {
  ASSERT_EQ(sink_.comments.size(), 4u);
  const SourceComment& top = sink_.Comment("3001");
  EXPECT_EQ(top.post_original_id, "1001");
  EXPECT_EQ(top.parent_original_id, "");
  EXPECT_EQ(top.author_name, "Bob");
  EXPECT_EQ(top.author_url, "https://bob.example/");
  EXPECT_EQ(top.content_html, "Top level <i>comment</i>");
  EXPECT_EQ(ToEpochMillis(*top.published), 1609585200123);
  EXPECT_EQ(sink_.Comment("3002").parent_original_id, "3001");
  EXPECT_EQ(sink_.Comment("3002").author_name, "Anonymous");
  EXPECT_EQ(sink_.Comment("3002").author_url, "");
  EXPECT_EQ(sink_.Comment("3003").parent_original_id, "3002");
  EXPECT_EQ(sink_.Comment("3003").post_original_id, "1001");
  // Its post is not in the file: handed over all the same (the service decides).
  EXPECT_EQ(sink_.Comment("3004").post_original_id, "9999");
  EXPECT_EQ(sink_.Comment("3004").where.line, 163);
}

TEST_F(ClassicFeaturesTest, UnknownElementsAreSaidOnce) {
  EXPECT_TRUE(sink_.Skipped("1 unknown element <x:tracker> @11:2"));
  EXPECT_TRUE(sink_.Skipped("1 unknown element <x:mood> @63:3"));
  EXPECT_EQ(sink_.skipped.size(), 3u);
}

// --- Our Takeout fixture --------------------------------------------------------------

class TakeoutFeaturesTest : public ::testing::Test {
 protected:
  void SetUp() override { sink_ = Read(kOurs + "blogger-takeout-features.atom"); }
  RecordingSink sink_;
};

TEST_F(TakeoutFeaturesTest, PostsPagesAndStatuses) {
  EXPECT_EQ(sink_.Blog().title, "Takeout & Features");
  ASSERT_EQ(sink_.posts.size(), 4u);  // the trashed one is not handed over
  const SourcePost& cafe = sink_.Post("6001");
  EXPECT_EQ(cafe.status, PostStatus::kPublished);
  EXPECT_EQ(cafe.title, "Café & crème");
  EXPECT_EQ(cafe.labels, (Labels{"Label with spaces", "Ελληνικά"}));
  EXPECT_EQ(cafe.permalink, "/2022/02/cafe-creme.html");
  EXPECT_EQ(cafe.content_html, "<p>Hello</p>");
  EXPECT_EQ(cafe.updated, Utc(2022, 2, 28, 10, 5, 0, 456));
  EXPECT_EQ(sink_.Post("6002").status, PostStatus::kDraft);
  EXPECT_EQ(sink_.Post("6002").permalink, "");
  EXPECT_EQ(sink_.Post("6003").status, PostStatus::kScheduled);
  EXPECT_EQ(sink_.Post("6003").permalink, "/2030/01/later.html");
  EXPECT_EQ(sink_.Post("6005").kind, PostKind::kPage);
  EXPECT_EQ(sink_.Post("6005").permalink, "/p/contact.html");
  EXPECT_TRUE(sink_.Skipped("trashed post 6004 'Thrown away' (status SOFT_TRASHED) @112:3"));
}

TEST_F(TakeoutFeaturesTest, CommentsThreadsAndStatuses) {
  ASSERT_EQ(sink_.comments.size(), 5u);
  EXPECT_EQ(sink_.Comment("7001").parent_original_id, "");
  EXPECT_EQ(sink_.Comment("7001").status, CommentStatus::kPublished);
  EXPECT_EQ(sink_.Comment("7001").author_url, "https://dora.example/");
  EXPECT_EQ(sink_.Comment("7001").content_html, "First <b>comment</b>");
  EXPECT_EQ(sink_.Comment("7002").parent_original_id, "7001");  // a bare id
  EXPECT_EQ(sink_.Comment("7002").status, CommentStatus::kPending);
  EXPECT_EQ(sink_.Comment("7003").parent_original_id, "7002");  // a full tag id
  EXPECT_EQ(sink_.Comment("7003").status, CommentStatus::kSpam);
  EXPECT_EQ(sink_.Comment("7004").status, CommentStatus::kDeleted);
  EXPECT_EQ(sink_.Comment("7005").post_original_id, "404404");
  for (const SourceComment& c : sink_.comments) EXPECT_NE(c.post_original_id, "");
}

TEST_F(TakeoutFeaturesTest, ReportsWhatItDoesNotKeep) {
  EXPECT_TRUE(sink_.Skipped("1 unknown element <blogger:sparkle> @85:5"));
  EXPECT_TRUE(sink_.Skipped("1 search description (blogger:metaDescription) @76:5"));
  EXPECT_EQ(sink_.skipped.size(), 3u);
  // The blog is reported before the first post, here after five comments.
  EXPECT_EQ(sink_.events[5], "blog");
}

// --- Broken files -----------------------------------------------------------------------

TEST(BloggerReaderBrokenTest, NotXml) {
  const std::string path = kOurs + "blogger-broken-not-xml.xml";
  EXPECT_EQ(Failure(path).rfind(path + ":1:1: not XML", 0), 0u) << Failure(path);
}

TEST(BloggerReaderBrokenTest, TruncatedMidEntry) {
  const std::string path = kOurs + "blogger-broken-truncated.xml";
  EXPECT_EQ(Failure(path), path +
                               ":72:32: the file ends before the document does: it was "
                               "cut short (it stops inside <content>, opened at 72:3)");
}

TEST(BloggerReaderBrokenTest, RssIsNoBloggerExport) {
  const std::string path = kOurs + "blogger-broken-rss.xml";
  EXPECT_EQ(Failure(path), path +
                               ":2:1: not a Blogger export: the document is <rss> (an RSS "
                               "feed), not an Atom <feed>");
}

TEST(BloggerReaderBrokenTest, EntryWithoutId) {
  const std::string path = kOurs + "blogger-broken-no-id.xml";
  RecordingSink sink;
  const Status status = ReadBloggerAtom(path, sink);
  ASSERT_TRUE(status.IsInvalidArgument());
  EXPECT_EQ(status.message().rfind(path + ":11:4: an <entry> without an <id>", 0), 0u)
      << status.message();
  EXPECT_EQ(sink.posts.size(), 1u);  // what came before (the caller discards it)
}

// Blogger writes its exports on one line: the column is what finds the entry, counted
// in characters (the title before it has two 2-byte ones).
TEST(BloggerReaderBrokenTest, EntryWithoutIdOnOneLine) {
  const std::string path = kOurs + "blogger-broken-one-line-no-id.xml";
  EXPECT_EQ(Failure(path).rfind(path + ":1:392: an <entry> without an <id>", 0), 0u)
      << Failure(path);
}

TEST(BloggerReaderBrokenTest, DateThatIsNoDate) {
  const std::string path = kOurs + "blogger-broken-bad-date.xml";
  EXPECT_EQ(Failure(path), path + ":7:5: <published> 'last Tuesday' is not a date and time");
}

TEST(BloggerReaderBrokenTest, MismatchedTags) {
  const std::string path = kOurs + "blogger-broken-mismatched-tags.xml";
  EXPECT_EQ(Failure(path),
            path + ":6:31: not well-formed XML: <title> (line 6) is closed by </titel>");
}

TEST(BloggerReaderBrokenTest, MissingFile) {
  RecordingSink sink;
  const Status status = ReadBloggerAtom(kOurs + "no-such-file.xml", sink);
  EXPECT_TRUE(status.IsNotFound()) << status.ToString();
}

TEST(BloggerReaderBrokenTest, SinkErrorStopsTheReader) {
  RecordingSink sink;
  sink.stop_at_post = 1;
  const Status status = ReadBloggerAtom(kPelican, sink);
  EXPECT_TRUE(status.IsConflict()) << status.ToString();
  EXPECT_EQ(sink.posts.size(), 1u);
  EXPECT_TRUE(sink.comments.empty());
}

}  // namespace
}  // namespace samizdat::transfer
