// samizdat's extension namespace, through both writers and both readers: a blog whose
// every setting, redirect, feed id, comments switch, comment status and kind differs
// from the defaults comes back as it was; bad values are refused where they are; other
// files and unknown extension elements change nothing.
#include "transfer/samizdat_extension.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/model.h"
#include "core/time.h"
#include "transfer/readers.h"
#include "transfer/recording_sink.h"
#include "transfer/writers.h"

namespace samizdat::transfer {
namespace {

using testing::RecordingSink;

// Every field a user sets, none at its default.
Blog SampleBlog() {
  Blog blog;
  blog.id = 7312;
  blog.host = "example.com";
  blog.title = "Carnet & <notes>";
  blog.description = "Des notes";
  blog.banner_url = "/media/abc.png";
  blog.banner_alt = "A lake";
  blog.time_zone = "America/Sao_Paulo";
  blog.locale = "pt-BR";
  blog.posts_per_page = 4;
  blog.date_format = "d MMM yyyy";
  blog.time_format = "HH:mm";
  blog.comment_moderation = ModerationMode::kOlderPosts;
  blog.moderation_days = 3;
  blog.comment_depth = 5;
  blog.jump_link_text = "Leia mais \u2192";
  blog.imported_from = "https://old.example.org/";
  blog.created = FromEpochMillis(1262304000123);
  blog.updated = FromEpochMillis(1642259880000);
  return blog;
}

struct Sample {
  Blog blog = SampleBlog();
  std::vector<std::pair<std::string, std::string>> redirects = {
      {"/2020/01/05/hello/", "/2020/01/hello.html"}, {"/?cat=5", "/search/label/News"}};
  std::vector<Post> posts;
  std::vector<Comment> comments;
};

Sample MakeSample() {
  Sample s;
  Post post;
  post.id = 901;
  post.blog_id = s.blog.id;
  post.status = PostStatus::kPublished;
  post.title = "Hello";
  post.path = "/2020/01/hello.html";
  post.body_html = "<p>hi</p>";
  post.author = "Ana";
  post.published = FromEpochMillis(1578218400123);
  post.updated = FromEpochMillis(1578218500456);
  post.comments_mode = CommentsMode::kHidden;
  post.feed_id = "https://old.example.org/?p=12";
  post.source = post.body_html;
  s.posts.push_back(post);

  Post markdown = post;
  markdown.id = 902;
  markdown.path = "/2020/01/md.html";
  markdown.format = BodyFormat::kMarkdown;
  markdown.source = "Some *Markdown* & <b>HTML</b>\n";
  markdown.body_html = "<p>Some <em>Markdown</em> &amp; <b>HTML</b></p>";
  markdown.feed_id = "";
  s.posts.push_back(markdown);

  Post unpublished = post;  // a draft keeps the path it had
  unpublished.id = 904;
  unpublished.status = PostStatus::kDraft;
  unpublished.path = "/2020/01/unpublished.html";
  s.posts.push_back(unpublished);

  Post sanitized = post;
  sanitized.id = 903;
  sanitized.path = "/2020/01/sanitized.html";
  sanitized.source = "<p>hi</p><script>alert(1)</script>";
  s.posts.push_back(sanitized);

  const std::pair<CommentStatus, CommentKind> kinds[] = {
      {CommentStatus::kPublished, CommentKind::kComment},
      {CommentStatus::kPending, CommentKind::kComment},
      {CommentStatus::kSpam, CommentKind::kTrackback},
      {CommentStatus::kDeleted, CommentKind::kComment},
      {CommentStatus::kPublished, CommentKind::kPingback},
  };
  int64_t id = 100;
  for (const auto& [status, kind] : kinds) {
    Comment c;
    c.id = ++id;
    c.blog_id = s.blog.id;
    c.post_id = post.id;
    c.parent_id = id == 103 ? 102 : 0;  // a reply to the pending comment
    c.status = status;
    c.kind = kind;
    c.author_name = "Reader " + std::to_string(id);
    c.body_html = "<p>words of " + std::to_string(id) + "</p>";
    c.body_text = "words of " + std::to_string(id);
    c.published = FromEpochMillis(1578218600000 + id * 1001);
    s.comments.push_back(c);
  }
  return s;
}

using MakeWriter = std::unique_ptr<ExportWriter> (*)(std::ostream&);
using Read = Status (*)(const std::string&, ImportSink&);

struct Format {
  const char* name;
  MakeWriter writer;
  Read read;
};

Status ReadWxrFile(const std::string& path, ImportSink& sink) { return ReadWxr(path, sink); }

const Format kFormats[] = {{"blogger", &MakeBloggerExportWriter, &ReadBloggerAtom},
                           {"wxr", &MakeWxrExportWriter, &ReadWxrFile}};

std::string Export(const Format& format, const Sample& s) {
  std::ostringstream out;
  auto writer = format.writer(out);
  writer->Begin(s.blog, "https://example.com");
  for (const auto& [from, to] : s.redirects) writer->Redirect(from, to);
  for (const Post& post : s.posts) {
    writer->Post(post);
    for (const Comment& c : s.comments) {
      if (c.post_id == post.id) writer->Comment(c, post);
    }
  }
  writer->End();
  return out.str();
}

// Reads `xml` as a file; the reader's status.
Status ReadBack(const Format& format, const std::string& xml, RecordingSink& sink) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("samizdat_extension_" + std::to_string(getpid()) + "_" + format.name + ".xml");
  std::ofstream(file) << xml;
  const Status read = format.read(file.string(), sink);
  std::filesystem::remove(file);
  return read;
}

class ExtensionTest : public ::testing::TestWithParam<Format> {};

TEST_P(ExtensionTest, GivesBackTheBlogsSettingsAndRedirects) {
  const Sample s = MakeSample();
  RecordingSink sink;
  const Status read = ReadBack(GetParam(), Export(GetParam(), s), sink);
  ASSERT_TRUE(read.ok()) << read.message();

  const SourceBlog blog = sink.Blog();
  EXPECT_EQ(blog.original_id, "7312");  // the id an import keeps
  ASSERT_TRUE(blog.settings.has_value());
  const Blog& got = *blog.settings;
  EXPECT_EQ(got.id, s.blog.id);
  EXPECT_EQ(got.title, s.blog.title);
  EXPECT_EQ(got.description, s.blog.description);
  EXPECT_EQ(got.banner_url, s.blog.banner_url);
  EXPECT_EQ(got.banner_alt, s.blog.banner_alt);
  EXPECT_EQ(got.time_zone, s.blog.time_zone);
  EXPECT_EQ(got.locale, s.blog.locale);
  EXPECT_EQ(got.posts_per_page, s.blog.posts_per_page);
  EXPECT_EQ(got.date_format, s.blog.date_format);
  EXPECT_EQ(got.time_format, s.blog.time_format);
  EXPECT_EQ(got.comment_moderation, s.blog.comment_moderation);
  EXPECT_EQ(got.moderation_days, s.blog.moderation_days);
  EXPECT_EQ(got.comment_depth, s.blog.comment_depth);
  EXPECT_EQ(got.jump_link_text, s.blog.jump_link_text);
  EXPECT_EQ(got.imported_from, s.blog.imported_from);
  EXPECT_EQ(got.created, s.blog.created);

  ASSERT_EQ(sink.redirects.size(), s.redirects.size());
  for (size_t i = 0; i < s.redirects.size(); ++i) {
    EXPECT_EQ(sink.redirects[i].old_path, s.redirects[i].first);
    EXPECT_EQ(sink.redirects[i].to, s.redirects[i].second);
  }
}

TEST_P(ExtensionTest, GivesBackFeedIdsCommentsSwitchesStatusesKindsAndExactTimes) {
  const Sample s = MakeSample();
  RecordingSink sink;
  const Status read = ReadBack(GetParam(), Export(GetParam(), s), sink);
  ASSERT_TRUE(read.ok()) << read.message();

  const SourcePost& post = sink.Post("901");
  EXPECT_EQ(post.feed_id, "https://old.example.org/?p=12");
  EXPECT_EQ(post.comments_mode, CommentsMode::kHidden);
  EXPECT_EQ(post.published, s.posts[0].published);
  EXPECT_EQ(post.updated, s.posts[0].updated);

  ASSERT_EQ(sink.comments.size(), s.comments.size());
  for (const Comment& want : s.comments) {
    const SourceComment& got = sink.Comment(std::to_string(want.id));
    SCOPED_TRACE(want.id);
    EXPECT_EQ(got.status, want.status);
    EXPECT_EQ(got.kind, want.kind);
    EXPECT_EQ(got.parent_original_id, want.parent_id == 0 ? "" : std::to_string(want.parent_id));
    EXPECT_EQ(got.content_html, want.body_html);  // a deleted comment's too
    EXPECT_EQ(got.author_name, want.author_name);
    EXPECT_EQ(got.published, want.published);
  }
}

// What the author wrote comes back where it is not the body: Markdown, or HTML the
// sanitizer changed. A body that is its own source is written once.
TEST_P(ExtensionTest, GivesBackWhatTheAuthorWrote) {
  const Sample s = MakeSample();
  RecordingSink sink;
  const std::string xml = Export(GetParam(), s);
  ASSERT_TRUE(ReadBack(GetParam(), xml, sink).ok());
  EXPECT_EQ(sink.Post("901").source, std::nullopt);
  EXPECT_EQ(sink.Post("901").format, BodyFormat::kHtml);
  EXPECT_EQ(sink.Post("902").source, "Some *Markdown* & <b>HTML</b>\n");
  EXPECT_EQ(sink.Post("902").format, BodyFormat::kMarkdown);
  EXPECT_EQ(sink.Post("902").content_html, s.posts[1].body_html);
  EXPECT_EQ(sink.Post("903").source, "<p>hi</p><script>alert(1)</script>");
  EXPECT_EQ(sink.Post("903").format, BodyFormat::kHtml);
  EXPECT_EQ(sink.Post("903").content_html, "<p>hi</p>");
}

TEST_P(ExtensionTest, AnUnpublishedDraftKeepsItsPath) {
  RecordingSink sink;
  ASSERT_TRUE(ReadBack(GetParam(), Export(GetParam(), MakeSample()), sink).ok());
  EXPECT_EQ(sink.Post("904").status, PostStatus::kDraft);
  EXPECT_EQ(sink.Post("904").permalink, "/2020/01/unpublished.html");
}

TEST_P(ExtensionTest, AnEmptyFeedIdStaysEmpty) {
  Sample s = MakeSample();
  s.posts[0].feed_id.clear();
  RecordingSink sink;
  ASSERT_TRUE(ReadBack(GetParam(), Export(GetParam(), s), sink).ok());
  // Not the tag: id WXR's guid holds: the feed ids follow from the ids, as before.
  EXPECT_EQ(sink.Post("901").feed_id, "");
}

TEST_P(ExtensionTest, ABadValueIsRefusedWhereItIs) {
  const std::pair<std::string, std::string> breakages[] = {
      {"<samizdat:posts_per_page>4</samizdat:posts_per_page>",
       "<samizdat:posts_per_page>many</samizdat:posts_per_page>"},
      {"<samizdat:comment_moderation>older</samizdat:comment_moderation>",
       "<samizdat:comment_moderation>sometimes</samizdat:comment_moderation>"},
      {"status='spam'", "status='lost'"},
      {"comments='hidden'", "comments='ajar'"},
      {"from='/?cat=5'", "from='cat=5'"},
      {"format='markdown'", "format='rtf'"},
      {"path='/2020/01/md.html'", "path='2020/01/md.html'"},
  };
  const std::string good = Export(GetParam(), MakeSample());
  for (const auto& [from, to] : breakages) {
    SCOPED_TRACE(to);
    std::string bad = good;
    const size_t at = bad.find(from);
    ASSERT_NE(at, std::string::npos);
    bad.replace(at, from.size(), to);
    RecordingSink sink;
    const Status read = ReadBack(GetParam(), bad, sink);
    ASSERT_FALSE(read.ok());
    EXPECT_NE(read.message().find(".xml:"), std::string::npos) << read.message();
    const std::string value = to.substr(to.find_first_of(">'") + 1, 4);
    EXPECT_NE(read.message().find(value), std::string::npos) << read.message();
  }
}

// A later version's elements and attributes are passed over.
TEST_P(ExtensionTest, UnknownExtensionElementsChangeNothing) {
  const Sample s = MakeSample();
  std::string xml = Export(GetParam(), s);
  const std::string blog_end = "</samizdat:blog>";
  xml.insert(xml.find(blog_end), "<samizdat:theme>dark</samizdat:theme>");
  xml.insert(xml.find(blog_end) + blog_end.size(), "<samizdat:widget name='x'/>");
  const std::string post = "<samizdat:post ";
  xml.insert(xml.find(post) + post.size(), "mood='calm' ");
  RecordingSink sink;
  const Status read = ReadBack(GetParam(), xml, sink);
  ASSERT_TRUE(read.ok()) << read.message();
  ASSERT_TRUE(sink.Blog().settings.has_value());
  EXPECT_EQ(sink.Blog().settings->posts_per_page, 4);
  EXPECT_EQ(sink.Post("901").feed_id, "https://old.example.org/?p=12");
}

INSTANTIATE_TEST_SUITE_P(BothFormats, ExtensionTest, ::testing::ValuesIn(kFormats),
                         [](const auto& info) { return std::string(info.param.name); });

// Files other programs wrote carry no settings: the import decides as before.
TEST(ExtensionAbsentTest, OtherFilesHaveNoSettings) {
  RecordingSink blogger;
  ASSERT_TRUE(ReadBloggerAtom(std::string(SAMIZDAT_SHARED_FIXTURES) +
                                  "/blogger-classic/pelican-bloggerexport.xml",
                              blogger)
                  .ok());
  EXPECT_FALSE(blogger.Blog().settings.has_value());
  RecordingSink wxr;
  ASSERT_TRUE(
      ReadWxr(std::string(SAMIZDAT_SHARED_FIXTURES) + "/wxr/pelican-wordpressexport.xml", wxr)
          .ok());
  EXPECT_FALSE(wxr.Blog().settings.has_value());
}

}  // namespace
}  // namespace samizdat::transfer
