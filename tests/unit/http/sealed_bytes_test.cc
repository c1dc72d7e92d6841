// Tests of SealedBytes (src/core/sealed_bytes.h), which the server sends with sendfile.
#include "core/sealed_bytes.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace samizdat {
namespace {

TEST(SealedBytesTest, ReadsBackWhatWasSealed) {
  std::string bytes;
  for (int i = 0; i < 3 * 65536 + 17; ++i) bytes += static_cast<char>((i * 7919) & 0xff);
  auto sealed = SealedBytes::Make(bytes);
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
  EXPECT_EQ((*sealed)->size(), bytes.size());
  EXPECT_TRUE((*sealed)->bytes() == bytes);
  char last = 0;
  ASSERT_EQ(::pread((*sealed)->fd(), &last, 1, static_cast<off_t>(bytes.size() - 1)), 1);
  EXPECT_EQ(last, bytes.back());
}

TEST(SealedBytesTest, HoldsAnEmptyRun) {
  auto sealed = SealedBytes::Make("");
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
  EXPECT_EQ((*sealed)->size(), 0u);
  EXPECT_EQ((*sealed)->bytes(), "");
}

TEST(SealedBytesTest, CannotBeChangedThroughItsDescriptor) {
  auto sealed = SealedBytes::Make("immutable");
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
  const int fd = (*sealed)->fd();
  EXPECT_EQ(::fcntl(fd, F_GET_SEALS), F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
  EXPECT_EQ(::pwrite(fd, "X", 1, 0), -1);
  EXPECT_EQ(::ftruncate(fd, 2), -1);
  EXPECT_EQ(::ftruncate(fd, 100), -1);
  EXPECT_EQ(::fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE), -1);
  EXPECT_EQ((*sealed)->bytes(), "immutable");
  EXPECT_TRUE(::fcntl(fd, F_GETFD) & FD_CLOEXEC);
}

TEST(SealedBytesTest, ClosesItsDescriptorWhenDestroyed) {
  int fd;
  {
    auto sealed = SealedBytes::Make("short-lived");
    ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
    fd = (*sealed)->fd();
    ASSERT_NE(::fcntl(fd, F_GETFD), -1);
  }
  errno = 0;
  EXPECT_EQ(::fcntl(fd, F_GETFD), -1);
  EXPECT_EQ(errno, EBADF);
}

}  // namespace
}  // namespace samizdat
