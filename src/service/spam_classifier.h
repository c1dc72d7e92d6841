// The local spam classifier: a Bayesian filter over a comment's words and the domains
// it links to, trained by the author's approve and spam decisions. No outside service.
//
// Tokens: lower-cased words of 3 to 24 letters or digits from the text ("free",
// "casino"), and "link:" + host for each link ("link:pills.example"), each once. Scoring
// follows Robinson's method (Graham's per-token probabilities with a prior of 0.5 and
// strength 1, combined with Fisher's chi-square over the 15 tokens furthest from 0.5).
// All functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace samizdat::service {

// The distinct tokens of a comment: its plain text and the hrefs of its links.
std::vector<std::string> SpamTokens(std::string_view body_text,
                                    const std::vector<std::string>& link_urls);

// The probability that a comment with these tokens is spam, in [0, 1], from the counts
// the blog's classifier learnt. nullopt until it has been trained on at least one spam
// and one ham comment (no verdict is better than a guess).
std::optional<double> SpamProbability(const std::vector<std::string>& tokens,
                                      const store::SpamCounts& counts);

// Scores at or above this send a comment to the moderation queue.
inline constexpr double kSpamThreshold = 0.9;

}  // namespace samizdat::service
