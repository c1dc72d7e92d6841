// The parts of a comment feed's entry every format shares: links, reply target, title,
// body, Blogger's extended properties. Internal to src/feeds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/feed.h"
#include "feeds/feed_parts.h"

namespace samizdat::feeds::internal {

// Blogger's comment timestamp, "MMMM d, yyyy 'at' h:mm a" ("July 13, 2015 at 2:39 AM").
inline constexpr std::string_view kCommentTimePattern = "MMMM d, yyyy 'at' h:mm a";
// Comment titles, in code points, before "..." (Blogger cuts near here).
inline constexpr size_t kCommentTitleChars = 50;

// The absolute URL of the post the comment is on.
std::string CommentPostUrl(const FeedModel& feed, const CommentEntry& entry);
// BASE/feeds/POSTID/comments/default/COMMENTID: the comment's own feed address.
std::string CommentSelfUrl(const FeedModel& feed, int64_t post_id, int64_t comment_id);

// An entry's links in Blogger's order: edit, self, alternate (the permalink), and for a
// reply, related (the parent comment). Blogger's own comment widget reads the
// permalink as link[2] and the parent id from link[3] with /comments\/default\/(\d+)\?/,
// so the related href carries Blogger's "?v=2".
std::vector<Link> CommentLinks(const FeedModel& feed, const CommentEntry& entry);

// thr:in-reply-to: the post the comment answers.
struct InReplyTo {
  std::string href;    // the post's URL
  std::string ref;     // the post's entry id (PostEntryId)
  std::string source;  // BASE/feeds/posts/default/POSTID
};
InReplyTo InReplyToOf(const FeedModel& feed, const CommentEntry& entry);

// The comment's first kCommentTitleChars code points of text, cut at a word, + "...".
std::string CommentTitle(const Comment& comment);
// The comment's name, or "Anonymous" for one who gave none.
std::string CommenterName(const Comment& comment);
// The comment's author as Blogger writes a commenter: CommenterName, the URL the reader
// gave (none if none), and Blogger's no-profile image.
Person Commenter(const Comment& comment);
// The body as HTML with its URLs resolved against its post's URL, or (summary feeds)
// plain text.
EntryBody CommentBody(const FeedModel& feed, const CommentEntry& entry);

// gd:extendedProperty name/value pairs: blogger.itemClass, blogger.displayTime.
struct Property {
  std::string name;
  std::string value;
};
std::vector<Property> CommentProperties(const FeedModel& feed, const Comment& comment);

}  // namespace samizdat::feeds::internal
