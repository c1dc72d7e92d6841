// Value and Map: truthiness, equality across kinds, text, and field lookup.
#include "blogger/value.h"

#include <gtest/gtest.h>

namespace samizdat::blogger {
namespace {

TEST(ValueTest, TruthinessIsBloggers) {
  EXPECT_FALSE(Value().Truthy());
  EXPECT_FALSE(Value::Boolean(false).Truthy());
  EXPECT_FALSE(Value::Number(0).Truthy());
  EXPECT_FALSE(Value::String("").Truthy());
  EXPECT_FALSE(Value::OfList({}).Truthy());
  EXPECT_TRUE(Value::OfMap({}).Truthy());
  EXPECT_TRUE(Value::String("0").Truthy());
  EXPECT_TRUE(Value::Number(-1).Truthy());
}

TEST(ValueTest, EqualityComparesNumbersWithNumericStrings) {
  EXPECT_EQ(Value::Number(3), Value::String("3"));
  EXPECT_EQ(Value::String("item"), Value::Html("item"));
  EXPECT_FALSE(Value::Number(3) == Value::String("three"));
  EXPECT_FALSE(Value() == Value::String(""));
  EXPECT_EQ(Value::Boolean(false), Value::String("false"));
  EXPECT_EQ(Value::String("true"), Value::Boolean(true));
  EXPECT_FALSE(Value::Boolean(false) == Value::String("true"));
  EXPECT_FALSE(Value::Boolean(false) == Value::String(""));
  EXPECT_EQ(Value(), Value());
}

TEST(ValueTest, TextOfNumbersHasNoNeedlessFraction) {
  EXPECT_EQ(Value::Number(3).ToText(), "3");
  EXPECT_EQ(Value::Number(2.5).ToText(), "2.5");
  EXPECT_EQ(Value::Boolean(true).ToText(), "true");
  EXPECT_EQ(Value::OfList({Value::Number(1), Value::String("a")}).ToText(), "1,a");
}

TEST(ValueTest, LargeMapsFindEveryFieldAndKeepInsertionOrder) {
  Map map;
  for (int i = 20; i > 0; --i) map.Set("k" + std::to_string(i), Value::Number(i));
  map.Set("k7", Value::String("seven"));
  const Value value = Value::OfMap(std::move(map));
  for (int i = 1; i <= 20; ++i) ASSERT_NE(value.Field("k" + std::to_string(i)), nullptr) << i;
  EXPECT_EQ(value.Field("k7")->text(), "seven");
  EXPECT_EQ(value.Field("k21"), nullptr);
  EXPECT_EQ(value.map().begin()->first, "k20");
  EXPECT_EQ(value.map().size(), 20u);
}

TEST(ValueTest, TextWithFieldsWritesAsTextAndAnswersItsFields) {
  const Value author = Value::String(
      "Ann <b>", Map{{"name", Value::String("Ann <b>")}, {"profileUrl", Value::String("/p/ann")}});
  EXPECT_EQ(author.kind(), Value::Kind::kString);
  EXPECT_EQ(author.ToText(), "Ann <b>");
  EXPECT_EQ(author, Value::String("Ann <b>"));
  ASSERT_NE(author.Field("profileUrl"), nullptr);
  EXPECT_EQ(author.Field("profileUrl")->text(), "/p/ann");
  EXPECT_EQ(author.Field("missing"), nullptr);
  EXPECT_EQ(Value::String("plain").Field("name"), nullptr);
  EXPECT_FALSE(Value::String("", Map{{"a", Value::Number(1)}}).Truthy());
}

}  // namespace
}  // namespace samizdat::blogger
