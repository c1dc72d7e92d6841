// Store: the only way code reaches stored data. One interface, one backend per database
// (store/sqlite/ now, PostgreSQL later); only src/app/ names a backend.
//
// Thread safety: a Store is safe for concurrent use from many threads without external
// locking. Reads never wait for a writer (SQLite: WAL snapshots, one connection per
// reading thread); writes are serialized inside the store.
//
// Errors: NotFound when the thing asked for does not exist (and nothing changed);
// Conflict when a write clashes with stored data (a taken host, path or id; nothing
// changed); InvalidArgument for values the store cannot hold; Internal for I/O and SQL
// failures. Every write is one transaction: it happens whole or not at all, and once it
// returns OK it survives a crash.
//
// Generations: every write that changes what a blog shows (its settings, a post, a page)
// increments that blog's `generation` and sets its `updated` time in the same
// transaction, so caches can tell which blogs to drop.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace samizdat::store {

// Which posts ListPosts/CountPosts select, and in what order: newest first by
// (published, id) or by (updated, id) as `order` says, or oldest first when
// `oldest_first`. Every filter set must hold (they are ANDed).
struct PostQuery {
  enum class Order { kPublished, kUpdated };

  int64_t blog_id = 0;
  PostKind kind = PostKind::kPost;
  std::optional<PostStatus> status = PostStatus::kPublished;  // nullopt: any status
  // Posts carrying every one of these labels (Blogger's /-/A/B); exact names; empty: any.
  std::vector<std::string> labels;
  std::optional<Time> published_before;      // published <  this
  std::optional<Time> published_after;       // published >  this
  std::optional<Time> published_from;        // published >= this
  std::optional<Time> updated_from;          // updated >= this
  std::optional<Time> updated_before;        // updated <  this
  Order order = Order::kPublished;
  bool oldest_first = false;
  int limit = 25;                            // ignored by CountPosts
  int offset = 0;                            // ignored by CountPosts
};

// Title and path of a post: enough to link to it.
struct PostLink {
  int64_t id = 0;
  std::string title;
  std::string path;
};

// The published posts just newer and just older than one post (item-page pager).
struct Neighbours {
  std::optional<PostLink> newer;
  std::optional<PostLink> older;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- blogs -------------------------------------------------------------------------
  // Stores a new blog. Assigns an id when blog.id == 0. Conflict if the host or id is
  // taken. Returns the blog as stored (id, created, updated, generation set).
  virtual Result<Blog> CreateBlog(const Blog& blog) = 0;
  // Replaces the blog's settings (by id). NotFound, or Conflict if the new host is taken.
  virtual Status UpdateBlog(const Blog& blog) = 0;
  virtual Result<Blog> GetBlog(int64_t blog_id) = 0;
  // All blogs, oldest first.
  virtual Result<std::vector<Blog>> ListBlogs() = 0;

  // --- posts and pages -----------------------------------------------------------------
  // Stores a new post or page. Assigns a random positive 63-bit id when post.id == 0.
  // Conflict if the id is taken or a non-empty path is taken in the blog.
  virtual Result<Post> CreatePost(const Post& post) = 0;
  // Replaces a post (by blog_id and id). NotFound; Conflict if the new path is taken.
  virtual Status UpdatePost(const Post& post) = 0;
  // Removes a post and its labels. NotFound if it does not exist.
  virtual Status DeletePost(int64_t blog_id, int64_t post_id) = 0;
  virtual Result<Post> GetPost(int64_t blog_id, int64_t post_id) = 0;
  // The post or page at `path` ("/2022/01/x.html", "/p/x.html"), whatever its status.
  virtual Result<Post> GetPostByPath(int64_t blog_id, std::string_view path) = 0;
  virtual Result<bool> PathExists(int64_t blog_id, std::string_view path) = 0;
  virtual Result<std::vector<Post>> ListPosts(const PostQuery& query) = 0;
  virtual Result<int> CountPosts(const PostQuery& query) = 0;
  // Published neighbours of the same kind, by (published, id).
  virtual Result<Neighbours> GetNeighbours(const Post& post) = 0;
  // The published time of every published post (not pages) of the blog, newest first:
  // the archive widget buckets them by the blog's zone.
  virtual Result<std::vector<Time>> ListPublishedTimes(int64_t blog_id) = 0;
  // Labels of published posts with their post counts, sorted by name (case-insensitive).
  virtual Result<std::vector<LabelCount>> LabelCounts(int64_t blog_id) = 0;
  // Full-text search over the titles and texts of published posts, best match first.
  // `query` is what a reader typed: its words are matched as terms (all of them must
  // occur; a trailing '*' is not special), so no input is a syntax error.
  virtual Result<std::vector<SearchHit>> Search(int64_t blog_id, std::string_view query,
                                                int limit, int offset) = 0;
  virtual Result<int> CountSearch(int64_t blog_id, std::string_view query) = 0;

  // --- users -------------------------------------------------------------------------
  // Conflict if the email is taken. Assigns the id.
  virtual Result<User> CreateUser(const User& user) = 0;
  virtual Result<int> CountUsers() = 0;

  // --- change tracking -----------------------------------------------------------------
  // A number that changes whenever stored data may have changed, through this Store or
  // another process writing the same database. Costs no query: safe to call on every
  // request. When it changes, re-read ListBlogs() and compare generations.
  virtual uint64_t ChangeStamp() = 0;
};

}  // namespace samizdat::store
