// Search text <-> PostgreSQL full-text search: a reader's words as the text handed to
// plainto_tsquery (which reads no operators, so no input is a syntax error), and a body
// text whose matches ts_headline marked as a short HTML snippet shaped like SQLite's
// (about 24 words around the matches, "…" where text was cut, <mark> around matches).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace samizdat::store::postgres {

// What ts_headline is told to put around matches (StartSel, StopSel). Control
// characters: the body text the store keeps is extracted from HTML and carries none.
inline constexpr char kMarkOpen = '\x02';
inline constexpr char kMarkClose = '\x03';

// The whitespace-separated words of `text` (control characters separate words too), at
// most 32, joined by single spaces, ill-formed UTF-8 repaired. "" when there is none:
// the caller then has no hits.
std::string SearchWords(std::string_view text);

// The snippet of `body` for a hit: `marked` is what ts_headline returned for it with
// HighlightAll: every match between kMarkOpen and kMarkClose, and otherwise one
// character for each of the body's (samizdat_search_text's spaces for punctuation: only
// their count is used). Picks the window of 24 words holding the most matches, centred
// on them; HTML-escapes it, wraps each match in <mark>…</mark> and puts "…" where the
// body goes on. When `marked` does not line up with `body`, the window has no marks.
std::string SnippetHtml(std::string_view body, std::string_view marked);

}  // namespace samizdat::store::postgres
