// The parts every feed format shares: ids, titles, links, entry bodies, dates. Internal
// to src/feeds; each renderer writes these parts in its own syntax.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "feeds/feed.h"
#include "text/xml_writer.h"

namespace samizdat::feeds::internal {

inline constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view kOpenSearchNs = "http://a9.com/-/spec/opensearchrss/1.0/";
inline constexpr std::string_view kBloggerNs = "http://schemas.google.com/blogger/2008";
inline constexpr std::string_view kGeoRssNs = "http://www.georss.org/georss";
inline constexpr std::string_view kGdNs = "http://schemas.google.com/g/2005";
inline constexpr std::string_view kThrNs = "http://purl.org/syndication/thread/1.0";
inline constexpr std::string_view kCategoryScheme = "http://www.blogger.com/atom/ns#";
inline constexpr std::string_view kNoReplyEmail = "noreply@blogger.com";
inline constexpr std::string_view kMediaNs = "http://search.yahoo.com/mrss/";
inline constexpr std::string_view kThumbnailRel = "http://schemas.google.com/g/2005#thumbnail";
// The gd:image Blogger gives a blog author without a profile photo, and a commenter
// without a profile (old widgets recognise both and show their own "no photo" image).
inline constexpr std::string_view kAuthorNoPhoto = "https://img1.blogblog.com/img/b16-rounded.gif";
inline constexpr std::string_view kCommenterNoPhoto = "https://img1.blogblog.com/img/blank.gif";
inline constexpr int kNoPhotoSize = 16;
inline constexpr std::string_view kGenerator = "samizdat";
inline constexpr std::string_view kGeneratorVersion = SAMIZDAT_VERSION;
// Entry summaries, in code points (Blogger's summary feeds cut near here).
inline constexpr size_t kSummaryChars = 400;

struct Link {
  std::string rel;
  std::string type;  // empty: no type attribute
  std::string href;
  std::string title;  // empty: no title attribute
};

// The feed's Atom id: the blog's, or Blogger's forms for comment feeds.
std::string FeedId(const FeedModel& feed);
// The feed's title: the blog's; for a post's comments "Comments on BLOG: POST".
std::string FeedTitle(const FeedModel& feed);
// The page the feed stands for: BASE/ or, for a post's comments, the post's URL.
std::string FeedAlternateUrl(const FeedModel& feed);
// When the feed last changed: the blog's update time, or for a comment feed with
// entries, the newest comment's publication.
Time FeedUpdated(const FeedModel& feed);
// Feed-level links in Blogger's order: #feed, self, alternate, hub, next, previous.
std::vector<Link> FeedLinks(const FeedModel& feed);
// Labels written as feed categories (posts feeds only).
const std::vector<std::string>& FeedCategories(const FeedModel& feed);
// "Unknown" for an empty name, as Blogger shows an author it does not know.
std::string PersonName(std::string_view name);

// An Atom author in Blogger's shape: name, uri, email (always Blogger's no-reply
// address) and gd:image (rel kThumbnailRel, image_size square).
struct Person {
  std::string name;
  std::string uri;  // empty: no uri element
  std::string image_src;
  int image_size = kNoPhotoSize;
};
// A post's (or the feed's) author: PersonName(name); uri the blog's home page, as
// samizdat has no author profile pages (Blogger's widgets read author[0].uri.$t
// unguarded, so it is always there); the no-photo image.
Person BlogAuthor(const FeedModel& feed, std::string_view name);

std::string PostUrl(const FeedModel& feed, const Post& post);
// The comment count readers see: 0 when the post's comments are hidden.
int ShownCommentCount(const Post& post);
// An entry's links in Blogger's order: replies (atom), replies (html), edit, self,
// alternate (so alternate is link[4], where Blogger's widgets look for it).
std::vector<Link> EntryLinks(const FeedModel& feed, const Post& post);

// What an entry carries: the body as HTML with its URLs resolved against the post's own
// URL, or (summary feeds) a plain-text summary of it: the text before the post's jump
// break when it has one (text/jump_break.h) with text before it, else the first
// kSummaryChars of the text.
struct EntryBody {
  bool is_summary = false;
  std::string text;
};
EntryBody BodyOf(const FeedModel& feed, const Post& post);
// The body as RSS's <description> carries it: HTML. A summary's plain text is escaped
// as HTML, since readers take every RSS description as HTML ("Use <textarea>" would
// otherwise be read as a tag and lost).
std::string RssDescription(const EntryBody& body);
// media:thumbnail's url: the post's first image (ThumbnailUrl); nullopt: no thumbnail.
std::optional<std::string> PostThumbnail(const FeedModel& feed, const Post& post);
// Writes the post's <media:thumbnail> (Atom and RSS alike), if it has an image.
void WriteThumbnail(text::XmlWriter& xml, const FeedModel& feed, const Post& post);

// True when `s` is an absolute http or https URL (any case of the scheme).
bool IsHttpUrl(std::string_view s);

// `s` without the characters XML 1.0 forbids and with ill-formed UTF-8 replaced: what
// every text in every format goes through (the JSON formats too, so all four agree).
std::string Clean(std::string_view s);

// "2022-01-15T16:18:00.000+01:00" in the blog's zone.
std::string Rfc3339(const FeedModel& feed, Time t);
// "Sat, 15 Jan 2022 16:18:00 +0100" (RFC 822 / RFC 2822) in the blog's zone.
std::string Rfc822(const FeedModel& feed, Time t);

}  // namespace samizdat::feeds::internal
