// BloggerSlug: Blogger's title-to-permalink rules (see slug.h and reference/blogger.md §2).
#include "text/slug.h"

#include <vector>

#include "text/escape.h"

namespace samizdat::text {
namespace {

bool IsSeparator(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '-') {
    return true;
  }
  // U+00A0 NO-BREAK SPACE, common in titles pasted from word processors.
  return c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
}

// Splits `title` into lower-case words of a-z0-9, dropping every other character.
std::vector<std::string> Words(std::string_view title) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < title.size(); ++i) {
    if (IsSeparator(title, i)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      continue;
    }
    const char c = title[i];
    if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool IsDroppedWord(const std::string& word, bool first) {
  return word == "a" || word == "an" || (word == "the" && !first);
}

}  // namespace

std::string BloggerSlug(std::string_view title) {
  const std::vector<std::string> words = Words(title);
  std::string slug;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (IsDroppedWord(word, i == 0)) continue;
    if (slug.empty()) {
      slug = word.substr(0, kMaxSlugLength);
      continue;
    }
    if (slug.size() + 1 + word.size() > kMaxSlugLength) break;
    slug += '-';
    slug += word;
  }
  return slug.empty() ? "blog-post" : slug;
}

std::string LabelUrl(std::string_view label) { return "/search/label/" + PercentEncode(label); }

}  // namespace samizdat::text
