// BuildFeed: /feeds/posts/{default,full,summary}[/-/LABEL...|/POSTID],
// /feeds/comments/default, /feeds/POSTID/comments/default[/COMMENTID], /atom.xml,
// /rss.xml, /feed.json, and the machine-read documents beside them: /sitemap.xml,
// /robots.txt.
#include "web/feed_pages.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "core/strings.h"
#include "feeds/feed.h"
#include "feeds/sitemap.h"
#include "text/escape.h"

namespace samizdat::web {
namespace {

bool IsProjection(std::string_view s) { return s == "default" || s == "full" || s == "summary"; }

std::optional<int64_t> ParseId(std::string_view s) {
  auto id = ParseInteger<int64_t>(s);
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

FeedOutcome NotFound(std::string message) {
  return FeedOutcome{404, "text/plain; charset=utf-8", std::move(message) + "\n"};
}

// The query string of another page of this feed: the same selection, another start.
std::string PageQuery(const FeedQuery& query, int start_index) {
  std::string q = "start-index=" + std::to_string(start_index) +
                  "&max-results=" + std::to_string(query.max_results);
  switch (query.format) {
    case FeedFormat::kAtom: break;
    case FeedFormat::kRss: q += "&alt=rss"; break;
    case FeedFormat::kJson: q += "&alt=json"; break;
    case FeedFormat::kJsonInScript:
      q += "&alt=json-in-script&callback=" + text::PercentEncode(query.callback);
      break;
  }
  if (query.order_by_updated) q += "&orderby=updated";
  auto bound = [&q](const char* name, const std::optional<Time>& t) {
    if (t)
      q += std::string("&") + name + "=" + text::PercentEncode(FormatRfc3339(*t, TimeZone::Utc()));
  };
  bound("published-min", query.published_min);
  bound("published-max", query.published_max);
  bound("updated-min", query.updated_min);
  bound("updated-max", query.updated_max);
  return q;
}

class FeedBuilder {
 public:
  FeedBuilder(store::Store& store, const service::BlogEntry& entry, const FeedQuery& query,
              const std::string& base_url, const std::string& self_url)
      : store_(store), entry_(entry), query_(query) {
    model_.blog = &entry.blog;
    model_.zone = entry.zone;
    model_.base_url = base_url;
    model_.self_url = self_url;
    model_.start_index = query.start_index;
    model_.items_per_page = query.max_results;
  }

  Result<FeedOutcome> Build(const std::vector<std::string>& s) {
    // Aliases Blogger answers on every blog.
    if (s.size() == 1 && s[0] == "atom.xml") return Posts({}, std::nullopt);
    if (s.size() == 1 && s[0] == "rss.xml") {
      if (query_.format == FeedFormat::kAtom) query_.format = FeedFormat::kRss;
      return Posts({}, std::nullopt);
    }
    if (s.size() == 1 && s[0] == "sitemap.xml") return Sitemap();
    if (s.size() == 1 && s[0] == "robots.txt") {
      return FeedOutcome{200, "text/plain; charset=utf-8", feeds::RenderRobotsTxt(model_.base_url)};
    }
    if (s.size() == 1 && s[0] == "feed.json") {
      json_feed_ = true;
      return Posts({}, std::nullopt);
    }
    if (s.size() < 3 || s[0] != "feeds") return NotFound("no feed at this address");
    // /feeds/posts/PROJECTION[/-/LABEL...|/POSTID]
    if (s[1] == "posts" && IsProjection(s[2])) {
      model_.summary = s[2] == "summary";
      base_path_ = "/feeds/posts/" + s[2];
      if (s.size() == 3) return Posts({}, std::nullopt);
      if (s[3] == "-" && s.size() > 4) {
        std::vector<std::string> labels(s.begin() + 4, s.end());
        for (const std::string& label : labels) base_path_ += "/-/" + text::PercentEncode(label);
        return Posts(std::move(labels), std::nullopt);
      }
      if (s.size() == 4) {
        auto id = ParseId(s[3]);
        if (!id) return NotFound("no post with id " + s[3]);
        return Posts({}, *id);
      }
      return NotFound("no feed at this address");
    }
    // /feeds/comments/PROJECTION
    if (s.size() == 3 && s[1] == "comments" && IsProjection(s[2])) {
      model_.kind = feeds::FeedKind::kBlogComments;
      model_.summary = s[2] == "summary";
      base_path_ = "/feeds/comments/" + s[2];
      return Comments(std::nullopt);
    }
    // /feeds/POSTID/comments/PROJECTION[/COMMENTID]
    if ((s.size() == 4 || s.size() == 5) && s[2] == "comments" && IsProjection(s[3])) {
      auto id = ParseId(s[1]);
      if (!id) return NotFound("no post with id " + s[1]);
      auto post = PublishedPost(*id);
      if (!post.ok()) return post.status();
      if (!*post) return NotFound("no post with id " + s[1]);
      model_.kind = feeds::FeedKind::kPostComments;
      model_.summary = s[3] == "summary";
      base_path_ = "/feeds/" + s[1] + "/comments/" + s[3];
      model_.parent_post = std::move(**post);
      if (s.size() == 5) return OneComment(s[4]);
      return Comments(*id);
    }
    return NotFound("no feed at this address");
  }

 private:
  // The published post or page with that id; nullopt when there is none.
  Result<std::optional<Post>> PublishedPost(int64_t id) {
    auto post = store_.GetPost(entry_.blog.id, id);
    if (!post.ok()) {
      if (post.status().IsNotFound()) return std::optional<Post>();
      return post.status();
    }
    if (post->status != PostStatus::kPublished) return std::optional<Post>();
    return std::optional<Post>(std::move(*post));
  }

  // Every published post, then every page, newest first, up to the protocol's limit.
  // Read in chunks so that a large blog's bodies are never all in memory at once.
  Result<FeedOutcome> Sitemap() {
    constexpr int kChunk = 500;
    std::vector<feeds::SitemapUrl> urls;
    for (PostKind kind : {PostKind::kPost, PostKind::kPage}) {
      store::PostQuery q;
      q.blog_id = entry_.blog.id;
      q.kind = kind;
      q.limit = kChunk;
      for (q.offset = 0; static_cast<int>(urls.size()) < feeds::kSitemapMaxUrls;
           q.offset += kChunk) {
        auto posts = store_.ListPosts(q);
        if (!posts.ok()) return posts.status();
        for (const Post& post : *posts) {
          if (static_cast<int>(urls.size()) == feeds::kSitemapMaxUrls) break;
          urls.push_back({post.path, std::max(post.updated, post.published)});
        }
        if (static_cast<int>(posts->size()) < kChunk) break;
      }
    }
    return FeedOutcome{200, "application/xml; charset=utf-8",
                       feeds::RenderSitemap(model_.base_url, urls)};
  }

  Result<FeedOutcome> Posts(std::vector<std::string> labels, std::optional<int64_t> one_post) {
    auto blog_labels = store_.LabelCounts(entry_.blog.id);
    if (!blog_labels.ok()) return blog_labels.status();
    for (const LabelCount& label : *blog_labels) model_.blog_labels.push_back(label.name);

    if (one_post) {
      auto post = PublishedPost(*one_post);
      if (!post.ok()) return post.status();
      if (!*post) return NotFound("no post with id " + std::to_string(*one_post));
      model_.total_results = 1;
      model_.posts.push_back(std::move(**post));
      return Render();
    }
    store::PostQuery q;
    q.blog_id = entry_.blog.id;
    q.labels = std::move(labels);
    q.published_from = query_.published_min;
    q.published_before = query_.published_max;
    if (query_.order_by_updated) {
      // GData applies updated-min/max only when the feed is ordered by update time.
      q.order = store::PostQuery::Order::kUpdated;
      q.updated_from = query_.updated_min;
      q.updated_before = query_.updated_max;
    }
    auto total = store_.CountPosts(q);
    if (!total.ok()) return total.status();
    q.limit = query_.max_results;
    q.offset = query_.start_index - 1;
    auto posts = store_.ListPosts(q);
    if (!posts.ok()) return posts.status();
    model_.total_results = *total;
    model_.posts = std::move(*posts);
    SetPageLinks(*total);
    return Render();
  }

  // The published comments of the blog (or of one post), newest first, a page of them.
  // Comments of a post readers cannot see (unpublished, or its comments hidden) are
  // left out, of the entries and of the openSearch counts.
  Result<FeedOutcome> Comments(std::optional<int64_t> post_id) {
    SAMIZDAT_RETURN_IF_ERROR(SetCommentFeedAuthor());
    if (model_.parent_post && model_.parent_post->comments_mode == CommentsMode::kHidden) {
      return Render();  // nothing of a hidden thread is shown: an empty feed
    }
    store::CommentQuery q;
    q.blog_id = entry_.blog.id;
    q.post_id = post_id;
    q.statuses = {CommentStatus::kPublished};
    q.published_before = query_.published_max;
    q.readable_posts_only = true;
    q.newest_first = true;
    auto total = store_.CountComments(q);
    if (!total.ok()) return total.status();
    q.limit = query_.max_results;
    q.offset = query_.start_index - 1;
    auto comments = store_.ListComments(q);
    if (!comments.ok()) return comments.status();
    model_.total_results = *total;
    for (Comment& comment : *comments) {
      SAMIZDAT_RETURN_IF_ERROR(AddComment(std::move(comment)));
    }
    SetPageLinks(*total);
    return Render();
  }

  // /feeds/POSTID/comments/PROJECTION/COMMENTID: a feed of that one published comment.
  Result<FeedOutcome> OneComment(const std::string& segment) {
    auto id = ParseId(segment);
    if (!id) return NotFound("no comment with id " + segment);
    auto comment = store_.GetComment(entry_.blog.id, *id);
    if (!comment.ok()) {
      if (comment.status().IsNotFound()) return NotFound("no comment with id " + segment);
      return comment.status();
    }
    if (comment->post_id != model_.parent_post->id ||
        comment->status != CommentStatus::kPublished ||
        model_.parent_post->comments_mode == CommentsMode::kHidden) {
      return NotFound("no comment with id " + segment);
    }
    SAMIZDAT_RETURN_IF_ERROR(SetCommentFeedAuthor());
    SAMIZDAT_RETURN_IF_ERROR(AddComment(std::move(*comment)));
    model_.total_results = 1;
    return Render();
  }

  // Appends the comment as an entry when readers may see its post's comments.
  Status AddComment(Comment comment) {
    auto [it, inserted] = comment_posts_.try_emplace(comment.post_id);
    if (inserted) {
      if (model_.parent_post && model_.parent_post->id == comment.post_id) {
        it->second = *model_.parent_post;
      } else {
        auto post = PublishedPost(comment.post_id);
        if (!post.ok()) return post.status();
        it->second = std::move(*post);
      }
    }
    const std::optional<Post>& post = it->second;
    if (!post || post->comments_mode == CommentsMode::kHidden) return Status::Ok();
    model_.comments.push_back({std::move(comment), post->path});
    return Status::Ok();
  }

  // next and previous: the neighbouring pages of a selection of `total` entries.
  void SetPageLinks(int total) {
    // 64-bit: start-index may be as large as an int holds.
    const int64_t next = int64_t{query_.start_index} + query_.max_results;
    if (next <= total) {
      model_.next_url =
          model_.base_url + base_path_ + "?" + PageQuery(query_, static_cast<int>(next));
    }
    if (query_.start_index > 1) {
      model_.previous_url = model_.base_url + base_path_ + "?" +
                            PageQuery(query_, std::max(1, query_.start_index - query_.max_results));
    }
  }

  // A comment feed's author: the post's for a post's comments, else the newest post's.
  Status SetCommentFeedAuthor() {
    if (model_.parent_post) {
      model_.author_name = model_.parent_post->author;
      return Status::Ok();
    }
    store::PostQuery q;
    q.blog_id = entry_.blog.id;
    q.limit = 1;
    auto posts = store_.ListPosts(q);
    if (!posts.ok()) return posts.status();
    if (!posts->empty()) model_.author_name = posts->front().author;
    return Status::Ok();
  }

  FeedOutcome Render() {
    // The feed's author: the author of its newest entry (a blog has no owner record yet).
    if (!model_.posts.empty()) model_.author_name = model_.posts.front().author;
    if (json_feed_) {
      return FeedOutcome{200, "application/feed+json; charset=utf-8",
                         feeds::RenderJsonFeed(model_)};
    }
    switch (query_.format) {
      case FeedFormat::kRss:
        return FeedOutcome{200, "application/rss+xml; charset=UTF-8", feeds::RenderRss(model_)};
      case FeedFormat::kJson:
        return FeedOutcome{200, "application/json; charset=UTF-8", feeds::RenderGDataJson(model_)};
      case FeedFormat::kJsonInScript:
        return FeedOutcome{200, "text/javascript; charset=UTF-8",
                           query_.callback + "(" + feeds::RenderGDataJson(model_) + ");"};
      case FeedFormat::kAtom: break;
    }
    return FeedOutcome{200, "application/atom+xml; charset=UTF-8", feeds::RenderAtom(model_)};
  }

  store::Store& store_;
  const service::BlogEntry& entry_;
  FeedQuery query_;
  feeds::FeedModel model_;
  std::string base_path_ = "/feeds/posts/default";
  bool json_feed_ = false;
  // The posts of the comments read so far, by id; nullopt: not shown to readers.
  std::unordered_map<int64_t, std::optional<Post>> comment_posts_;
};

}  // namespace

bool IsFeedPath(std::string_view path) {
  return path.starts_with("/feeds/") || path == "/atom.xml" || path == "/rss.xml" ||
         path == "/feed.json" || path == "/sitemap.xml" || path == "/robots.txt";
}

Result<FeedOutcome> BuildFeed(store::Store& store, const service::BlogEntry& entry,
                              const std::vector<std::string>& segments, const FeedQuery& query,
                              const std::string& base_url, const std::string& self_url) {
  return FeedBuilder(store, entry, query, base_url, self_url).Build(segments);
}

}  // namespace samizdat::web
