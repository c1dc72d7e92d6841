// The Bayesian comment spam filter: tokenizing a comment and Robinson's scoring of its
// tokens, see spam_classifier.h.
//
// Words. A word is a maximal run of word characters: ASCII letters and digits, and every
// non-ASCII code point except white space, punctuation and symbols (the Latin-1
// punctuation and signs, U+2000..U+2BFF, CJK punctuation, private use, variation
// selectors, half- and full-width punctuation, specials, emoji and tags). So letters of
// every script count ("Казахстан" is one word) and so do combining marks; the 3..24
// length bounds count code points. Writing without spaces (Chinese, Japanese) gives runs
// longer than 24 that are skipped: the filter then relies on the other tokens. Case is
// folded for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic; other scripts are kept
// as written. Ill-formed UTF-8 separates words.
//
// Links. The host of each link that has one ("https://WWW.Pills.example./x" ->
// "pills.example"): percent-decoded, ASCII lower case, without a trailing dot or a
// leading "www.". Links without a host (relative, mailto:) and unparsable ones give none.
//
// Scoring (Gary Robinson, "A Statistical Approach to the Spam Problem", Linux Journal
// 107, March 2003; the same computation as SpamBayes' chi2_spamprob). For a token w
// seen in spam(w) of the spam_comments and ham(w) of the ham_comments learnt:
//   b(w) = spam(w) / spam_comments,  g(w) = ham(w) / ham_comments   (each at most 1)
//   p(w) = b(w) / (b(w) + g(w))                                     (Graham)
//   f(w) = (s·x + n·p(w)) / (s + n),  n = spam(w) + ham(w), s = 1, x = 0.5
// so a token never seen has f(w) = x = 0.5. The clues are the (at most) 15 tokens whose
// f(w) is furthest from 0.5, ignoring those within 0.1 of it (SpamBayes'
// minimum_prob_strength: they carry next to no evidence and only dilute). With k clues,
// Fisher's method combines them:
//   H = C⁻¹(−2 Σ ln f(w), 2k),  S = C⁻¹(−2 Σ ln(1 − f(w)), 2k),  I = (1 + H − S) / 2
// where C⁻¹(χ², ν) is the chi-square survival function, P(X ≥ χ²) for ν degrees of
// freedom; for even ν it is e^−m Σ_{i < ν/2} mⁱ / i!, with m = χ²/2. I is the score:
// near 1 for spam, near 0 for ham, 0.5 when there are no clues or they disagree.
// Negative counts read as 0, so inconsistent counts still give a score in [0, 1].
#include "service/spam_classifier.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cmath>
#include <string_view>
#include <unordered_set>

#include "core/strings.h"
#include "text/utf8.h"

namespace samizdat::service {
namespace {

constexpr std::size_t kMinWordChars = 3;
constexpr std::size_t kMaxWordChars = 24;
constexpr std::size_t kMaxClues = 15;
constexpr double kStrength = 1.0;         // s
constexpr double kPrior = 0.5;            // x
constexpr double kMinClueStrength = 0.1;  // |f(w) - 0.5| below this is no clue

bool IsWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  if (c <= 0xBF) return c == 0xAA || c == 0xB5 || c == 0xBA;  // ª µ º among signs
  if (c == 0xD7 || c == 0xF7) return false;                   // × ÷
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows, shapes
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xE000 && c <= 0xF8FF) return false;  // private use
  if (c >= 0xFE00 && c <= 0xFE6F) return false;  // variation selectors, small forms
  if (c == 0xFEFF) return false;                 // byte order mark
  if ((c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
      (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65)) {
    return false;  // full- and half-width punctuation
  }
  if (c >= 0xFFF0 && c <= 0xFFFF) return false;    // specials, U+FFFD
  if (c >= 0x1F000 && c <= 0x1FAFF) return false;  // emoji, pictographs, game symbols
  if (c >= 0xE0000 && c <= 0xE007F) return false;  // tags
  return true;
}

char32_t ToLower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c < 0xC0) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 0x20;  // Latin-1: À..Þ except ×
  if (c >= 0x100 && c <= 0x17F) {                  // Latin Extended-A
    if (c == 0x130) return 'i';                    // İ
    if (c == 0x178) return 0xFF;                   // Ÿ
    const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    const bool even_upper = (c <= 0x137 || (c >= 0x14A && c <= 0x177)) && c != 0x138;
    if ((odd_upper && c % 2 == 1) || (even_upper && c % 2 == 0)) return c + 1;
    return c;
  }
  if (c >= 0x391 && c <= 0x3A9) return c == 0x3A2 ? c : c + 0x20;  // Greek
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 0x25;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 0x3F;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;  // Cyrillic Ѐ..Џ
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // А..Я
  if (c == 0x4C0) return 0x4CF;                   // Ӏ
  if (c >= 0x4C1 && c <= 0x4CE) return c % 2 == 1 ? c + 1 : c;
  if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) {
    return c % 2 == 0 ? c + 1 : c;  // paired upper/lower case letters
  }
  return c;
}

// "link:" + host for `url`, or "" when it has no host (see the file comment).
std::string LinkToken(std::string_view url) {
  const auto parsed = boost::urls::parse_uri_reference(TrimBlank(url));
  if (!parsed || !parsed->has_authority()) return {};
  std::string host = parsed->host();
  std::transform(host.begin(), host.end(), host.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  if (!host.empty() && host.back() == '.') host.pop_back();
  if (host.starts_with("www.")) host.erase(0, 4);
  if (host.empty()) return {};
  return "link:" + host;
}

// C⁻¹(chi2, 2 * half_dof): the chi-square survival function for even degrees of freedom.
double ChiSquareSurvival(double chi2, std::size_t half_dof) {
  const double m = chi2 / 2.0;
  double term = std::exp(-m);
  double sum = term;
  for (std::size_t i = 1; i < half_dof; ++i) {
    term *= m / static_cast<double>(i);
    sum += term;
  }
  return std::min(sum, 1.0);
}

// f(w) for a token with these counts, see the file comment.
double TokenProbability(int spam, int ham, int spam_comments, int ham_comments) {
  const double s = std::max(spam, 0);
  const double h = std::max(ham, 0);
  const double n = s + h;
  if (n == 0) return kPrior;
  const double b = std::min(s / spam_comments, 1.0);
  const double g = std::min(h / ham_comments, 1.0);
  const double p = b / (b + g);
  return (kStrength * kPrior + n * p) / (kStrength + n);
}

}  // namespace

std::vector<std::string> SpamTokens(std::string_view body_text,
                                    const std::vector<std::string>& link_urls) {
  std::vector<std::string> tokens;
  std::unordered_set<std::string> seen;
  const auto add = [&](std::string token) {
    if (seen.insert(token).second) tokens.push_back(std::move(token));
  };

  std::string word;
  std::size_t chars = 0;
  const auto end_word = [&] {
    if (chars >= kMinWordChars && chars <= kMaxWordChars) add(word);
    word.clear();
    chars = 0;
  };
  for (std::size_t pos = 0; pos < body_text.size();) {
    const text::Utf8Char c = text::DecodeUtf8(body_text, pos);
    pos += c.length;
    if (!c.valid || !IsWordChar(c.code_point)) {
      end_word();
    } else if (++chars <= kMaxWordChars) {
      text::AppendUtf8(ToLower(c.code_point), word);
    }
  }
  end_word();

  for (const std::string& url : link_urls) {
    std::string token = LinkToken(url);
    if (!token.empty()) add(std::move(token));
  }
  return tokens;
}

std::optional<double> SpamProbability(const std::vector<std::string>& tokens,
                                      const store::SpamCounts& counts) {
  if (counts.spam_comments < 1 || counts.ham_comments < 1) return std::nullopt;

  struct Clue {
    std::string_view token;
    double f;
  };
  std::vector<Clue> clues;
  std::unordered_set<std::string_view> seen;
  for (const std::string& token : tokens) {
    if (!seen.insert(token).second) continue;
    const auto it = counts.tokens.find(token);
    if (it == counts.tokens.end()) continue;  // f = 0.5: no clue
    const double f = TokenProbability(it->second.spam, it->second.ham, counts.spam_comments,
                                      counts.ham_comments);
    if (std::abs(f - 0.5) >= kMinClueStrength) clues.push_back({token, f});
  }
  if (clues.empty()) return 0.5;

  // Strongest first; ties by token, so the score does not depend on the input order.
  const auto stronger = [](const Clue& a, const Clue& b) {
    const double da = std::abs(a.f - 0.5);
    const double db = std::abs(b.f - 0.5);
    return da != db ? da > db : a.token < b.token;
  };
  const std::size_t k = std::min(clues.size(), kMaxClues);
  std::partial_sort(clues.begin(), clues.begin() + k, clues.end(), stronger);

  double sum_ln_f = 0;
  double sum_ln_not_f = 0;
  for (std::size_t i = 0; i < k; ++i) {
    sum_ln_f += std::log(clues[i].f);
    sum_ln_not_f += std::log1p(-clues[i].f);
  }
  const double h = ChiSquareSurvival(-2.0 * sum_ln_f, k);
  const double s = ChiSquareSurvival(-2.0 * sum_ln_not_f, k);
  return std::clamp((1.0 + h - s) / 2.0, 0.0, 1.0);
}

}  // namespace samizdat::service
