// Internal to the text module: GitHub's footnotes on top of md4c's events: their syntax
// in a run of text, their numbers, and the list of notes at the end of the post. Not for
// use outside src/text.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samizdat::text::internal {

// A "[^label]" in a run of text: text[begin, end). A label is one or more characters,
// none of them white space or ']'.
struct FootnoteMark {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view label;  // points into the text searched
};

// If `text` (a paragraph's first text) begins with a definition's "[^label]:", that mark,
// with `end` just past the ':'.
std::optional<FootnoteMark> FootnoteDefinitionAt(std::string_view text);

// The first "[^label]" in `text` at or after `from`.
std::optional<FootnoteMark> FindFootnoteReference(std::string_view text, std::size_t from);

// The offsets of the '[' of every line of `doc` that begins, after at most three spaces,
// with "[^label]:" and that md4c did not report as text: md4c read it as a link reference
// definition ("[^1]: https://example.com", "[^1]: Wikipedia") and dropped it. Escaping
// that '[' makes the line a paragraph again. `text_ranges`: the [begin, end) offsets of
// `doc` that md4c reported as text, in any order.
std::vector<std::size_t> FootnoteDefinitionsTakenAsLinks(
    std::string_view doc, std::vector<std::pair<std::size_t, std::size_t>> text_ranges);

// The part of a note's ids ("fn-" ID, "fnref-" ID) that stands for `label`: the label
// itself where it is made of letters, digits, '_', '-' and ':', else with every other byte
// written ".XX" (hex), so that every label gives an id the post sanitizer keeps and no
// two labels give the same one.
std::string FootnoteId(std::string_view label);

// The footnotes of one document while it is rendered: which labels are defined (found by
// a first pass), the number each gets at its first reference, and each note's HTML.
// Not thread-safe; one instance per rendering.
class Footnotes {
 public:
  // `defined`: the labels of the document's definitions, the first of each label only.
  explicit Footnotes(const std::vector<std::string>& defined);

  bool empty() const { return notes_.empty(); }
  bool IsDefined(std::string_view label) const;

  // Starts the definition of `label` and returns the string its HTML (a paragraph's
  // content) is appended to; nullptr if `label` is not defined or its definition was
  // started already (a second definition of a label stays ordinary text). The pointer is
  // valid as long as this object.
  std::string* BeginDefinition(std::string_view label);

  struct Reference {
    int number = 0;      // 1, 2, ... in the order of first references
    bool first = false;  // the label's first reference (it carries the id)
  };
  // Records a reference to `label`. REQUIRES: IsDefined(label).
  Reference Refer(std::string_view label);

  // Appends <section class="footnotes"><ol>...</ol></section> with one <li id="fn-LABEL">
  // per definition: referenced notes first, by number, each ending in a link back to its
  // first reference, then notes never referenced (GitHub drops those; we keep what the
  // author wrote), in document order. Appends nothing when no definition was rendered.
  void AppendSection(std::string& out) const;

 private:
  struct Note {
    std::size_t order = 0;  // position among the definitions
    int number = 0;         // 0 until referenced
    bool started = false;
    std::string html;
  };
  std::map<std::string, Note, std::less<>> notes_;
  int referenced_ = 0;
};

}  // namespace samizdat::text::internal
