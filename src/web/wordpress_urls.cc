// WordPressLocation: an old WordPress address -> where it leads now (wordpress_urls.h).
#include "web/wordpress_urls.h"

#include <array>
#include <boost/url/parse_query.hpp>
#include <vector>

#include "core/strings.h"
#include "text/escape.h"

namespace samizdat::web {
namespace {

constexpr std::string_view kPostsFeed = "/feeds/posts/default";
constexpr std::string_view kCommentsFeed = "/feeds/comments/default";
constexpr std::string_view kLabelPrefix = "/search/label/";
// The query keys that name one thing of the blog, first the one WordPress obeys first.
constexpr std::array<std::string_view, 6> kObjectKeys = {"p",   "page_id", "attachment_id",
                                                         "cat", "tag",     "author"};

// What an address asks of the thing it names.
struct Ask {
  enum Want { kPage, kComments, kFeed } want = kPage;
  bool atom = false;           // kFeed: Atom (else RSS 2.0)
  bool blog_comments = false;  // kFeed of the whole blog: its comments' feed
};

// WordPress's query variables that matter here.
struct WpQuery {
  std::string object;               // "p=12": the first object key and its value as sent
  std::optional<std::string> feed;  // feed=TYPE
  bool cpage = false;               // cpage=N: a page of the comments
  std::optional<std::string> search;
  std::string date;  // m=YYYY, YYYYMM or YYYYMMDD
};

bool IsDate(std::string_view m) {
  return IsAsciiDigits(m) && (m.size() == 4 || m.size() == 6 || m.size() == 8);
}

WpQuery ParseQuery(std::string_view encoded_query) {
  WpQuery q;
  auto params = boost::urls::parse_query(encoded_query);
  if (!params) return q;
  boost::urls::encoding_opts decoding;
  decoding.space_as_plus = true;  // WordPress's search form encodes spaces as '+'
  std::size_t rank = kObjectKeys.size();
  for (const auto& param : *params) {
    const std::string key = param.key.decode(decoding);
    const std::string value = param.has_value ? param.value.decode(decoding) : std::string();
    for (std::size_t i = 0; i < rank; ++i) {
      if (key == kObjectKeys[i]) {
        rank = i;
        q.object = key + "=" + std::string(param.value.data(), param.value.size());
      }
    }
    if (key == "feed") q.feed = value;
    if (key == "cpage") q.cpage = true;
    if (key == "s") q.search = value;
    if (key == "m" && IsDate(value)) q.date = value;
  }
  return q;
}

// A feed=TYPE or /feed/TYPE/ ("" is WordPress's default, RSS 2.0); nullopt: no feed type.
std::optional<Ask> FeedAsk(std::string_view type, bool comments_types) {
  Ask ask{Ask::kFeed};
  if (type.empty() || type == "rss2" || type == "rss" || type == "rdf") return ask;
  ask.atom = type == "atom";
  if (ask.atom) return ask;
  if (!comments_types) return std::nullopt;
  ask.blog_comments = true;
  ask.atom = type == "comments-atom";
  if (ask.atom || type == "comments-rss2") return ask;
  return std::nullopt;
}

std::string WithAlt(std::string url, const Ask& ask) {
  if (!ask.atom) url += "?alt=rss";
  return url;
}

std::string BlogFeed(const Ask& ask) {
  return WithAlt(std::string(ask.blog_comments ? kCommentsFeed : kPostsFeed), ask);
}

OldUrlAnswer Moved(std::string location) { return OldUrlAnswer{301, std::move(location)}; }
OldUrlAnswer Gone() { return OldUrlAnswer{404, ""}; }

// "/YYYY/" or "/YYYY/MM/" for WordPress's ?m= (a day shows its month).
std::string DateArchive(std::string_view m) {
  std::string path = "/" + std::string(m.substr(0, 4)) + "/";
  if (m.size() >= 6) path += std::string(m.substr(4, 2)) + "/";
  return path;
}

// What a path without a query names: an address whose place is known from its form
// alone (`fixed`), or the thing at `base` with a WordPress suffix taken off.
struct PathForm {
  std::optional<std::string> fixed;
  std::string base;  // "/category/news" (no trailing slash), "" for the blog itself
  bool suffix = false;
  Ask ask;
};

std::optional<PathForm> ParsePath(std::string_view path) {
  if (!path.starts_with('/')) return std::nullopt;
  path.remove_prefix(1);
  if (path.ends_with('/')) path.remove_suffix(1);
  std::vector<std::string_view> segs;
  for (std::size_t start = 0; !path.empty();) {
    const std::size_t slash = path.find('/', start);
    segs.push_back(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (segs.back().empty()) return std::nullopt;  // "//": no address WordPress wrote
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  const std::size_t n = segs.size();
  PathForm form;
  if (n == 1) {
    const std::string_view file = segs[0];
    if (file == "wp-rss2.php" || file == "wp-rss.php" || file == "wp-rdf.php") {
      form.fixed = BlogFeed(Ask{Ask::kFeed});
    } else if (file == "wp-atom.php") {
      form.fixed = BlogFeed(Ask{Ask::kFeed, true});
    } else if (file == "wp-commentsrss2.php") {
      form.fixed = BlogFeed(Ask{Ask::kFeed, false, true});
    }
    if (form.fixed) return form;
  }
  if (n == 3 && segs[0].size() == 4 && IsAsciiDigits(segs[0]) && segs[1].size() == 2 &&
      segs[2].size() == 2) {
    const auto month = ParseInteger<int>(segs[1]);
    const auto day = ParseInteger<int>(segs[2]);
    if (month && day && *month >= 1 && *month <= 12 && *day >= 1 && *day <= 31) {
      form.fixed = "/" + std::string(segs[0]) + "/" + std::string(segs[1]) + "/";
      return form;
    }
  }
  std::size_t kept = n;
  const std::string_view last = n >= 1 ? segs[n - 1] : "";
  const std::string_view before = n >= 2 ? segs[n - 2] : "";
  if (last == "feed") {
    form.ask = Ask{Ask::kFeed};
    kept = n - 1;
  } else if (before == "feed" && FeedAsk(last, false)) {
    form.ask = *FeedAsk(last, false);
    kept = n - 2;
  } else if (last.starts_with("comment-page-") && IsAsciiDigits(last.substr(13))) {
    form.ask = Ask{Ask::kComments};
    kept = n - 1;
  } else if (before == "page" && IsAsciiDigits(last)) {
    kept = n - 2;
  } else if (last == "trackback") {
    kept = n - 1;
  }
  form.suffix = kept != n;
  if (form.ask.want == Ask::kFeed && kept == 1 && segs[0] == "comments") {
    form.ask.blog_comments = true;  // /comments/feed/: the blog's comments
    kept = 0;
  }
  for (std::size_t i = 0; i < kept; ++i) form.base += "/" + std::string(segs[i]);
  if (form.suffix && form.base.empty()) {
    form.fixed = form.ask.want == Ask::kFeed ? BlogFeed(form.ask) : "/";
  }
  return form;
}

bool IsAbsolute(std::string_view url) {
  const std::string lower = AsciiLower(url.substr(0, 8));
  return lower.starts_with("http://") || lower.starts_with("https://");
}

// Where `ask` of the thing that moved to `to` leads.
Result<OldUrlAnswer> Apply(const std::string& to, const Ask& ask, const OldUrlLookups& lookups) {
  const bool absolute = IsAbsolute(to);
  switch (ask.want) {
    case Ask::kPage: return Moved(to);
    case Ask::kComments:
      if (absolute) return Moved(to);
      return Moved(to.substr(0, to.find('#')) + "#comments");
    case Ask::kFeed: break;
  }
  if (absolute) return Gone();  // an attachment's file has no feed here
  const std::string path = to.substr(0, to.find_first_of("?#"));
  if (path.starts_with(kLabelPrefix) && path.size() > kLabelPrefix.size()) {
    return Moved(WithAlt(std::string(kPostsFeed) + "/-/" + path.substr(kLabelPrefix.size()), ask));
  }
  auto id = lookups.post_id_at(path);
  if (!id.ok()) return id.status();
  if (*id) return Moved(WithAlt("/feeds/" + std::to_string(**id) + "/comments/default", ask));
  return Moved(BlogFeed(ask));  // an author's (or the home page's) feed: the blog's
}

// The first of `old_paths` with a redirect, asked `ask` of; 404 when none has one.
Result<OldUrlAnswer> Follow(std::initializer_list<std::string> old_paths, const Ask& ask,
                            const OldUrlLookups& lookups) {
  for (const std::string& old_path : old_paths) {
    auto to = lookups.redirect(old_path);
    if (!to.ok()) return to.status();
    if (*to) return Apply(**to, ask, lookups);
  }
  return Gone();
}

}  // namespace

bool IsWordPressQuery(std::string_view encoded_query) {
  const WpQuery q = ParseQuery(encoded_query);
  return !q.object.empty() || q.feed || q.search || !q.date.empty();
}

Result<OldUrlAnswer> WordPressLocation(std::string_view encoded_path,
                                       std::string_view encoded_query,
                                       const OldUrlLookups& lookups) {
  const WpQuery q = ParseQuery(encoded_query);
  const std::string path(encoded_path);
  if (!q.object.empty()) {
    Ask ask;
    if (q.feed) {
      auto feed = FeedAsk(*q.feed, false);
      if (!feed) return Gone();
      ask = *feed;
    } else if (q.cpage) {
      ask.want = Ask::kComments;
    }
    return Follow({path + "?" + q.object}, ask, lookups);
  }
  if (path == "/") {
    if (q.search) return Moved("/search?q=" + text::PercentEncode(*q.search));
    if (!q.date.empty()) return Moved(DateArchive(q.date));
    if (q.feed) {
      auto feed = FeedAsk(*q.feed, true);
      return feed ? Moved(BlogFeed(*feed)) : Gone();
    }
    return OldUrlAnswer{};
  }
  // The address as sent, then with (or without) its trailing slash.
  const std::string toggled = path.ends_with('/') ? path.substr(0, path.size() - 1) : path + "/";
  for (const std::string& old_path : {path, toggled}) {
    auto to = lookups.redirect(old_path);
    if (!to.ok()) return to.status();
    if (*to) return Moved(std::move(**to));
  }
  const std::optional<PathForm> form = ParsePath(path);
  if (!form) return OldUrlAnswer{};
  if (form->fixed) return Moved(*form->fixed);
  if (!form->suffix) return OldUrlAnswer{};
  return Follow({form->base + "/", form->base}, form->ask, lookups);
}

}  // namespace samizdat::web
