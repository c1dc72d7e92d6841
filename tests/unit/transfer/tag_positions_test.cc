// TagPositions: where start tags begin, whatever the chunks the bytes come in.
#include "transfer/tag_positions.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace samizdat::transfer {
namespace {

struct Seen {
  std::string name;
  int line;
  int column;
  bool operator==(const Seen&) const = default;
  friend void PrintTo(const Seen& s, std::ostream* out) {
    *out << s.name << "@" << s.line << ":" << s.column;
  }
};

std::vector<Seen> Tags(TagPositions& positions) {
  std::vector<Seen> out;
  TagPositions::Tag tag;
  while (positions.Take(tag)) out.push_back({tag.name, tag.at.line, tag.at.column});
  return out;
}

constexpr std::string_view kDocument =
    "\xEF\xBB\xBF<?xml version='1.0'?>\n"
    "<!DOCTYPE feed [ <!ENTITY e '<fake/>'> ]>\n"
    "<feed a='<not/>'>\n"
    "  <!-- <comment/> --><![CDATA[ <cdata/> ]]>\n"
    "  <entry><title>\xC3\xA9\xC3\xA9</title><app:draft/><x\ty='1'/></entry>\n"
    "</feed>\n";

const std::vector<Seen> kExpected = {
    {"feed", 3, 1}, {"entry", 5, 3}, {"title", 5, 10}, {"app:draft", 5, 27}, {"x", 5, 39}};

TEST(TagPositionsTest, FindsStartTagsAndSkipsTheRest) {
  TagPositions positions;
  positions.Feed(kDocument);
  EXPECT_EQ(Tags(positions), kExpected);
  EXPECT_TRUE(positions.open().empty());
  EXPECT_EQ(positions.end().line, 7);
  EXPECT_EQ(positions.end().column, 1);
}

TEST(TagPositionsTest, AnyChunkingGivesTheSame) {
  for (std::size_t size = 1; size < 9; ++size) {
    TagPositions positions;
    for (std::size_t at = 0; at < kDocument.size(); at += size) {
      positions.Feed(kDocument.substr(at, size));
    }
    EXPECT_EQ(Tags(positions), kExpected) << "chunks of " << size;
  }
}

TEST(TagPositionsTest, KnowsWhatIsStillOpen) {
  TagPositions positions;
  positions.Feed("<feed>\n <entry><empty/>\n  <title>cut");
  ASSERT_EQ(positions.open().size(), 3u);
  EXPECT_EQ(positions.open().back().name, "title");
  EXPECT_EQ(positions.open().back().at.line, 3);
  EXPECT_EQ(positions.open().back().at.column, 3);
  EXPECT_EQ(positions.end().column, 13);
}

TEST(TagPositionsTest, TagsOverSeveralLines) {
  TagPositions positions;
  positions.Feed("<a t='x>y'\n   u=\"/\">\n<b\n  c='1'\n/><c d='2' />");
  EXPECT_EQ(Tags(positions), (std::vector<Seen>{{"a", 1, 1}, {"b", 3, 1}, {"c", 5, 3}}));
  ASSERT_EQ(positions.open().size(), 1u);  // b and c close themselves
  EXPECT_EQ(positions.open().back().name, "a");
}

}  // namespace
}  // namespace samizdat::transfer
