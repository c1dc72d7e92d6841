// Synthetic blog content for the benchmarks: titles, Markdown bodies and labels made
// from a fixed word list and a seeded PRNG. The same seed gives the same content on
// every machine (no std distributions, whose output is implementation-defined).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace samizdat::bench {

// SplitMix64: small, fast, and fully specified.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform enough in [0, n) for n far below 2^64. n must be > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }
  // In [lo, hi], both included.
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  // True with probability percent/100.
  bool Percent(int percent) { return Below(100) < static_cast<uint64_t>(percent); }

 private:
  uint64_t state_;
};

// Not thread-safe: one generator per thread.
class ContentGenerator {
 public:
  explicit ContentGenerator(uint64_t seed) : rng_(seed) {}

  // A title of 3 to 9 words, the first capitalized.
  std::string Title();
  // A Markdown body of about `words` words (never fewer): paragraphs of sentences with
  // emphasis, strong text, links and inline code, "##" headings, bullet and numbered
  // lists and the odd block quote.
  std::string MarkdownBody(int words);
  // 1 to 3 distinct labels from a pool of kLabelPoolSize names.
  std::vector<std::string> Labels();

  static constexpr int kLabelPoolSize = 30;
  // The label pool, for callers that need every name (e.g. a sidebar).
  static std::vector<std::string> LabelPool();

  Rng& rng() { return rng_; }

 private:
  std::string Word();
  // Appends `n` words as sentences with inline Markdown; returns words written.
  int AppendSentences(std::string& out, int n, bool inline_markup);

  Rng rng_;
};

}  // namespace samizdat::bench
