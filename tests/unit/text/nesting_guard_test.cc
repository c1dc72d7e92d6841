// The nesting cap: deeply nested input is sanitized in linear time, and HTML that does not
// nest deeply, however sloppy, passes the guard unchanged.
#include "text/nesting_guard.h"

#include <gtest/gtest.h>
#include <time.h>

#include <cstdio>
#include <string>

#include "text/sanitize.h"

namespace samizdat::text {
namespace {

using internal::CapNesting;
using internal::kMaxNesting;

std::string Repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

// The bound holds for the debug build with AddressSanitizer, about ten times slower than
// a release build (there 50,000 nested blockquotes take about 0.05 s; gumbo alone, 3 s).
constexpr double kSeconds = 1.0;

// The CPU time this thread has used, in seconds: unlike the wall clock, not inflated by
// other processes on a loaded machine.
double ThreadSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// Sanitizes `html` as a post body; returns the CPU seconds it took.
double TimeSanitize(const std::string& html, std::string* out, SanitizeReport* report) {
  const double start = ThreadSeconds();
  *out = SanitizeHtml(html, SanitizePolicy::kPostBody, report);
  const double took = ThreadSeconds() - start;
  std::printf("%zu bytes: %.3f s\n", html.size(), took);
  return took;
}

TEST(NestingGuard, FiftyThousandNestedBlockquotesInUnderASecond) {
  const std::string html = Repeat("<blockquote>", 50000) + "deep";
  std::string out;
  SanitizeReport report;
  EXPECT_LT(TimeSanitize(html, &out, &report), kSeconds);
  EXPECT_EQ(out, Repeat("<blockquote>", 256) + "deep" + Repeat("</blockquote>", 256));
  EXPECT_EQ(report.Describe(), "49744 \u00d7 nesting deeper than 256");
}

TEST(NestingGuard, FiftyThousandNestedListsInUnderASecond) {
  const std::string html = Repeat("<ul><li>", 50000) + "deep";
  std::string out;
  SanitizeReport report;
  EXPECT_LT(TimeSanitize(html, &out, &report), kSeconds);
  EXPECT_EQ(out, Repeat("<ul><li>", 128) + "deep" + Repeat("</li></ul>", 128));
  EXPECT_EQ(report.Total(), 100000 - 256);
}

TEST(NestingGuard, FiftyThousandNestedDivsInUnderASecond) {
  for (const std::string open : {"<div>", "<div/>", "<DIV class=x>"}) {
    const std::string html = Repeat(open, 50000) + "deep";
    std::string out;
    EXPECT_LT(TimeSanitize(html, &out, nullptr), kSeconds) << open;
    EXPECT_EQ(out.find("deep"),
              256 * std::string(open == "<DIV class=x>" ? "<div class=\"x\">" : "<div>").size())
        << open;
  }
}

// Each <p> makes the parser re-open every unclosed formatting element; distinct
// attributes defeat its own limit of three alike. The guard's own limit keeps the tree,
// and so the output, linear in the input.
TEST(NestingGuard, UnclosedFormattingElementsStayLinear) {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<b title=\"b" + std::to_string(i) + "\"><p>x";
  std::string out;
  SanitizeReport report;
  EXPECT_LT(TimeSanitize(html, &out, &report), kSeconds);
  EXPECT_LT(out.size(), 4 * html.size());
  EXPECT_NE(report.Describe().find("4992 \u00d7 more than 8 unclosed formatting elements"),
            std::string::npos)
      << report.Describe();
}

TEST(NestingGuard, TableBoundariesDoNotHideNesting) {
  // </div> inside a cell does not close the <div> around the table.
  const std::string html = Repeat("<div><table><tr><td></div>", 20000) + "x";
  std::string out;
  EXPECT_LT(TimeSanitize(html, &out, nullptr), kSeconds);
}

TEST(NestingGuard, LeavesSloppyButShallowHtmlAlone) {
  const std::string inputs[] = {
      Repeat("<p>unclosed paragraph ", 300),
      "<ul>" + Repeat("<li>item", 2000) + "</ul>",
      "<ol>" + Repeat("<li><p>para<li>", 500) + "</ol>",
      "<dl>" + Repeat("<dt>term<dd>definition", 1000) + "</dl>",
      "<table>" + Repeat("<tr><td>a<td>b<th>c", 1000) + "</table>",
      Repeat("<table><tr><td>x</td></tr></table>", 500),
      Repeat("<p><b>bold never closed", 400),
      Repeat("<p><font face=\"Arial\"><font size=\"2\">Word paste", 400),
      Repeat("<a href=\"/x\">link never closed ", 400),
      Repeat("<h2>heading<h2>", 300),
      Repeat("<div>block</div>", 1000) + Repeat("<span>", 200) + Repeat("</span>", 200),
      Repeat("<blockquote>", 200) + "deep but not too deep" + Repeat("</blockquote>", 200),
      Repeat("<select><option>a<option>b</select>", 300),
      "<script>" + Repeat("<div>", 1000) + "</script>" + Repeat("<textarea><div></textarea>", 300),
      Repeat("<!-- <div> -->", 1000) + Repeat("<img src=\"a.png\"><br><hr>", 1000),
      Repeat("<svg><path d=\"M0\"/><g/></svg>", 300),
      Repeat("<p title=\"<div>\">x", 300),
  };
  for (const std::string& html : inputs) {
    SanitizeReport report;
    EXPECT_EQ(CapNesting(html, kMaxNesting, &report), html) << html.substr(0, 80);
    EXPECT_TRUE(report.empty()) << report.Describe();
  }
}

TEST(NestingGuard, DropsTheEndTagsOfWhatItDropped) {
  const std::string html = Repeat("<div>", 3) + "x" + Repeat("</div>", 3) + "<div>y</div>";
  EXPECT_EQ(CapNesting(html, 2, nullptr), "<div><div>x</div></div><div>y</div>");
  EXPECT_EQ(CapNesting("<b><i><u>x</u></i></b>", 1, nullptr), "<b>x</b>");
}

}  // namespace
}  // namespace samizdat::text
