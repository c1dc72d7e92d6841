// MediaService: uploads typed by their bytes (not their names), named by their hash,
// stored once, found again by their URL's name.
#include "service/media.h"

#include <string>

#include "service/blogs.h"
#include "test_store.h"

namespace samizdat::service {
namespace {

// A valid 1×1 RGB PNG (one red pixel).
std::string Png() {
  static const char kBytes[] =
      "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01"
      "\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0c\x49\x44\x41"
      "\x54\x78\x9c\x63\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00"
      "\x00\x49\x45\x4e\x44\xae\x42\x60\x82";
  return std::string(kBytes, sizeof kBytes - 1);
}

// A valid 1×1 grey baseline JPEG: JFIF, a quantization table of ones, one-code Huffman
// tables, one block whose coefficients are all 0.
std::string Jpeg() {
  static const char kHead[] =
      "\xff\xd8\xff\xe0\x00\x10\x4a\x46\x49\x46\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
      "\xff\xdb\x00\x43\x00";
  static const char kTail[] =
      "\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00"
      "\xff\xc4\x00\x14\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
      "\x00\x00\xff\xc4\x00\x14\x10\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
      "\x00\x00\x00\x00\xff\xda\x00\x08\x01\x01\x00\x00\x00\x3f\x00\x3f\xff\xd9";
  return std::string(kHead, sizeof kHead - 1) + std::string(64, '\x01') +
         std::string(kTail, sizeof kTail - 1);
}

class MediaServiceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    blog_ = CreateBlog("a.test", "A");
    ASSERT_NE(blog_.id, 0);
  }

  MediaService Media() { return MediaService(*store_); }

  Blog blog_;
};

TEST_F(MediaServiceTest, PngIsStoredUnderItsHash) {
  auto png = Media().Upload(blog_, "red dot.png", Png());
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  EXPECT_EQ(png->content_type, "image/png");
  EXPECT_EQ(png->hash.size(), 32u);
  EXPECT_EQ(png->hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(png->filename, "red dot.png");
  EXPECT_EQ(png->size, static_cast<int64_t>(Png().size()));
  EXPECT_EQ(MediaPath(*png), "/media/" + png->hash + ".png");

  auto read = Media().Get(blog_, png->hash + ".png");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->bytes, Png());
  EXPECT_EQ(read->content_type, "image/png");
}

TEST_F(MediaServiceTest, JpegTakesItsTypeFromItsBytesNotItsName) {
  auto jpeg = Media().Upload(blog_, "photo.png", Jpeg());
  ASSERT_TRUE(jpeg.ok()) << jpeg.status().ToString();
  EXPECT_EQ(jpeg->content_type, "image/jpeg");
  EXPECT_EQ(MediaPath(*jpeg), "/media/" + jpeg->hash + ".jpg");
  EXPECT_TRUE(Media().Get(blog_, jpeg->hash + ".jpg").ok());
  // One URL per file: the hash under another type's extension names nothing.
  EXPECT_TRUE(Media().Get(blog_, jpeg->hash + ".png").status().IsNotFound());
}

TEST_F(MediaServiceTest, TextIsRefusedSayingWhatItIs) {
  auto text = Media().Upload(blog_, "hello.png", "hello");
  ASSERT_TRUE(text.status().IsInvalidArgument());
  EXPECT_NE(text.status().message().find("text"), std::string::npos) << text.status().message();
  EXPECT_NE(text.status().message().find("PNG, JPEG, GIF and WebP"), std::string::npos);
}

TEST_F(MediaServiceTest, HtmlNamedPngIsRefused) {
  auto html = Media().Upload(blog_, "x.png",
                             "<!DOCTYPE html><html><head><script>alert(1)</script></head></html>");
  ASSERT_TRUE(html.status().IsInvalidArgument());
  EXPECT_NE(html.status().message().find("HTML"), std::string::npos) << html.status().message();
  EXPECT_TRUE(store_->ListMedia(blog_.id, 10, 0)->empty());
}

TEST_F(MediaServiceTest, EmptyAndOversizedAreRefused) {
  auto empty = Media().Upload(blog_, "x.png", "");
  EXPECT_TRUE(empty.status().IsInvalidArgument());
  EXPECT_NE(empty.status().message().find("empty"), std::string::npos);

  std::string big = Png();
  big.resize(kMaxMediaBytes + 1, '\0');
  auto over = Media().Upload(blog_, "big.png", big);
  EXPECT_TRUE(over.status().IsInvalidArgument());
  EXPECT_NE(over.status().message().find("10 MiB"), std::string::npos) << over.status().message();
  EXPECT_TRUE(store_->ListMedia(blog_.id, 10, 0)->empty());
}

TEST_F(MediaServiceTest, SameBytesTwiceAreStoredOnce) {
  auto first = Media().Upload(blog_, "one.png", Png());
  auto second = Media().Upload(blog_, "two.png", Png());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->hash, second->hash);
  EXPECT_EQ(second->filename, "one.png");  // the stored file, as first uploaded
  auto files = Media().List(blog_, 10, 0);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 1u);
  EXPECT_TRUE((*files)[0].bytes.empty());
}

TEST_F(MediaServiceTest, NamesThatAreNotMediaPathsAreNotFound) {
  auto png = Media().Upload(blog_, "p.png", Png());
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(MediaHashFromName(png->hash + ".png"), png->hash);
  for (const std::string& name :
       {png->hash, png->hash + ".exe", png->hash + ".PNG", "../" + png->hash + ".png",
        std::string("x.png"), std::string(".png"), png->hash.substr(1) + ".png"}) {
    EXPECT_EQ(MediaHashFromName(name), "") << name;
    EXPECT_TRUE(Media().Get(blog_, name).status().IsNotFound()) << name;
  }
}

TEST_F(MediaServiceTest, RemoveDeletesTheFile) {
  auto png = Media().Upload(blog_, "p.png", Png());
  ASSERT_TRUE(png.ok());
  EXPECT_TRUE(Media().Remove(blog_, png->hash).ok());
  EXPECT_TRUE(Media().Get(blog_, png->hash + ".png").status().IsNotFound());
  EXPECT_TRUE(Media().Remove(blog_, png->hash).IsNotFound());
}

}  // namespace
}  // namespace samizdat::service
