// Blogger's Atom ids ("tag:blogger.com,1999:blog-BLOGID.post-POSTID") and their parts,
// and the rest of the vocabulary its exports share between reading and writing.
// Internal to transfer/.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samizdat::transfer {

// An entry's kind: <category scheme=kKindScheme term=kKindTermPrefix + "post"|"page"|
// "comment"|"settings"|"template">.
inline constexpr std::string_view kKindScheme = "http://schemas.google.com/g/2005#kind";
inline constexpr std::string_view kKindTermPrefix = "http://schemas.google.com/blogger/2008/kind#";
// A label: <category scheme=kLabelScheme term=LABEL>.
inline constexpr std::string_view kLabelScheme = "http://www.blogger.com/atom/ns#";
inline constexpr std::string_view kGDataNs = "http://schemas.google.com/g/2005";
inline constexpr std::string_view kThreadNs = "http://purl.org/syndication/thread/1.0";

// The blog's number in a feed or entry id: "4018409750605546395" for
// "tag:blogger.com,1999:blog-4018409750605546395.archive" (classic export),
// "…blog-4018409750605546395" (Takeout) or "…blog-4018409750605546395.post-12"; nullopt
// when there is no "blog-" followed by digits.
std::optional<std::string> BlogIdOf(std::string_view id);

// The item's number: the digits after the last "post-", "page-" or "comment-" that end
// the id ("…blog-B.post-P" -> P, "…blog-B.page-P" -> P, Google's import template's
// "…blog-B.post-P.comment-C" -> C). A bare number is its own id. nullopt otherwise.
std::optional<std::string> ItemIdOf(std::string_view id);

}  // namespace samizdat::transfer
