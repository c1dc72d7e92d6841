// Tests for the embedded list of common passwords.
#include "auth/common_passwords.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace samizdat::auth {
namespace {

TEST(CommonPasswordsTest, TheListHoldsZxcvbnsThirtyThousandSortedAndLowercase) {
  EXPECT_EQ(CommonPasswordCount(), 30000u);
  std::vector<std::string> lines;
  std::string_view rest = CommonPasswordList();
  ASSERT_TRUE(rest.ends_with('\n'));
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    lines.emplace_back(rest.substr(0, end));
    rest.remove_prefix(end + 1);
  }
  EXPECT_EQ(lines.size(), 30000u);
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));
  EXPECT_EQ(std::adjacent_find(lines.begin(), lines.end()), lines.end());
  for (const std::string& line : lines) {
    ASSERT_FALSE(line.empty());
    ASSERT_EQ(line.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), std::string::npos) << line;
  }
}

TEST(CommonPasswordsTest, FindsCommonPasswordsIgnoringCase) {
  for (const char* common : {"password12", "Password12", "PASSWORD12", "123456", "qwertyuiop",
                             "1qaz2wsx3edc", "iloveyou"}) {
    EXPECT_TRUE(IsCommonPassword(common)) << common;
  }
  for (const char* rare :
       {"correct horse battery", "password12!", "", "zz-not-a-list-word", "pässword12"}) {
    EXPECT_FALSE(IsCommonPassword(rare)) << rare;
  }
}

}  // namespace
}  // namespace samizdat::auth
