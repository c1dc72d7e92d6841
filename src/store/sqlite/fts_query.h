// Search text <-> FTS5: a reader's words as a query that cannot be an FTS5 syntax error,
// and FTS5 snippets (marked with private control characters) as safe HTML.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace samizdat::store::sqlite {

// What snippet() is told to put around matched terms. Control characters: the body text
// the store keeps is extracted from HTML and carries none of them.
inline constexpr char kMarkOpen = '\x02';
inline constexpr char kMarkClose = '\x03';

// Each whitespace-separated word of `text` as a quoted FTS5 string ("a""b" for a"b),
// joined by spaces, which FTS5 reads as AND. Control characters separate words, and at
// most 32 words are kept. FTS5 operators, parentheses, '*' and quotes in the input are
// thus plain text. Returns "" when `text` holds no word: the caller then has no hits.
std::string FtsQuery(std::string_view text);

// The snippet HTML-escaped, each kMarkOpen…kMarkClose run wrapped in <mark>…</mark>. The
// tags are always balanced, whatever markers the text holds.
std::string SnippetToHtml(std::string_view snippet);

}  // namespace samizdat::store::sqlite
