// Expression: the theme expression language's operators, lambdas, functions, errors
// with their positions, and the step budget.
#include "blogger/expr.h"

#include <gtest/gtest.h>

#include <string>

namespace samizdat::blogger {
namespace {

// A scope over one map of names.
class MapScope : public Scope {
 public:
  explicit MapScope(Map names) : names_(Value::OfMap(std::move(names))) {}
  const Value* Lookup(std::string_view name) const override { return names_.Field(name); }

 private:
  Value names_;
};

Value Post(std::string id, std::string title, double comments) {
  return Value::OfMap(Map{{"id", Value::String(std::move(id))},
                          {"title", Value::String(std::move(title))},
                          {"numberOfComments", Value::Number(comments)}});
}

const MapScope& TestScope() {
  static const MapScope scope(Map{
      {"blog", Value::OfMap(
                   Map{{"title", Value::String("My <Blog>")},
                       {"pageType", Value::String("item")},
                       {"homepageUrl", Value::String("https://example.blogspot.com/")},
                       {"url", Value::String("https://example.blogspot.com/2024/01/a.html?m=1")}})},
      {"view", Value::OfMap(Map{{"isPost", Value::Boolean(true)}, {"postId", Value::String("2")}})},
      {"posts", Value::OfList({Post("1", "One", 0), Post("2", "Two", 5), Post("3", "Three", 12)})},
      {"labels", Value::OfList({Value::String("a"), Value::String("b")})},
      {"body", Value::Html("<p>Hello <b>brave</b> new world, again and again.</p><p>Second</p>")},
      {"markup", Value::Html("<i>x</i>")},
      {"n", Value::Number(7)},
      {"text", Value::String("12")},
      {"empty", Value::OfList({})},
  });
  return scope;
}

Value Eval(std::string_view source) {
  auto e = Expression::Parse(source, {1, 1});
  EXPECT_TRUE(e.ok()) << source << ": " << e.status().message();
  if (!e.ok()) return Value();
  Budget budget{100000};
  auto v = e->Evaluate(TestScope(), budget);
  EXPECT_TRUE(v.ok()) << v.status().message();
  return v.ok() ? *v : Value();
}

std::string Text(std::string_view source) { return Eval(source).ToText(); }

std::string ParseError(std::string_view source, Position at = {1, 1}) {
  auto e = Expression::Parse(source, at);
  EXPECT_FALSE(e.ok()) << source;
  return e.ok() ? "" : e.status().message();
}

TEST(ExprTest, LiteralsAndStringEscapes) {
  EXPECT_EQ(Eval("42").number(), 42);
  EXPECT_EQ(Eval("-3").number(), -3);
  EXPECT_EQ(Eval("2.5").number(), 2.5);
  EXPECT_EQ(Text(R"("say \"hi\"")"), "say \"hi\"");
  EXPECT_EQ(Text(R"('it\'s')"), "it's");
  EXPECT_EQ(Text(R"("a\\b")"), "a\\b");
  EXPECT_EQ(Text(R"("line\nbreak")"), "line\nbreak");
  EXPECT_TRUE(Eval("true").boolean());
  EXPECT_TRUE(Eval("null").is_null());
  EXPECT_EQ(Text("[1, \"a\", true]"), "1,a,true");
  EXPECT_EQ(Text("{ a: 1, 'b c': 2 }[\"b c\"]"), "2");
}

TEST(ExprTest, NamesWalkFieldsAndUnknownNamesAreNull) {
  EXPECT_EQ(Text("data:blog.title"), "My <Blog>");
  EXPECT_EQ(Text("blog.title"), "My <Blog>");
  EXPECT_TRUE(Eval("data:nothing").is_null());
  EXPECT_TRUE(Eval("data:blog.nothing.deeper").is_null());
  EXPECT_TRUE(Eval("data:n.title").is_null());
  EXPECT_EQ(Text("data:posts[1].title"), "Two");
  EXPECT_TRUE(Eval("data:posts[7]").is_null());
  EXPECT_EQ(Text("data:blog[\"pageType\"]"), "item");
}

TEST(ExprTest, ListAndStringPseudoFields) {
  EXPECT_EQ(Eval("data:posts.size").number(), 3);
  EXPECT_EQ(Eval("data:posts.length").number(), 3);
  EXPECT_EQ(Text("data:posts.first.title"), "One");
  EXPECT_EQ(Text("data:posts.last.title"), "Three");
  EXPECT_TRUE(Eval("data:empty.isEmpty").boolean());
  EXPECT_TRUE(Eval("data:empty.first").is_null());
  EXPECT_EQ(Eval("\"héllo\".length").number(), 5);
  EXPECT_EQ(Eval("(data:blog.title + \"\").escaped").text(), "My &lt;Blog&gt;");
  EXPECT_EQ(Eval("data:blog.title.escaped").kind(), Value::Kind::kHtml);
  EXPECT_EQ(Eval("\"a\\\"b</\".jsonEscaped").text(), "a\\\"b</");
  EXPECT_EQ(Eval("\"it's\".jsEscaped").text(), "it\\x27s");
  EXPECT_EQ(Eval("\"a\\\"b\".cssEscaped").text(), "a\\22 b");
  EXPECT_EQ(Text("data:blog.url.canonical"), "https://example.blogspot.com/2024/01/a.html");
}

TEST(ExprTest, Comparisons) {
  EXPECT_TRUE(Eval("data:blog.pageType == \"item\"").boolean());
  EXPECT_FALSE(Eval("data:blog.pageType == \"Item\"").boolean());
  EXPECT_TRUE(Eval("data:blog.pageType != \"index\"").boolean());
  EXPECT_TRUE(Eval("data:text == 12").boolean());
  EXPECT_TRUE(Eval("data:text > 9").boolean());    // numerically, not "12" < "9"
  EXPECT_FALSE(Eval("\"12\" > \"9\"").boolean());  // two strings: by characters
  EXPECT_TRUE(
      Eval("data:n gt 5 and data:n lt 8 and 7 le 7 and 7 ge 7 and 7 eq 7 and 1 neq 2").boolean());
  EXPECT_TRUE(Eval("2 <= 2 and 3 >= 2 and 1 < 2 and 2 > 1").boolean());
  EXPECT_FALSE(Eval("data:nothing < 3").boolean());
  EXPECT_TRUE(Eval("data:nothing == null").boolean());
}

TEST(ExprTest, ArithmeticAndConcatenation) {
  EXPECT_EQ(Eval("1 + 2 * 3").number(), 7);
  EXPECT_EQ(Eval("(1 + 2) * 3").number(), 9);
  EXPECT_EQ(Eval("10 - 4 - 3").number(), 3);
  EXPECT_EQ(Eval("(data:n + 1) % 3").number(), 2);
  EXPECT_EQ(Eval("9 / 2").number(), 4.5);
  EXPECT_TRUE(Eval("1 / 0").is_null());
  EXPECT_EQ(Eval("data:posts.length - 1").number(), 2);
  EXPECT_EQ(Text("\"+\" + (data:posts.length - 1) + \" more\""), "+2 more");
  EXPECT_EQ(Eval("data:markup + data:markup").kind(), Value::Kind::kHtml);
  Value mixed = Eval("data:markup + \"<b>\"");
  EXPECT_EQ(mixed.kind(), Value::Kind::kString);
  EXPECT_EQ(mixed.text(), "<i>x</i><b>");
  EXPECT_EQ(Text("data:nothing + 1"), "1");
}

TEST(ExprTest, LogicShortCircuitsAndReturnsBooleans) {
  EXPECT_EQ(Eval("data:n and data:blog.title").kind(), Value::Kind::kBoolean);
  EXPECT_TRUE(Eval("data:n && \"x\"").boolean());
  EXPECT_TRUE(Eval("data:nothing or data:n").boolean());
  EXPECT_FALSE(Eval("!data:n || not data:n").boolean());
  EXPECT_TRUE(Eval("not data:nothing or data:posts.length lt 0").boolean());
  // The right side is never evaluated: one step for `and`, one for false.
  auto e = Expression::Parse("false and (data:posts map (p => p.title))", {1, 1});
  ASSERT_TRUE(e.ok());
  Budget budget{2};
  EXPECT_TRUE(e->Evaluate(TestScope(), budget).ok());
  Budget or_budget{2};
  auto o = Expression::Parse("true or data:posts any (p => p.id == \"1\")", {1, 1});
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->Evaluate(TestScope(), or_budget).ok());
}

TEST(ExprTest, PrecedenceOfAndOrAndTernary) {
  EXPECT_TRUE(Eval("true or false and false").boolean());
  EXPECT_EQ(Text("data:view.isPost ? \"post\" : \"list\""), "post");
  EXPECT_EQ(Text("data:nothing ? 1 : data:n == 7 ? 2 : 3"), "2");
  EXPECT_EQ(Text("data:n > 5 ? \"big\" : \"small\""), "big");
  EXPECT_EQ(Text("data:nothing ?: \"fallback\""), "fallback");
  EXPECT_EQ(Text("data:blog.pageType ?: \"fallback\""), "item");
  EXPECT_EQ(Text("1 + 2 == 3 ? \"yes\" : \"no\""), "yes");
}

TEST(ExprTest, MembershipAndContains) {
  EXPECT_TRUE(Eval("\"a\" in data:labels").boolean());
  EXPECT_TRUE(Eval("\"c\" not in data:labels").boolean());
  EXPECT_TRUE(Eval("data:labels contains \"b\"").boolean());
  EXPECT_TRUE(Eval("data:labels not contains \"z\"").boolean());
  EXPECT_TRUE(Eval("\"Blog\" in data:blog.title").boolean());
  EXPECT_TRUE(Eval("data:blog.url contains \"2024\"").boolean());
  EXPECT_TRUE(Eval("12 in [\"12\", \"13\"]").boolean());
  EXPECT_TRUE(
      Eval("data:blog.pageType in {\"static_page\", \"item\"}").boolean());  // the older set
  EXPECT_TRUE(Eval("data:blog.pageType not in {\"index\"}").boolean());
  EXPECT_FALSE(Eval("\"a\" in data:nothing").boolean());
}

TEST(ExprTest, Lambdas) {
  EXPECT_EQ(Text("data:posts filter (p => p.numberOfComments > 0) map (p => p.title)"),
            "Two,Three");
  EXPECT_EQ(Text("data:posts where (p => p.id != data:view.postId) map (p => p.id)"), "1,3");
  EXPECT_EQ(Text("data:posts filter p => p.id == \"3\" map (p => p.title)"),
            "");  // body runs to the end
  EXPECT_EQ(Text("(data:posts filter p => p.id == \"3\").first.title"), "Three");
  EXPECT_TRUE(Eval("data:posts any (p => p.title == \"Two\")").boolean());
  EXPECT_FALSE(Eval("data:posts all (p => p.numberOfComments > 0)").boolean());
  EXPECT_TRUE(Eval("data:posts none (p => p.numberOfComments > 100)").boolean());
  EXPECT_EQ(Eval("data:posts count (p => p.numberOfComments < 10)").number(), 2);
  EXPECT_EQ(Text("(data:posts first (p => p.numberOfComments > 1)).title"), "Two");
  EXPECT_TRUE(Eval("data:posts first (p => p.numberOfComments > 100)").is_null());
  EXPECT_EQ(Text("data:posts sorted (p => 0 - p.numberOfComments) map (p => p.id)"), "3,2,1");
  EXPECT_EQ(Text("data:posts map ((p, i) => i + \":\" + p.id)"), "0:1,1:2,2:3");
  EXPECT_EQ(Text("data:posts map (p => { t: p.title }) map (m => m.t)"), "One,Two,Three");
  EXPECT_EQ(Text("data:posts take 2 map (p => p.id)"), "1,2");
  EXPECT_EQ(Text("data:posts limit 1 map (p => p.id)"), "1");
  EXPECT_EQ(Text("data:posts skip 2 map (p => p.id)"), "3");
  // A lambda's parameter hides a name of the scope, and reads data:p as well as p.
  EXPECT_EQ(Text("data:labels map (n => data:n + n)"), "aa,bb");
  EXPECT_EQ(Eval("data:nothing filter (p => p)").list().size(), 0u);
  EXPECT_FALSE(Eval("data:nothing any (p => true)").boolean());
}

TEST(ExprTest, Snippet) {
  EXPECT_EQ(Text("snippet(data:body)"), "Hello brave new world, again and again.\nSecond");
  EXPECT_EQ(Text("snippet(data:body, { length: 20, linebreaks: false })"), "Hello brave new…");
  EXPECT_EQ(Text("snippet(data:body, { length: 20, ellipsis: false })"), "Hello brave new");
  EXPECT_EQ(
      Text("snippet(data:body, { length: 400, links: false, linebreaks: false, ellipsis: true })"),
      "Hello brave new world, again and again. Second");
  EXPECT_EQ(Eval("snippet(data:body)").kind(), Value::Kind::kString);
  EXPECT_EQ(Text("snippet(\"<b>not html</b>\")"), "<b>not html</b>");  // text stays text
}

TEST(ExprTest, ResizeImage) {
  EXPECT_EQ(Text("resizeImage(\"https://blogger.googleusercontent.com/img/b/R29v/AVvX/s1600/"
                 "cat.jpg\", 640)"),
            "https://blogger.googleusercontent.com/img/b/R29v/AVvX/s640/cat.jpg");
  EXPECT_EQ(
      Text("resizeImage(\"https://1.bp.blogspot.com/-a/B/C/d/s72-c/cat.jpg\", 1280, \"16:9\")"),
      "https://1.bp.blogspot.com/-a/B/C/d/w1280-h720-p-k-no-nu/cat.jpg");
  EXPECT_EQ(Text("resizeImage(\"https://blogger.googleusercontent.com/img/a/AVvXsEg=s1600\", 945, "
                 "\"945:600\")"),
            "https://blogger.googleusercontent.com/img/a/AVvXsEg=w945-h600-p-k-no-nu");
  EXPECT_EQ(Text("resizeImage(\"https://example.org/s1600/cat.jpg\", 640)"),
            "https://example.org/s1600/cat.jpg");
  EXPECT_EQ(Text("resizeImage(\"https://i.ytimg.com/vi/x/maxresdefault.jpg\", 640)"),
            "https://i.ytimg.com/vi/x/maxresdefault.jpg");
  EXPECT_TRUE(Eval("resizeImage(data:nothing, 640)").is_null());
  EXPECT_EQ(Text("sizeImage(\"https://1.bp.blogspot.com/-a/B/C/d/s1600/cat.jpg\", 200)"),
            "https://1.bp.blogspot.com/-a/B/C/d/s200/cat.jpg");
  EXPECT_EQ(
      Text("sourceSet(\"https://1.bp.blogspot.com/-a/B/C/d/s1600/cat.jpg\", [100, 200], \"1:1\")"),
      "https://1.bp.blogspot.com/-a/B/C/d/w100-h100-p-k-no-nu/cat.jpg 100w, "
      "https://1.bp.blogspot.com/-a/B/C/d/w200-h200-p-k-no-nu/cat.jpg 200w");
  EXPECT_EQ(Text("sourceSet(\"/media/cat.jpg\", [100, 200])"), "/media/cat.jpg");
}

TEST(ExprTest, UrlFunctionsAndOperators) {
  EXPECT_EQ(Text("data:blog.homepageUrl path \"/search\""), "https://example.blogspot.com/search");
  EXPECT_EQ(Text("path(data:blog.homepageUrl, \"feeds/\")"), "https://example.blogspot.com/feeds/");
  EXPECT_EQ(Text("data:blog.homepageUrl path \"search\" params { q: \"a b&c\" }"),
            "https://example.blogspot.com/search?q=a%20b%26c");
  EXPECT_EQ(Text("params(data:blog.url, { m: 0, amp: \"1\" })"),
            "https://example.blogspot.com/2024/01/a.html?m=0&amp=1");
  EXPECT_EQ(Text("appendParams(\"https://x.org/?a=1\", { a: 2 })"), "https://x.org/?a=1&a=2");
  EXPECT_EQ(Text("data:blog.homepageUrl fragment \"more\""), "https://example.blogspot.com/#more");
  EXPECT_EQ(Text("fragment(\"https://x.org/p#old\", \"comment\")"), "https://x.org/p#comment");
}

TEST(ExprTest, HtmlJsonAndFormat) {
  EXPECT_EQ(Eval("html(\"<b>\")").kind(), Value::Kind::kHtml);
  EXPECT_EQ(Eval("html(\"<b>\")").text(), "&lt;b&gt;");
  EXPECT_EQ(Eval("html(data:markup)").text(), "<i>x</i>");
  EXPECT_EQ(Eval("jsonEscaped(\"a\\nb\")").text(), "a\\nb");
  EXPECT_EQ(Text("format(\"2024-03-05T22:10:00.000+01:00\", \"MMM d, YYYY\")"), "Mar 5, 2024");
  EXPECT_EQ(Text("format({ iso8601: \"2023-12-31T23:59:00-08:00\" }, \"MMMM d, yyyy h:mm a\")"),
            "December 31, 2023 11:59 PM");
  EXPECT_TRUE(Eval("format(\"yesterday\", \"MMM d\")").is_null());
}

TEST(ExprTest, ErrorsNameLineAndColumn) {
  EXPECT_EQ(ParseError("(data:a + 1", {10, 5}).substr(0, 6), "10:5: ");
  EXPECT_NE(ParseError("(data:a + 1").find("unclosed '('"), std::string::npos);
  std::string unknown = ParseError("data:a and frobnicate(1)", {3, 20});
  EXPECT_EQ(unknown.substr(0, 6), "3:31: ") << unknown;
  EXPECT_NE(unknown.find("unknown function 'frobnicate'"), std::string::npos);
  // Spanning lines: the error is on the expression's third line, column 3.
  std::string lines = ParseError("data:a\n  and\n  ) ", {7, 12});
  EXPECT_EQ(lines.substr(0, 5), "9:3: ") << lines;
  EXPECT_NE(ParseError("data:posts filter (p => )").find("has no body"), std::string::npos);
  EXPECT_NE(ParseError("data:posts map").find("expected a lambda"), std::string::npos);
  EXPECT_NE(ParseError("\"unclosed").find("unclosed string"), std::string::npos);
  EXPECT_NE(ParseError("[1, 2").find("unclosed '['"), std::string::npos);
  EXPECT_NE(ParseError("a ? b").find("expected ':'"), std::string::npos);
  EXPECT_NE(ParseError("resizeImage(1)").find("takes 2 to 3 arguments"), std::string::npos);
  EXPECT_NE(ParseError("data:a # b").find("unexpected character '#'"), std::string::npos);
  EXPECT_NE(ParseError("data:a data:b").find("unexpected 'data:b'"), std::string::npos);
}

TEST(ExprTest, DeepNestingIsRefusedNotACrash) {
  EXPECT_NE(ParseError(std::string(100000, '(')).find("nested too deeply"), std::string::npos);
  std::string chain = "1";
  for (int i = 0; i < 100000; ++i) chain += " + 1";
  EXPECT_NE(ParseError(chain).find("nested too deeply"), std::string::npos);
  std::string fine = "1";
  for (int i = 0; i < 100; ++i) fine += " + 1";
  EXPECT_EQ(Eval(fine).number(), 101);
}

TEST(ExprTest, BudgetStopsLongEvaluations) {
  auto e = Expression::Parse("data:posts map (p => data:posts map (q => p.id + q.id))", {1, 1});
  ASSERT_TRUE(e.ok());
  Budget enough{1000};
  EXPECT_TRUE(e->Evaluate(TestScope(), enough).ok());
  Budget small{10};
  auto spent = e->Evaluate(TestScope(), small);
  ASSERT_FALSE(spent.ok());
  EXPECT_TRUE(spent.status().IsInvalidArgument());
  EXPECT_NE(spent.status().message().find("budget"), std::string::npos);
  // One step per node: `1 + 2` is three nodes.
  auto sum = Expression::Parse("1 + 2", {1, 1});
  ASSERT_TRUE(sum.ok());
  Budget three{3};
  EXPECT_TRUE(sum->Evaluate(TestScope(), three).ok());
  Budget two{2};
  EXPECT_FALSE(sum->Evaluate(TestScope(), two).ok());
}

TEST(ExprTest, DefaultExpressionIsNull) {
  Budget budget{1};
  auto v = Expression().Evaluate(TestScope(), budget);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->is_null());
  EXPECT_EQ(Expression::Parse(" data:n ", {1, 1})->source(), " data:n ");
}

}  // namespace
}  // namespace samizdat::blogger
