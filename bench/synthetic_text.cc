// ContentGenerator: the word list, the label pool and the Markdown shapes.
#include "synthetic_text.h"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace samizdat::bench {
namespace {

constexpr std::string_view kWords[] = {
    "river",    "lantern",  "harbour",  "pencil",   "orchard",  "market",    "winter",   "garden",
    "kettle",   "engine",   "window",   "letter",   "bridge",   "meadow",    "compass",  "ferry",
    "granite",  "ladder",   "basket",   "candle",   "thunder",  "village",   "station",  "quarry",
    "blanket",  "harvest",  "signal",   "ribbon",   "tractor",  "library",   "workshop", "printer",
    "cellar",   "chimney",  "orchid",   "saddle",   "anchor",   "pebble",    "tunnel",   "furnace",
    "teapot",   "notebook", "mirror",   "fountain", "carpet",   "paddle",    "bicycle",  "camera",
    "ticket",   "journey",  "evening",  "morning",  "shadow",   "weather",   "crowd",    "street",
    "council",  "question", "answer",   "promise",  "rumour",   "season",    "border",   "machine",
    "factory",  "printing", "pamphlet", "editor",   "reader",   "writer",    "ink",      "paper",
    "press",    "copy",     "page",     "column",   "margin",   "draft",     "story",    "chapter",
    "archive",  "record",   "ledger",   "map",      "walk",     "carry",     "build",    "gather",
    "follow",   "measure",  "repair",   "borrow",   "whisper",  "argue",     "collect",  "publish",
    "travel",   "listen",   "notice",   "forget",   "remember", "explain",   "wander",   "settle",
    "mend",     "plant",    "cook",     "sort",     "count",    "watch",     "open",     "close",
    "quiet",    "bright",   "narrow",   "heavy",    "gentle",   "sudden",    "careful",  "distant",
    "ordinary", "curious",  "patient",  "stubborn", "simple",   "broken",    "early",    "late",
    "small",    "large",    "green",    "grey",     "golden",   "wooden",    "northern", "southern",
    "useful",   "strange",  "honest",   "modest",   "rapid",    "steady",    "hollow",   "crooked",
    "tidy",     "dusty",    "warm",     "cold",     "slowly",   "quickly",   "often",    "rarely",
    "almost",   "perhaps",  "always",   "never",    "together", "alone",     "again",    "still",
    "already",  "soon",     "the",      "a",        "an",       "of",        "and",      "to",
    "in",       "on",       "with",     "for",      "from",     "by",        "at",       "under",
    "over",     "between",  "after",    "before",   "through",  "around",    "we",       "they",
    "she",      "he",       "it",       "our",      "their",    "was",       "is",       "were",
    "had",      "has",      "will",     "would",    "could",    "should",    "might",    "must",
    "this",     "that",     "these",    "those",    "every",    "some",      "many",     "few",
    "each",     "which",    "who",      "when",     "where",    "why",       "how",      "because",
    "although", "while",    "until",    "unless",   "since",    "neighbour", "teacher",  "miller",
    "baker",    "sailor",   "farmer",   "doctor",   "clerk",    "porter",    "tailor",   "keeper",
    "captain",  "student",  "painter",  "singer",   "friend",   "stranger",  "cousin",   "uncle",
    "aunt",     "child",    "elder",    "guest",    "host",     "year",      "month",    "week",
    "hour",     "minute",
};

constexpr std::string_view kLabels[] = {
    "Travel",     "Gardening", "Books",       "Printing",    "History",  "Cooking",
    "Letters",    "Maps",      "Machines",    "Weather",     "Music",    "Photography",
    "Walking",    "Rivers",    "Villages",    "Workshop",    "Notes",    "Reviews",
    "Local news", "Archives",  "Translation", "Typography",  "Bicycles", "Harbours",
    "Meetings",   "Pamphlets", "Recipes",     "Small press", "Winter",   "Interviews",
};

static_assert(std::size(kLabels) == ContentGenerator::kLabelPoolSize);

void AppendCapitalized(std::string& out, std::string_view word) {
  out += static_cast<char>(word[0] - 'a' + 'A');
  out.append(word.substr(1));
}

}  // namespace

uint64_t Rng::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::string ContentGenerator::Word() { return std::string(kWords[rng_.Below(std::size(kWords))]); }

std::string ContentGenerator::Title() {
  const int n = rng_.Between(3, 9);
  std::string title;
  for (int i = 0; i < n; ++i) {
    if (i == 0) {
      AppendCapitalized(title, Word());
    } else {
      title += ' ';
      title += Word();
    }
  }
  return title;
}

int ContentGenerator::AppendSentences(std::string& out, int n, bool inline_markup) {
  int written = 0;
  while (written < n) {
    const int sentence = std::min(rng_.Between(6, 18), n - written);
    for (int i = 0; i < sentence;) {
      if (i > 0) out += ' ';
      const int roll = inline_markup ? static_cast<int>(rng_.Below(100)) : 99;
      if (roll < 4) {  // *emphasis*
        out += '*' + Word() + '*';
        i += 1;
      } else if (roll < 6 && sentence - i >= 2) {  // **strong text**
        out += "**" + Word() + ' ' + Word() + "**";
        i += 2;
      } else if (roll < 8 && sentence - i >= 2) {  // [a link](https://example.org/...)
        const std::string a = Word(), b = Word();
        out += '[' + a + ' ' + b + "](https://example.org/" + a + '-' + b + ')';
        i += 2;
      } else if (roll < 9) {  // `code`
        out += '`' + Word() + "()`";
        i += 1;
      } else if (i == 0) {
        AppendCapitalized(out, Word());
        i += 1;
      } else {
        out += Word();
        i += 1;
      }
    }
    out += rng_.Percent(10) ? "?" : ".";
    written += sentence;
    if (written < n) out += ' ';
  }
  return written;
}

std::string ContentGenerator::MarkdownBody(int words) {
  std::string out;
  out.reserve(static_cast<std::size_t>(words) * 8);
  int written = 0;
  int paragraphs = 0;
  while (written < words) {
    if (paragraphs > 0 && paragraphs % 3 == 0) {  // a heading every third paragraph
      out += "## ";
      const int n = rng_.Between(2, 6);
      for (int i = 0; i < n; ++i) {
        if (i == 0) {
          AppendCapitalized(out, Word());
        } else {
          out += ' ' + Word();
        }
      }
      out += "\n\n";
      written += n;
    }
    const int roll = static_cast<int>(rng_.Below(100));
    if (roll < 15) {  // a list, bulleted or numbered
      const bool numbered = rng_.Percent(40);
      const int items = rng_.Between(3, 6);
      for (int i = 0; i < items; ++i) {
        out += numbered ? std::to_string(i + 1) + ". " : "- ";
        written += AppendSentences(out, rng_.Between(4, 12), true);
        out += '\n';
      }
    } else if (roll < 22) {  // a block quote
      out += "> ";
      written += AppendSentences(out, rng_.Between(15, 40), false);
      out += '\n';
    } else {
      written += AppendSentences(out, rng_.Between(40, 110), true);
      out += '\n';
    }
    out += '\n';
    ++paragraphs;
  }
  return out;
}

std::vector<std::string> ContentGenerator::Labels() {
  const int n = rng_.Between(1, 3);
  std::vector<std::string> labels;
  while (static_cast<int>(labels.size()) < n) {
    std::string label(kLabels[rng_.Below(std::size(kLabels))]);
    bool seen = false;
    for (const std::string& l : labels) seen = seen || l == label;
    if (!seen) labels.push_back(std::move(label));
  }
  return labels;
}

std::vector<std::string> ContentGenerator::LabelPool() {
  return std::vector<std::string>(std::begin(kLabels), std::end(kLabels));
}

}  // namespace samizdat::bench
