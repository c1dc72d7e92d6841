// Store contract (every backend): uploaded media — bytes kept exactly, the same hash
// stored once, listed newest first without bytes, removed.
#include <string>
#include <vector>

#include "store/row_mapping.h"
#include "store_test_util.h"

namespace samizdat::store {
namespace {

class MediaTest : public StoreTest {
 protected:
  static Media FileOf(int64_t blog_id, const std::string& hash, std::string bytes,
                      int64_t created_ms) {
    Media media;
    media.blog_id = blog_id;
    media.hash = hash;
    media.content_type = "image/png";
    media.filename = "photo " + hash + ".png";
    media.bytes = std::move(bytes);
    media.size = static_cast<int64_t>(media.bytes.size());
    media.created = At(created_ms);
    return media;
  }

  // Every byte value, NULs and high bytes included, some of them twice.
  static std::string AllBytes() {
    std::string bytes;
    for (int round = 0; round < 2; ++round) {
      for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
    }
    bytes += std::string("\0\0\xff\x00", 4);
    return bytes;
  }
};

TEST_P(MediaTest, BinaryBytesRoundTripExactly) {
  Blog blog = NewBlog("a.example");
  const int64_t generation = Generation(blog.id);
  ASSERT_TRUE(store_->AddMedia(FileOf(blog.id, "0a1b", AllBytes(), 5000)).ok());
  EXPECT_EQ(Generation(blog.id), generation);  // nothing shows a file yet

  Media read = Must(store_->GetMedia(blog.id, "0a1b"));
  EXPECT_EQ(read.blog_id, blog.id);
  EXPECT_EQ(read.hash, "0a1b");
  EXPECT_EQ(read.content_type, "image/png");
  EXPECT_EQ(read.filename, "photo 0a1b.png");
  EXPECT_EQ(read.bytes, AllBytes());
  EXPECT_EQ(read.size, static_cast<int64_t>(AllBytes().size()));
  EXPECT_EQ(read.created, At(5000));

  // Another Store on the database (another process or node) reads the same.
  EXPECT_EQ(Must(OpenAgain()->GetMedia(blog.id, "0a1b")).bytes, AllBytes());
}

TEST_P(MediaTest, SameHashTwiceKeepsTheFirst) {
  Blog blog = NewBlog("a.example");
  ASSERT_TRUE(store_->AddMedia(FileOf(blog.id, "aa", "first", 1000)).ok());
  Media again = FileOf(blog.id, "aa", "first", 2000);
  again.filename = "renamed.png";
  EXPECT_TRUE(store_->AddMedia(again).ok());
  EXPECT_EQ(Must(store_->ListMedia(blog.id, 10, 0)).size(), 1u);
  Media read = Must(store_->GetMedia(blog.id, "aa"));
  EXPECT_EQ(read.filename, "photo aa.png");
  EXPECT_EQ(read.created, At(1000));
}

TEST_P(MediaTest, CreatedIsSetWhenZeroAndSizeFromBytes) {
  Blog blog = NewBlog("a.example");
  Media media = FileOf(blog.id, "bb", "12345", 0);
  media.size = 0;
  ASSERT_TRUE(store_->AddMedia(media).ok());
  Media read = Must(store_->GetMedia(blog.id, "bb"));
  EXPECT_GT(Millis(read.created), 0);
  EXPECT_EQ(read.size, 5);
}

TEST_P(MediaTest, ListIsNewestFirstWithoutBytesAndPaged) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  ASSERT_TRUE(store_->AddMedia(FileOf(blog.id, "01", "one", 1000)).ok());
  ASSERT_TRUE(store_->AddMedia(FileOf(blog.id, "03", "three", 3000)).ok());
  ASSERT_TRUE(store_->AddMedia(FileOf(blog.id, "02", "two", 2000)).ok());
  ASSERT_TRUE(store_->AddMedia(FileOf(other.id, "04", "four", 4000)).ok());

  std::vector<Media> files = Must(store_->ListMedia(blog.id, 10, 0));
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].hash, "03");
  EXPECT_EQ(files[1].hash, "02");
  EXPECT_EQ(files[2].hash, "01");
  EXPECT_EQ(files[0].bytes, "");
  EXPECT_EQ(files[0].size, 5);
  EXPECT_EQ(files[0].content_type, "image/png");
  EXPECT_EQ(files[0].filename, "photo 03.png");
  EXPECT_EQ(files[0].created, At(3000));

  std::vector<Media> page = Must(store_->ListMedia(blog.id, 1, 1));
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].hash, "02");
  EXPECT_EQ(Must(store_->ListMedia(blog.id, -1, 0)).size(), 3u);
}

TEST_P(MediaTest, DeleteRemovesOnlyThatFile) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  ASSERT_TRUE(store_->AddMedia(FileOf(blog.id, "aa", "x", 1000)).ok());
  ASSERT_TRUE(store_->AddMedia(FileOf(other.id, "aa", "x", 1000)).ok());
  ASSERT_TRUE(store_->DeleteMedia(blog.id, "aa").ok());
  EXPECT_TRUE(store_->GetMedia(blog.id, "aa").status().IsNotFound());
  EXPECT_TRUE(store_->DeleteMedia(blog.id, "aa").IsNotFound());
  EXPECT_EQ(Must(store_->GetMedia(other.id, "aa")).bytes, "x");
}

TEST_P(MediaTest, MissingAndMalformedAreRefused) {
  Blog blog = NewBlog("a.example");
  EXPECT_TRUE(store_->GetMedia(blog.id, "ff").status().IsNotFound());
  EXPECT_TRUE(store_->GetMedia(blog.id, std::string("\xff\0", 2)).status().IsNotFound());
  EXPECT_TRUE(store_->AddMedia(FileOf(blog.id, "NOT-HEX", "x", 1)).IsInvalidArgument());
  Media untyped = FileOf(blog.id, "aa", "x", 1);
  untyped.content_type = "";
  EXPECT_TRUE(store_->AddMedia(untyped).IsInvalidArgument());
  EXPECT_TRUE(store_->AddMedia(FileOf(blog.id + 1000, "aa", "x", 1)).IsNotFound());
  EXPECT_TRUE(Must(store_->ListMedia(blog.id, 10, 0)).empty());
}

TEST_P(MediaTest, BulkWriterCopiesFilesAsGiven) {
  Blog blog = NewBlog("a.example");
  ASSERT_TRUE(store_->AddMedia(FileOf(blog.id, "aa", "kept", 1000)).ok());
  std::unique_ptr<StoreCopy> bulk = Must(store_->BeginCopy());
  ASSERT_TRUE(bulk->AddMedia(FileOf(blog.id, "bb", AllBytes(), 2000)).ok());
  ASSERT_TRUE(bulk->AddMedia(FileOf(blog.id, "aa", "other", 3000)).ok());  // left as it is
  EXPECT_TRUE(bulk->AddMedia(FileOf(blog.id + 1000, "cc", "x", 1)).IsNotFound());
  ASSERT_TRUE(bulk->Commit(nullptr).ok());
  Media copied = Must(store_->GetMedia(blog.id, "bb"));
  EXPECT_EQ(copied.bytes, AllBytes());
  EXPECT_EQ(copied.created, At(2000));
  EXPECT_EQ(Must(store_->GetMedia(blog.id, "aa")).bytes, "kept");
}

SAMIZDAT_ON_EVERY_STORE(MediaTest);

}  // namespace
}  // namespace samizdat::store
