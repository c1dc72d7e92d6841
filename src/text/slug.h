// Blogger's addresses made from names: the "slug" in /YYYY/MM/slug.html, made from a
// post title, and a label's page. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace samizdat::text {

// The longest slug BloggerSlug returns, in characters (all of them ASCII).
inline constexpr std::size_t kMaxSlugLength = 40;

// The slug Blogger gives a post titled `title` at first publish:
//   - upper case is folded to lower case;
//   - words are separated by white space (ASCII or U+00A0) and by '-';
//   - inside a word every character other than a-z and 0-9 is dropped, so
//     "simpleui.js" -> "simpleuijs", "don't" -> "dont", and letters outside ASCII
//     ("é", Cyrillic, CJK) vanish;
//   - the short words "a" and "an" are dropped wherever they stand, and "the" is dropped
//     everywhere except as the title's first word. Blogger's own behaviour is
//     inconsistent here (it kept a leading "The" in 2010 but dropped a leading "A" in
//     2008); we follow the observed URLs: "The Steel Windpipe" -> "the-steel-windpipe",
//     "A (somewhat) brief history" -> "somewhat-brief-history";
//   - the remaining words are joined with '-' and the slug is cut on a word boundary
//     so that it is at most kMaxSlugLength characters; if the first word alone is
//     longer, it is cut at kMaxSlugLength;
//   - a title that leaves nothing (empty, punctuation only, no Latin letters or digits)
//     gives "blog-post".
// Blogger's real case: "In Kazakhstan the working class has shown what it is capable of
// doing and what it will do" -> "in-kazakhstan-working-class-has-shown".
// The "_DD" suffix Blogger appends when a slug is taken in the same month is the
// caller's job.
std::string BloggerSlug(std::string_view title);

// A label's page: "/search/label/" + the label percent-encoded (RFC 3986: a space is %20).
std::string LabelUrl(std::string_view label);

}  // namespace samizdat::text
