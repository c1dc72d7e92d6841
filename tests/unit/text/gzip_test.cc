// Tests for GzipCompress: the output is real gzip, checked with zlib's own inflate.
#include "text/gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace samizdat::text {
namespace {

// Inflates a gzip member with zlib (windowBits 15 + 16 accepts only the gzip wrapper).
// Sets `ok` only if the whole input was one complete, checksum-verified gzip member.
std::string Gunzip(const std::string& gz, bool& ok) {
  z_stream z{};
  ok = inflateInit2(&z, 15 + 16) == Z_OK;
  if (!ok) return {};
  std::string out;
  char buf[4096];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - z.avail_out);
  }
  ok = rc == Z_STREAM_END && z.avail_in == 0;
  inflateEnd(&z);
  return out;
}

void ExpectRoundTrip(const std::string& data, int level) {
  const std::string gz = GzipCompress(data, level);
  ASSERT_GE(gz.size(), 18u);  // 10-byte header + 8-byte trailer at least
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1F);
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8B);
  bool ok = false;
  EXPECT_EQ(Gunzip(gz, ok), data);
  EXPECT_TRUE(ok);
}

TEST(GzipCompress, RoundTripsThroughInflate) {
  std::string page;
  for (int i = 0; i < 2000; ++i) page += "<p>Post number " + std::to_string(i) + "</p>\n";
  ExpectRoundTrip(page, 6);
  ExpectRoundTrip(page, 1);
  ExpectRoundTrip(page, 9);
  ExpectRoundTrip("", 6);
  ExpectRoundTrip(std::string("\0\x01\xFF binary", 10), 6);
}

TEST(GzipCompress, ShrinksRepetitiveText) {
  const std::string data(100000, 'a');
  EXPECT_LT(GzipCompress(data).size(), 1000u);
}

TEST(GzipCompress, ClampsOutOfRangeLevels) {
  ExpectRoundTrip("level out of range", 42);
  ExpectRoundTrip("level out of range", -7);
}

TEST(GzipCompress, HandlesIncompressibleData) {
  std::string noise;
  unsigned x = 12345;
  for (int i = 0; i < 300000; ++i) {
    x = x * 1103515245u + 12345u;
    noise += static_cast<char>(x >> 24);
  }
  ExpectRoundTrip(noise, 9);
}

}  // namespace
}  // namespace samizdat::text
