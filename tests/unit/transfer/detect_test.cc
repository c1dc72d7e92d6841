// DetectFormat and LocateExport: every export the import takes (classic file, Takeout
// feed, Takeout folder, Takeout .zip made here with libzip, WXR) and what is none.
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "transfer/readers.h"
#include "transfer/recording_sink.h"

namespace samizdat::transfer {
namespace {

namespace fs = std::filesystem;
using testing::RecordingSink;
using Files = std::vector<std::string>;

const std::string kOurs = std::string(SAMIZDAT_TEST_FIXTURES) + "/import/";
const std::string kShared = std::string(SAMIZDAT_SHARED_FIXTURES) + "/";
const std::string kPelican = kShared + "blogger-classic/pelican-bloggerexport.xml";
const fs::path kTakeoutParent = kShared + "blogger-takeout";
const std::string kBlogFeed = "Blogger/Blogs/Blog Experience/feed.atom";
const std::string kCommentsFeed = "Blogger/Comments/Blog Expercience/feed.atom";

// A fresh folder, removed with all it holds at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "samizdat-detect-XXXXXX").string();
    EXPECT_NE(mkdtemp(pattern.data()), nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A .zip of `members` (name in the archive -> file on disk), made with libzip.
void MakeZip(const fs::path& zip_path,
             const std::vector<std::pair<std::string, fs::path>>& members) {
  int error = 0;
  zip_t* zip = zip_open(zip_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(zip, nullptr) << error;
  for (const auto& [name, file] : members) {
    zip_source_t* source = zip_source_file(zip, file.c_str(), 0, -1);
    ASSERT_NE(source, nullptr) << zip_strerror(zip);
    ASSERT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0) << zip_strerror(zip);
  }
  ASSERT_EQ(zip_close(zip), 0);
}

// The zip Google hands over: everything under Takeout/, paths relative to its parent.
void ZipTheTakeout(const fs::path& zip_path) {
  std::vector<std::pair<std::string, fs::path>> members;
  for (const auto& entry : fs::recursive_directory_iterator(kTakeoutParent / "Takeout")) {
    if (!entry.is_regular_file()) continue;
    members.emplace_back(fs::relative(entry.path(), kTakeoutParent).string(), entry.path());
  }
  MakeZip(zip_path, members);
}

std::string ErrorOf(const Result<ExportFiles>& result) {
  EXPECT_FALSE(result.ok());
  return result.ok() ? "" : result.status().message();
}

// Reads every file of an export into one sink, as the import does.
RecordingSink ReadAll(const ExportFiles& files) {
  RecordingSink sink;
  for (const std::string& file : files.files) {
    const Status status = ReadBloggerAtom(file, sink);
    EXPECT_TRUE(status.ok()) << status.ToString();
  }
  return sink;
}

// --- DetectFormat -------------------------------------------------------------------------

TEST(DetectFormatTest, TellsTheExportsApart) {
  const auto format = [](const std::string& path) {
    auto f = DetectFormat(path);
    EXPECT_TRUE(f.ok()) << path << ": " << f.status().ToString();
    return f.ok() ? *f : ExportFormat::kWxr;
  };
  EXPECT_EQ(format(kPelican), ExportFormat::kBloggerClassic);
  EXPECT_EQ(format((kTakeoutParent / "Takeout" / kBlogFeed).string()),
            ExportFormat::kBloggerTakeout);
  EXPECT_EQ(format((kTakeoutParent / "Takeout" / kCommentsFeed).string()),
            ExportFormat::kBloggerTakeout);
  EXPECT_EQ(format(kShared + "wxr/pelican-wordpressexport.xml"), ExportFormat::kWxr);
  // WordPress.com's https namespace, and WXR 1.0's.
  EXPECT_EQ(format(kOurs + "wxr-https.xml"), ExportFormat::kWxr);
  EXPECT_EQ(format(kOurs + "wxr-1.0.xml"), ExportFormat::kWxr);
  EXPECT_EQ(format(kOurs + "blogger-classic-features.xml"), ExportFormat::kBloggerClassic);
  EXPECT_EQ(format(kOurs + "blogger-takeout-features.atom"), ExportFormat::kBloggerTakeout);
  // The start is enough: a file cut short later is still a classic export (its reader
  // then says where it ends).
  EXPECT_EQ(format(kOurs + "blogger-broken-truncated.xml"), ExportFormat::kBloggerClassic);
}

TEST(DetectFormatTest, ClassicWithoutArchiveIdIsKnownByItsKinds) {
  TempDir dir;
  const fs::path path = dir.path() / "export.xml";
  WriteFile(path,
            "<feed xmlns='http://www.w3.org/2005/Atom'><id>tag:blogger.com,1999:blog-1</id>"
            "<entry><id>tag:blogger.com,1999:blog-1.post-2</id><category "
            "scheme='http://schemas.google.com/g/2005#kind' "
            "term='http://schemas.google.com/blogger/2008/kind#post'/></entry></feed>");
  auto format = DetectFormat(path.string());
  ASSERT_TRUE(format.ok()) << format.status().ToString();
  EXPECT_EQ(*format, ExportFormat::kBloggerClassic);
}

TEST(DetectFormatTest, RssThatIsNoExport) {
  const std::string path = kOurs + "blogger-broken-rss.xml";
  auto format = DetectFormat(path);
  ASSERT_FALSE(format.ok());
  EXPECT_TRUE(format.status().IsInvalidArgument());
  EXPECT_EQ(format.status().message().rfind(path + ":2:1: not an export: an RSS feed", 0), 0u)
      << format.status().message();
}

TEST(DetectFormatTest, NotXml) {
  const std::string path = kOurs + "blogger-broken-not-xml.xml";
  auto format = DetectFormat(path);
  ASSERT_FALSE(format.ok());
  EXPECT_TRUE(format.status().IsInvalidArgument());
  EXPECT_EQ(format.status().message().rfind(path + ":1:1: not XML", 0), 0u)
      << format.status().message();
}

TEST(DetectFormatTest, AtomFeedThatIsNoExport) {
  TempDir dir;
  const fs::path path = dir.path() / "posts.xml";
  WriteFile(path,
            "<?xml version='1.0'?>\n<feed xmlns='http://www.w3.org/2005/Atom'>\n"
            " <id>tag:blogger.com,1999:blog-1</id>\n"
            " <entry><id>tag:blogger.com,1999:blog-1.post-2</id><title>x</title></entry>\n"
            "</feed>\n");
  auto format = DetectFormat(path.string());
  ASSERT_FALSE(format.ok());
  EXPECT_EQ(format.status().message().rfind(
                path.string() + ":2:1: not an export: an Atom feed, but not a Blogger export", 0),
            0u)
      << format.status().message();
}

TEST(DetectFormatTest, ReadsOnlyTheStart) {
  TempDir dir;
  const fs::path path = dir.path() / "padded.xml";
  WriteFile(path, "<?xml version='1.0'?>\n<!--" + std::string(100 * 1024, 'x') +
                      "-->\n<feed xmlns='http://www.w3.org/2005/Atom'/>\n");
  auto format = DetectFormat(path.string());
  ASSERT_FALSE(format.ok());
  EXPECT_NE(format.status().message().find("not an export: no sign of a Blogger or WordPress "
                                           "export in its first 64 KiB"),
            std::string::npos)
      << format.status().message();
}

// --- LocateExport: plain files --------------------------------------------------------------

TEST(LocateExportTest, PlainFileIsItself) {
  TempDir scratch;
  auto classic = LocateExport(kPelican, scratch.path().string());
  ASSERT_TRUE(classic.ok()) << classic.status().ToString();
  EXPECT_EQ(classic->format, ExportFormat::kBloggerClassic);
  EXPECT_EQ(classic->files, Files{kPelican});

  const std::string wxr = kShared + "wxr/jekyll-import-sitetitle.xml";
  auto wordpress = LocateExport(wxr, scratch.path().string());
  ASSERT_TRUE(wordpress.ok()) << wordpress.status().ToString();
  EXPECT_EQ(wordpress->format, ExportFormat::kWxr);
  EXPECT_EQ(wordpress->files, Files{wxr});

  EXPECT_TRUE(fs::is_empty(scratch.path()));
}

TEST(LocateExportTest, MissingPath) {
  auto result = LocateExport(kOurs + "nothing-here", "/tmp");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsNotFound()) << result.status().ToString();
}

TEST(LocateExportTest, BrokenPlainFile) {
  const std::string path = kOurs + "blogger-broken-rss.xml";
  EXPECT_EQ(ErrorOf(LocateExport(path, "/tmp")).rfind(path + ":2:1: not an export", 0), 0u);
}

// --- LocateExport: Takeout folders ------------------------------------------------------------

// The blog's feed, then the comments feed of the same blog although its folder is named
// differently ("Blog Expercience"); from the Takeout folder or its parent.
TEST(LocateExportTest, TakeoutFolder) {
  for (const fs::path& root : {kTakeoutParent, kTakeoutParent / "Takeout"}) {
    auto files = LocateExport(root.string(), "/nonexistent-scratch");
    ASSERT_TRUE(files.ok()) << root << ": " << files.status().ToString();
    EXPECT_EQ(files->format, ExportFormat::kBloggerTakeout);
    const fs::path takeout = root == kTakeoutParent ? root / "Takeout" : root;
    EXPECT_EQ(files->files,
              (Files{(takeout / kBlogFeed).string(), (takeout / kCommentsFeed).string()}));

    const RecordingSink sink = ReadAll(*files);
    EXPECT_EQ(sink.posts.size(), 4u);
    EXPECT_EQ(sink.Count(PostKind::kPost, PostStatus::kDraft), 2);
    // Both feeds hold the blog's two comments: the same two ids.
    EXPECT_EQ(sink.CommentIds(),
              (std::set<std::string>{"2868545079274515862", "8203644020913035965"}));
    EXPECT_EQ(sink.Blog().title, "Blog Experience");
    EXPECT_EQ(sink.Blog().original_id, "2353705547182731374");
  }
}

// A copy of the fixture's Blogger folder in `dir`/Takeout/Blogger.
void CopyTakeout(const fs::path& dir) {
  fs::create_directories(dir / "Takeout");
  fs::copy(kTakeoutParent / "Takeout" / "Blogger", dir / "Takeout" / "Blogger",
           fs::copy_options::recursive);
}

TEST(LocateExportTest, CommentsOfOtherBlogsStayOut) {
  TempDir dir;
  CopyTakeout(dir.path());
  WriteFile(dir.path() / "Takeout/Blogger/Comments/Someone Else/feed.atom",
            "<feed xmlns='http://www.w3.org/2005/Atom' "
            "xmlns:blogger='http://schemas.google.com/blogger/2018'>"
            "<id>tag:blogger.com,1999:blog-999</id><title>Someone Else</title></feed>");
  auto files = LocateExport(dir.path().string(), "/nonexistent-scratch");
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->files.size(), 2u);
  EXPECT_NE(files->files[1].find("Blog Expercience"), std::string::npos);
}

TEST(LocateExportTest, TakeoutWithTwoBlogs) {
  TempDir dir;
  CopyTakeout(dir.path());
  WriteFile(dir.path() / "Takeout/Blogger/Blogs/Second Blog/feed.atom", "<feed/>");
  const std::string message = ErrorOf(LocateExport(dir.path().string(), "/tmp"));
  EXPECT_NE(message.find("this Takeout holds 2 blogs ('Blog Experience', 'Second Blog')"),
            std::string::npos)
      << message;
}

TEST(LocateExportTest, FolderWithoutExport) {
  TempDir dir;
  const std::string message = ErrorOf(LocateExport(dir.path().string(), "/tmp"));
  EXPECT_EQ(message.rfind(dir.path().string() + ": not an export: no Blogger/Blogs folder", 0), 0u)
      << message;
}

// --- LocateExport: Takeout .zip ---------------------------------------------------------------

TEST(LocateExportTest, TakeoutZip) {
  TempDir dir;
  const fs::path zip = dir.path() / "takeout-20240101T000000Z-001.zip";
  ZipTheTakeout(zip);
  const fs::path scratch = dir.path() / "scratch";
  fs::create_directories(scratch);

  auto files = LocateExport(zip.string(), scratch.string());
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(files->format, ExportFormat::kBloggerTakeout);
  EXPECT_EQ(files->files,
            (Files{(scratch / kBlogFeed).string(), (scratch / kCommentsFeed).string()}));
  // Extracted byte for byte; the rest of the archive (albums, settings) left in it.
  EXPECT_EQ(Slurp(scratch / kBlogFeed), Slurp(kTakeoutParent / "Takeout" / kBlogFeed));
  EXPECT_EQ(Slurp(scratch / kCommentsFeed), Slurp(kTakeoutParent / "Takeout" / kCommentsFeed));
  EXPECT_FALSE(fs::exists(scratch / "Blogger/Albums"));
  EXPECT_FALSE(fs::exists(scratch / "Blogger/Blogs/Blog Experience/settings.csv"));

  const RecordingSink sink = ReadAll(*files);
  EXPECT_EQ(sink.posts.size(), 4u);
  EXPECT_EQ(sink.CommentIds().size(), 2u);
  EXPECT_EQ(sink.Blog().title, "Blog Experience");
}

// A member path that climbs out ("../../") still lands inside the scratch folder.
TEST(LocateExportTest, ZipMembersStayInScratch) {
  TempDir dir;
  const fs::path zip = dir.path() / "odd.zip";
  MakeZip(zip,
          {{"../../Blogger/Blogs/Climber/feed.atom", kTakeoutParent / "Takeout" / kBlogFeed},
           {"Takeout/Blogger/Comments/../feed.atom", kTakeoutParent / "Takeout" / kCommentsFeed}});
  const fs::path scratch = dir.path() / "a" / "b" / "scratch";
  fs::create_directories(scratch);
  auto files = LocateExport(zip.string(), scratch.string());
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(files->files, Files{(scratch / "Blogger/Blogs/Climber/feed.atom").string()});
  EXPECT_FALSE(fs::exists(dir.path() / "a" / "Blogger"));
  EXPECT_FALSE(fs::exists(dir.path() / "Blogger"));
}

TEST(LocateExportTest, ZipWithTwoBlogs) {
  TempDir dir;
  const fs::path zip = dir.path() / "two.zip";
  const fs::path feed = kTakeoutParent / "Takeout" / kBlogFeed;
  MakeZip(zip, {{"Takeout/Blogger/Blogs/One/feed.atom", feed},
                {"Takeout/Blogger/Blogs/Two/feed.atom", feed}});
  const std::string message = ErrorOf(LocateExport(zip.string(), dir.path().string()));
  EXPECT_NE(message.find("this Takeout holds 2 blogs ('One', 'Two')"), std::string::npos)
      << message;
}

TEST(LocateExportTest, ZipWithoutBlog) {
  TempDir dir;
  const fs::path zip = dir.path() / "photos.zip";
  MakeZip(zip, {{"Takeout/Blogger/Profile/profile.csv",
                 kTakeoutParent / "Takeout/Blogger/Profile/profile.csv"}});
  const std::string message = ErrorOf(LocateExport(zip.string(), dir.path().string()));
  EXPECT_EQ(message.rfind(zip.string() + ": not an export: the .zip holds no Blogger/Blogs", 0), 0u)
      << message;
}

TEST(LocateExportTest, DamagedZip) {
  TempDir dir;
  const fs::path zip = dir.path() / "damaged.zip";
  WriteFile(zip, std::string("PK\x03\x04", 4) + std::string(200, 'z'));
  const std::string message = ErrorOf(LocateExport(zip.string(), dir.path().string()));
  EXPECT_EQ(message.rfind(zip.string() + ": not a readable .zip", 0), 0u) << message;
}

}  // namespace
}  // namespace samizdat::transfer
