// The CommonMark 0.31.2 spec's examples (npm's commonmark-spec, tests/browser), rendered
// as a post's Markdown is: MarkdownToHtml, then SanitizeHtml with the post policy.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "html_normalize.h"
#include "text/markdown.h"
#include "text/sanitize.h"

namespace samizdat::text {
namespace {

struct Example {
  int number = 0;
  std::string section;
  std::string markdown;
  std::string html;
};

// "→" stands for a tab in the spec's examples.
std::string Tabs(std::string text) {
  static const std::string kArrow = "\u2192";
  for (std::size_t pos = text.find(kArrow); pos != std::string::npos;
       pos = text.find(kArrow, pos + 1)) {
    text.replace(pos, kArrow.size(), "\t");
  }
  return text;
}

// The examples, read as the package's index.js reads them: a line of 32 backticks and
// " example", the Markdown, a line ".", the HTML, a line of 32 backticks; headings
// ("#" to "######") name the section; nothing after "<!-- END TESTS -->" counts.
std::vector<Example> ReadExamples(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::vector<Example> examples;
  if (!file) return examples;
  const std::string fence(32, '`');
  std::string section;
  std::string line;
  int part = 0;  // 0: prose, 1: the example's Markdown, 2: its HTML
  Example example;
  while (std::getline(file, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (part == 0) {
      if (line.starts_with("<!-- END TESTS -->")) break;
      if (line == fence + " example") {
        example = Example{static_cast<int>(examples.size()) + 1, section, "", ""};
        part = 1;
      } else if (line.starts_with('#')) {
        std::size_t pos = line.find_first_not_of('#');
        pos = std::min(pos, std::size_t{6});
        pos = std::min(line.find_first_not_of(' ', pos), line.size());
        if (pos < line.size()) section = line.substr(pos);
      }
    } else if (part == 1) {
      if (line == ".") {
        part = 2;
      } else {
        example.markdown += line + '\n';
      }
    } else if (line == fence) {
      example.markdown = Tabs(example.markdown);
      example.html = Tabs(example.html);
      examples.push_back(example);
      part = 0;
    } else {
      example.html += line + '\n';
    }
  }
  return examples;
}

// The sections about raw HTML: what survives there is the sanitizer's business.
bool InRawHtmlSection(const Example& example) {
  return example.section == "HTML blocks" || example.section == "Raw HTML";
}

// Examples outside the raw-HTML sections whose output differs from the spec's on purpose.
const std::map<int, std::string>& KnownExceptions() {
  static const std::map<int, std::string> exceptions = {
      {21, "URLs are written valid: the backslash in a raw <a href> is percent-encoded"},
      {31, "URLs are written valid: the non-ASCII letters in a raw <a href> are encoded"},
      {201, "the sanitizer unwraps the unknown element <bar>"},
      {308, "the sanitizer drops HTML comments"},
      {309, "the sanitizer drops HTML comments"},
      {344, "URLs are written valid: the backtick in a raw <a href> is percent-encoded"},
      {354, "md4c 0.4.8 does not count currency signs as punctuation (spec 0.31 does)"},
      {475, "an <img> without alt gets alt=\"\" (HTML requires one)"},
      {491, "the sanitizer unwraps the unknown element <foo>"},
      {500, "href \"foo):\" refused: the sanitizer reads whatever precedes a : as a scheme"},
      {524, "the sanitizer unwraps the unknown element <bar>"},
      {536, "the sanitizer unwraps the unknown element <bar>"},
      {596, "the sanitizer allows only http(s) and mailto links (irc:)"},
      {597, "URLs are written anew by Boost.URL, with the scheme in lower case (MAILTO:)"},
      {598, "the sanitizer allows only http(s) and mailto links (a+b+c:)"},
      {599, "the sanitizer allows only http(s) and mailto links (made-up-scheme:)"},
      {601, "the sanitizer allows only http(s) and mailto links (localhost:)"},
      {608, "GitHub's autolinks: a bare https:// URL is a link"},
      {611, "GitHub's autolinks: a bare https:// URL is a link"},
      {612, "GitHub's autolinks: a bare e-mail address is a link"},
      {642, "the sanitizer removes the line break from the URL in raw <a href>"},
      {643, "the sanitizer removes the line break from the URL in raw <a href>"},
  };
  return exceptions;
}

TEST(CommonMarkSpec, EveryExampleOutsideRawHtmlPassesAsAPost) {
  const std::vector<Example> examples = ReadExamples(SAMIZDAT_COMMONMARK_SPEC);
  ASSERT_GT(examples.size(), 600u)
      << "cannot read the examples of " << SAMIZDAT_COMMONMARK_SPEC
      << " (npm's commonmark-spec; scripts/install-deps.sh installs it)";
  std::map<std::string, std::pair<int, int>> by_section;  // passed, total
  std::vector<std::string> section_order;
  int passed = 0, passed_outside = 0, total_outside = 0;
  for (const Example& example : examples) {
    Result<std::string> html = MarkdownToHtml(example.markdown);
    ASSERT_TRUE(html.ok()) << "example " << example.number;
    const std::string got = testing::NormalizeHtml(SanitizeHtml(*html, SanitizePolicy::kPostBody));
    const std::string want = testing::NormalizeHtml(example.html);
    const bool ok = got == want;
    if (!by_section.contains(example.section)) section_order.push_back(example.section);
    auto& [section_passed, section_total] = by_section[example.section];
    ++section_total;
    section_passed += ok;
    passed += ok;
    if (InRawHtmlSection(example)) continue;
    ++total_outside;
    passed_outside += ok;
    const bool excepted = KnownExceptions().contains(example.number);
    if (!ok && !excepted) {
      ADD_FAILURE() << "example " << example.number << " (" << example.section << ")\nMarkdown:\n"
                    << example.markdown << "want: " << want << "\ngot:  " << got;
    } else if (ok && excepted) {
      ADD_FAILURE() << "example " << example.number
                    << " passes now: remove it from KnownExceptions()";
    }
  }
  for (const std::string& section : section_order) {
    std::cout << "  " << section << ": " << by_section[section].first << "/"
              << by_section[section].second << "\n";
  }
  std::cout << "CommonMark " << passed << "/" << examples.size() << " in all; " << passed_outside
            << "/" << total_outside << " outside the raw-HTML sections; " << passed - passed_outside
            << "/" << examples.size() - total_outside << " inside\n";
}

}  // namespace
}  // namespace samizdat::text
