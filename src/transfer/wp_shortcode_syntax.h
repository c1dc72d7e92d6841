// WordPress's shortcode syntax ("[caption width=640]…[/caption]"), read by WordPress's own
// rules: get_shortcode_regex() for where a shortcode starts and ends, and
// shortcode_parse_atts() for its attributes. Internal to transfer/.
//
// Shortcodes are WordPress's own markup, neither HTML nor Markdown: the WXR reader finds
// them in a post's stored content and turns them into the HTML WordPress showed.
// All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samizdat::transfer {

// One shortcode found in a text; the views point into that text.
struct Shortcode {
  std::size_t begin = 0;  // the first character of the match ('[')
  std::size_t end = 0;    // one past its last character (']')
  std::string_view name;  // "caption"
  std::string_view atts;  // the raw attribute text between the name and ']' (or "/]")
  // The text between "[name …]" and "[/name]"; nullopt for a shortcode without a closing
  // tag (self-closing "[name/]" or standing alone).
  std::optional<std::string_view> content;
  // "[[name …]]": WordPress shows such a shortcode as text, without the outer brackets.
  bool escaped = false;
  std::string_view literal;  // for an escaped one: the text WordPress shows
};

// The shortcode starting at text[at] (which must be '['), as get_shortcode_regex()
// matches it, when its name is one `known` accepts:
//   - '[', an optional second '[' (escaping, when a second ']' closes it too), the name:
//     the run of ASCII letters, digits, '_' and '-' (names are case-sensitive);
//   - the attributes: everything up to the first ']' (they cannot hold one); "/]" makes
//     the shortcode self-closing;
//   - otherwise, when "[/name]" follows somewhere later, everything up to the first one
//     is the content and the match ends after it; when it does not, the shortcode is
//     the opening tag alone.
// nullopt when nothing matches at `at` (no known name, no closing ']').
std::optional<Shortcode> MatchShortcode(std::string_view text, std::size_t at,
                                        const std::function<bool(std::string_view)>& known);

// A shortcode's attributes as shortcode_parse_atts() reads them: name="value",
// name='value' and name=value (names lower-cased; a later one wins), and positional
// values ("value", 'value' or a bare word, in order: [youtube URL] has one). Each must be
// followed by white space or the end. Backslash escapes in values are read as PHP's
// stripcslashes() does ("\n", "\"", "\101", "\x41"); U+00A0 and U+200B count as spaces;
// a value holding an HTML tag that is not closed by '>' becomes "".
struct ShortcodeAtts {
  std::map<std::string, std::string> named;
  std::vector<std::string> positional;

  // The named value, or `fallback` when there is none.
  std::string Get(const std::string& name, std::string_view fallback = "") const;
};
ShortcodeAtts ParseShortcodeAtts(std::string_view atts);

}  // namespace samizdat::transfer
