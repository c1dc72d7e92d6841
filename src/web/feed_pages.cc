// The feed builders: posts, labels, one post, comments (the blog's, a post's, one),
// Blogger's aliases, the sitemap and robots.txt.
#include "web/feed_pages.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "feeds/feed.h"
#include "feeds/sitemap.h"
#include "text/escape.h"

namespace samizdat::web {
namespace {

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
  explicit FeedBuilder(const FeedInputs& in)
      : store_(in.store), entry_(in.entry), query_(in.query) {
    model_.blog = &in.entry.blog;
    model_.zone = in.entry.zone;
    model_.base_url = in.base_url;
    model_.self_url = in.self_url;
    model_.start_index = in.query.start_index;
    model_.items_per_page = in.query.max_results;
  }

  Result<FeedOutcome> PostsFeed(std::string_view projection, std::vector<std::string> labels) {
    SetProjection("/feeds/posts/", projection);
    for (const std::string& label : labels) base_path_ += "/-/" + text::PercentEncode(label);
    return Posts(std::move(labels), std::nullopt);
  }

  Result<FeedOutcome> PostFeed(std::string_view projection, int64_t post_id) {
    SetProjection("/feeds/posts/", projection);
    return Posts({}, post_id);
  }

  Result<FeedOutcome> BlogComments(std::string_view projection) {
    model_.kind = feeds::FeedKind::kBlogComments;
    SetProjection("/feeds/comments/", projection);
    return Comments(std::nullopt);
  }

  // A post's comments, or only `comment_id` of them.
  Result<FeedOutcome> PostComments(std::string_view projection, int64_t post_id,
                                   std::optional<int64_t> comment_id) {
    auto post = PublishedPost(post_id);
    if (!post.ok()) return post.status();
    if (!*post) return NotFound("no post with id " + std::to_string(post_id));
    model_.kind = feeds::FeedKind::kPostComments;
    SetProjection("/feeds/" + std::to_string(post_id) + "/comments/", projection);
    model_.parent_post = std::move(**post);
    if (comment_id) return OneComment(*comment_id);
    return Comments(post_id);
  }

  Result<FeedOutcome> Atom() { return Posts({}, std::nullopt); }

  Result<FeedOutcome> Rss() {
    if (query_.format == FeedFormat::kAtom) query_.format = FeedFormat::kRss;
    return Posts({}, std::nullopt);
  }

  // /feed.json: its next page is /feed.json too, with no alt (alt does not apply here).
  Result<FeedOutcome> JsonFeed() {
    json_feed_ = true;
    base_path_ = "/feed.json";
    query_.format = FeedFormat::kAtom;
    return Posts({}, std::nullopt);
  }

  FeedOutcome Robots() {
    return FeedOutcome{200, "text/plain; charset=utf-8", feeds::RenderRobotsTxt(model_.base_url)};
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

 private:
  // A summary for "summary"; links to other pages under `prefix` + `projection`.
  void SetProjection(std::string_view prefix, std::string_view projection) {
    model_.summary = projection == "summary";
    base_path_ = std::string(prefix) + std::string(projection);
  }

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

  // A feed of that one published comment of the parent post.
  Result<FeedOutcome> OneComment(int64_t id) {
    const std::string missing = "no comment with id " + std::to_string(id);
    auto comment = store_.GetComment(entry_.blog.id, id);
    if (!comment.ok()) {
      if (comment.status().IsNotFound()) return NotFound(missing);
      return comment.status();
    }
    if (comment->post_id != model_.parent_post->id ||
        comment->status != CommentStatus::kPublished ||
        model_.parent_post->comments_mode == CommentsMode::kHidden) {
      return NotFound(missing);
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
    model_.comments.push_back({std::move(comment), post->path, post->feed_id});
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

Result<FeedOutcome> PostsFeed(const FeedInputs& in, std::string_view projection,
                              std::vector<std::string> labels) {
  return FeedBuilder(in).PostsFeed(projection, std::move(labels));
}

Result<FeedOutcome> PostFeed(const FeedInputs& in, std::string_view projection, int64_t post_id) {
  return FeedBuilder(in).PostFeed(projection, post_id);
}

Result<FeedOutcome> BlogCommentsFeed(const FeedInputs& in, std::string_view projection) {
  return FeedBuilder(in).BlogComments(projection);
}

Result<FeedOutcome> PostCommentsFeed(const FeedInputs& in, std::string_view projection,
                                     int64_t post_id) {
  return FeedBuilder(in).PostComments(projection, post_id, std::nullopt);
}

Result<FeedOutcome> CommentFeed(const FeedInputs& in, std::string_view projection, int64_t post_id,
                                int64_t comment_id) {
  return FeedBuilder(in).PostComments(projection, post_id, comment_id);
}

Result<FeedOutcome> AtomFeed(const FeedInputs& in) { return FeedBuilder(in).Atom(); }

Result<FeedOutcome> RssFeed(const FeedInputs& in) { return FeedBuilder(in).Rss(); }

Result<FeedOutcome> JsonFeed(const FeedInputs& in) { return FeedBuilder(in).JsonFeed(); }

Result<FeedOutcome> Sitemap(const FeedInputs& in) { return FeedBuilder(in).Sitemap(); }

Result<FeedOutcome> RobotsTxt(const FeedInputs& in) { return FeedBuilder(in).Robots(); }

Result<FeedOutcome> NoFeed(const FeedInputs&) { return NotFound("no feed at this address"); }

}  // namespace samizdat::web
