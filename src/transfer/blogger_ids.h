// Blogger's Atom ids: "tag:blogger.com,1999:blog-BLOGID.post-POSTID" and their parts.
// Internal to transfer/.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samizdat::transfer {

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
