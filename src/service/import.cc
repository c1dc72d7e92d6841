// ImportService: two reads of an export (check and count, then store), one bulk
// transaction, and the decisions in between: which blog, which ids, which paths.
#include "service/import.h"

#include <unistd.h>

#include <boost/url/parse.hpp>
#include <chrono>
#include <filesystem>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/strings.h"
#include "service/blogs.h"
#include "service/posts.h"
#include "text/html_text.h"
#include "text/sanitize.h"
#include "text/slug.h"
#include "transfer/readers.h"

namespace samizdat::service {
namespace {

using transfer::ExportFormat;
using transfer::SourceBlog;
using transfer::SourceComment;
using transfer::SourceLocation;
using transfer::SourcePost;

// Skipped items listed one by one before the summary only counts them.
constexpr std::size_t kSkippedListed = 20;

std::string FormatName(ExportFormat format) {
  switch (format) {
    case ExportFormat::kBloggerClassic: return "Blogger export";
    case ExportFormat::kBloggerTakeout: return "Blogger Takeout";
    case ExportFormat::kWxr: return "WordPress WXR";
  }
  return "export";
}

std::string Where(const SourceLocation& where) {
  return where.file + ":" + std::to_string(where.line);
}

// A temporary directory removed when it goes out of scope (Takeout .zip members).
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("samizdat-import-" + std::to_string(getpid()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// FNV-1a over `parts`, folded to a positive 63-bit id: the same WordPress site and id
// give the same samizdat id on every machine and every run.
int64_t StableId(std::initializer_list<std::string_view> parts) {
  uint64_t hash = 14695981039346656037ULL;
  for (std::string_view part : parts) {
    for (unsigned char c : part) {
      hash ^= c;
      hash *= 1099511628211ULL;
    }
    hash ^= 0xff;  // a separator that no UTF-8 text holds
    hash *= 1099511628211ULL;
  }
  const auto id = static_cast<int64_t>(hash & 0x7fffffffffffffffULL);
  return id == 0 ? 1 : id;
}

// "/2011/02/a.html" from "https://x.blogspot.com/2011/02/a.html" or a path; the query
// is kept ("/?p=12"), the fragment dropped. "" when there is no usable path.
std::string PathOf(std::string_view permalink) {
  permalink = TrimBlank(permalink);
  if (permalink.empty()) return "";
  auto url = boost::urls::parse_uri_reference(permalink);
  if (!url) return "";
  std::string path(url->encoded_path());
  if (path.empty()) path = "/";
  if (path.front() != '/') return "";
  if (url->has_query()) path += "?" + std::string(url->encoded_query());
  return path;
}

// Blogger's scheme: /YYYY/MM/slug.html or /p/slug.html.
bool IsBloggerPath(std::string_view path) {
  auto digits = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (!path.ends_with(".html") || path.find('?') != std::string_view::npos) return false;
  if (path.starts_with("/p/")) return path.size() > 8;
  return path.size() > 14 && path[0] == '/' && digits(path.substr(1, 4)) && path[5] == '/' &&
         digits(path.substr(6, 2)) && path[8] == '/';
}

std::string HostOf(std::string_view url) {
  auto parsed = boost::urls::parse_uri(TrimBlank(url));
  if (!parsed) return "";
  return NormalizeHost(parsed->encoded_host());
}

// A body as it is stored: sanitized HTML and its text. Making it is most of an import's
// work, so the storing read makes bodies in batches on two threads.
struct Body {
  std::string html;
  std::string text;
};

Body MakeBody(std::string_view html, text::SanitizePolicy policy) {
  Body body;
  body.html = text::SanitizeHtml(html, policy);
  body.text = text::HtmlToText(body.html);
  return body;
}

// Everything the first read learns: the blog, the counts, which posts the file holds
// and which comments' posts are not there, what it skips.
struct Plan {
  ExportFormat format = ExportFormat::kBloggerClassic;
  SourceBlog source_blog;
  int64_t posts_total = 0;
  int64_t comments_total = 0;
  std::unordered_set<int64_t> post_ids;       // posts in the file
  std::unordered_set<int64_t> orphan_comments;  // comments whose post is nowhere
  std::vector<std::string> skipped;
};

// What the first read keeps of a comment: enough to find its post, not its text.
struct CommentRef {
  SourceLocation where;
  std::string original_id;
  std::string post_original_id;
};

// Whether the file's ids are kept as they are (Blogger's, or samizdat's own in a WXR it
// wrote), rather than derived from the site and the file's ids (WordPress's).
bool KeepsIds(const Plan& plan) {
  return plan.format != ExportFormat::kWxr || plan.source_blog.generator == "samizdat";
}

// WordPress files can hold two items with the same wp:post_id (hand-edited or merged
// exports); they are different posts. The second and later get "ID#2", "ID#3" as the
// original id, and a comment (nested in its item) goes to the latest item of its id.
// The same file gives the same keys on every read.
class PostKeys {
 public:
  explicit PostKeys(const Plan& plan) : plan_(plan) {}

  std::string ForPost(const std::string& original) {
    if (KeepsIds(plan_)) return original;
    const int seen = ++seen_[original];
    std::string key = seen == 1 ? original : original + "#" + std::to_string(seen);
    latest_[original] = key;
    return key;
  }
  std::string ForComment(const std::string& post_original) const {
    auto it = latest_.find(post_original);
    return it == latest_.end() ? post_original : it->second;
  }

 private:
  const Plan& plan_;
  std::unordered_map<std::string, int> seen_;
  std::unordered_map<std::string, std::string> latest_;
};

// Turns what the readers find into posts and comments of one blog. Used by both reads;
// the same input gives the same decisions.
class Converter {
 public:
  Converter(store::Store& store, const Blog& blog, const TimeZone& zone, const Plan& plan)
      : store_(store), blog_(blog), zone_(zone),
        keep_ids_(KeepsIds(plan)),
        site_(plan.source_blog.url) {}

  Result<int64_t> PostId(std::string_view original) const {
    if (keep_ids_) {
      auto id = ParseInteger<int64_t>(original);
      if (!id || *id <= 0) {
        return Status::InvalidArgument("the post id '" + std::string(original) +
                                       "' is not a number");
      }
      return *id;
    }
    return StableId({site_, "post", original});
  }

  Result<int64_t> CommentId(std::string_view original) const {
    if (keep_ids_) {
      auto id = ParseInteger<int64_t>(original);
      if (!id || *id <= 0) {
        return Status::InvalidArgument("the comment id '" + std::string(original) +
                                       "' is not a number");
      }
      return *id;
    }
    return StableId({site_, "comment", original});
  }

  // The post to store, and the redirects to it. Conflict when its path belongs to
  // another post of the blog (in the store or earlier in the file).
  struct Converted {
    Post post;
    std::vector<std::string> redirects_from;
  };
  Result<Converted> ConvertPost(const SourcePost& in, Body body) {
    Converted out;
    Post& post = out.post;
    auto id = PostId(in.original_id);
    if (!id.ok()) return Status::InvalidArgument(Where(in.where) + ": " + id.status().message());
    post.id = *id;
    post.blog_id = blog_.id;
    post.kind = in.kind;
    post.status = in.status;
    post.title = text::ToValidUtf8(in.title);
    post.source = text::ToValidUtf8(in.content_html);
    post.format = BodyFormat::kHtml;
    post.body_html = std::move(body.html);
    post.body_text = std::move(body.text);
    post.author = in.author.empty() ? "Anonymous" : text::ToValidUtf8(in.author);
    for (const std::string& label : in.labels) {
      std::string name(TrimBlank(text::ToValidUtf8(label)));
      if (!name.empty() && std::find(post.labels.begin(), post.labels.end(), name) == post.labels.end()) {
        post.labels.push_back(std::move(name));
      }
    }
    const Time now = Now();
    post.published = in.published.value_or(in.updated.value_or(now));
    post.updated = in.updated.value_or(post.published);
    post.comments_mode = in.comments_mode;

    std::string path = PathOf(in.permalink);
    if (!path.empty() && !IsBloggerPath(path)) {
      out.redirects_from.push_back(path);
      path.clear();
    }
    for (const std::string& old : in.old_paths) {
      std::string old_path = PathOf(old);
      if (!old_path.empty() && old_path != path) out.redirects_from.push_back(old_path);
    }
    if (path.empty() && (post.status != PostStatus::kDraft || !out.redirects_from.empty())) {
      auto fresh = FreePath(post, in.slug);
      if (!fresh.ok()) return fresh.status();
      path = std::move(*fresh);
    }
    if (!path.empty()) {
      auto owner = store_.GetPostByPath(blog_.id, path);
      if (owner.ok() && owner->id != post.id) {
        return Status::Conflict(Where(in.where) + ": the path " + path + " of '" + post.title +
                                "' belongs to another post of " + blog_.host + " (" +
                                std::to_string(owner->id) + ")");
      }
      if (!owner.ok() && !owner.status().IsNotFound()) return owner.status();
      auto [it, fresh] = paths_.emplace(path, post.id);
      if (!fresh && it->second != post.id) {
        return Status::Conflict(Where(in.where) + ": two posts of the file have the path " +
                                path);
      }
    }
    post.path = std::move(path);
    return out;
  }

  Result<Comment> ConvertComment(const SourceComment& in, Body body) const {
    Comment comment;
    auto id = CommentId(in.original_id);
    if (!id.ok()) return Status::InvalidArgument(Where(in.where) + ": " + id.status().message());
    comment.id = *id;
    auto post_id = PostId(in.post_original_id);
    if (!post_id.ok()) {
      return Status::InvalidArgument(Where(in.where) + ": " + post_id.status().message());
    }
    comment.post_id = *post_id;
    if (!TrimBlank(in.parent_original_id).empty()) {
      auto parent = CommentId(in.parent_original_id);
      if (!parent.ok()) {
        return Status::InvalidArgument(Where(in.where) + ": " + parent.status().message());
      }
      comment.parent_id = *parent;
    }
    comment.blog_id = blog_.id;
    comment.status = in.status;
    comment.author_name = std::string(TrimBlank(text::ToValidUtf8(in.author_name)));
    if (comment.author_name.empty()) comment.author_name = "Anonymous";
    const std::string url(TrimBlank(in.author_url));
    if (url.starts_with("http://") || url.starts_with("https://")) {
      comment.author_url = text::ToValidUtf8(url);
    }
    comment.body_html = std::move(body.html);
    comment.body_text = std::move(body.text);
    comment.published = in.published.value_or(Now());
    return comment;
  }

 private:
  // A path in Blogger's scheme for a post whose file gave none that fits it, by the
  // rules PostService uses: the title's slug (or the file's slug), _DD on a clash.
  Result<std::string> FreePath(const Post& post, std::string_view file_slug) {
    std::string slug = text::BloggerSlug(post.title);
    if (slug.empty()) slug = text::BloggerSlug(std::string(file_slug));
    if (slug.empty()) slug = "post";
    return BloggerPath(post.kind, zone_.ToLocal(post.published), slug,
                       [&](const std::string& path) -> Result<bool> {
                         if (auto planned = paths_.find(path); planned != paths_.end()) {
                           return planned->second != post.id;
                         }
                         auto owner = store_.GetPostByPath(blog_.id, path);
                         if (owner.ok()) return owner->id != post.id;
                         if (owner.status().IsNotFound()) return false;
                         return owner.status();
                       });
  }

  store::Store& store_;
  const Blog& blog_;
  const TimeZone& zone_;
  const bool keep_ids_;
  const std::string site_;
  std::unordered_map<std::string, int64_t> paths_;  // planned path -> post id
};

// The first read: checks the whole file and counts it; no decision needs the store.
class PlanningSink final : public transfer::ImportSink {
 public:
  explicit PlanningSink(Plan& plan) : plan_(plan), keys_(plan) {}

  Status OnBlog(const SourceBlog& blog) override {
    SourceBlog& known = plan_.source_blog;
    if (!blog.original_id.empty()) known.original_id = blog.original_id;
    if (!blog.title.empty()) known.title = blog.title;
    if (!blog.description.empty()) known.description = blog.description;
    if (!blog.url.empty()) known.url = blog.url;
    if (!blog.time_zone.empty()) known.time_zone = blog.time_zone;
    if (!blog.generator.empty()) known.generator = blog.generator;
    return Status::Ok();
  }
  Status OnPost(SourcePost post) override {
    ++plan_.posts_total;
    posts_.push_back(keys_.ForPost(post.original_id));
    return Status::Ok();
  }
  Status OnComment(SourceComment comment) override {
    // A Takeout lists a blog's comments in its posts feed and again in its comments
    // feed: each is counted once.
    if (!seen_comments_.insert(comment.original_id).second) return Status::Ok();
    ++plan_.comments_total;
    comments_.push_back({std::move(comment.where), std::move(comment.original_id),
                         keys_.ForComment(comment.post_original_id)});
    return Status::Ok();
  }
  void OnSkipped(const SourceLocation& where, std::string what) override {
    plan_.skipped.push_back(what + (where.file.empty() ? "" : " (" + Where(where) + ")"));
  }

  // Once the blog is known: the post ids of the file, and the comments whose post is
  // neither in the file nor stored (they are skipped, and said so).
  Status Resolve(store::Store& store, int64_t blog_id, const Converter& converter) {
    for (const std::string& original : posts_) {
      auto id = converter.PostId(original);
      if (!id.ok()) return id.status();
      plan_.post_ids.insert(*id);
    }
    std::size_t listed = 0;
    for (const CommentRef& comment : comments_) {
      auto id = converter.CommentId(comment.original_id);
      if (!id.ok()) return Status::InvalidArgument(Where(comment.where) + ": " + id.status().message());
      auto post = converter.PostId(comment.post_original_id);
      if (!post.ok()) return Status::InvalidArgument(Where(comment.where) + ": " + post.status().message());
      if (plan_.post_ids.contains(*post)) continue;
      if (blog_id != 0) {
        auto stored = store.GetPost(blog_id, *post);
        if (stored.ok()) continue;
        if (!stored.status().IsNotFound()) return stored.status();
      }
      plan_.orphan_comments.insert(*id);
      if (listed++ < kSkippedListed) {
        plan_.skipped.push_back("comment " + comment.original_id + " (" + Where(comment.where) +
                                "): its post " + comment.post_original_id +
                                " is not in the file");
      }
    }
    if (listed > kSkippedListed) {
      plan_.skipped.push_back("and " + std::to_string(listed - kSkippedListed) +
                              " more comments whose post is not in the file");
    }
    comments_.clear();
    comments_.shrink_to_fit();
    return Status::Ok();
  }

 private:
  Plan& plan_;
  PostKeys keys_;
  std::unordered_set<std::string> seen_comments_;
  // Original ids only, not bodies: the first read keeps memory small.
  std::vector<std::string> posts_;
  std::vector<CommentRef> comments_;
};

// The second read: converts and stores, skipping what is stored already.
class StoringSink final : public transfer::ImportSink {
 public:
  StoringSink(store::BulkWriter& writer, Converter& converter, const Plan& plan,
              ImportSummary& summary, const ImportOptions& options)
      : writer_(writer), converter_(converter), plan_(plan), keys_(plan), summary_(summary),
        options_(options) {}

  Status OnBlog(const SourceBlog&) override { return Status::Ok(); }

  Status OnPost(SourcePost in) override {
    in.original_id = keys_.ForPost(in.original_id);
    pending_.push_back({std::move(in), {}, {}});
    return pending_.size() >= kBatch ? Flush() : Status::Ok();
  }

  Status OnComment(SourceComment in) override {
    in.post_original_id = keys_.ForComment(in.post_original_id);
    pending_.push_back({{}, std::move(in), {}, true});
    return pending_.size() >= kBatch ? Flush() : Status::Ok();
  }

  // Stores what is still waiting in the batch. Call once the read is done.
  Status Flush() {
    MakeBodies();
    for (Pending& item : pending_) {
      SAMIZDAT_RETURN_IF_ERROR(item.is_comment ? Store(item.comment, std::move(item.body))
                                               : Store(item.post, std::move(item.body)));
    }
    pending_.clear();
    Report();
    return Status::Ok();
  }
  void OnSkipped(const SourceLocation&, std::string) override {}  // said by the first read

  void Report(bool force = false) {
    if (!options_.progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - last_report_ < std::chrono::milliseconds(100)) return;
    last_report_ = now;
    progress_.posts_total = plan_.posts_total;
    progress_.comments_total = plan_.comments_total;
    options_.progress(progress_);
  }

 private:
  // Items stored per batch: enough to keep two threads busy, few enough to keep memory
  // small whatever the file's size.
  static constexpr std::size_t kBatch = 512;

  struct Pending {
    SourcePost post;
    SourceComment comment;
    Body body;
    bool is_comment = false;
  };

  // Sanitizes the batch's bodies, half of them on a second thread.
  void MakeBodies() {
    auto make = [this](std::size_t from, std::size_t to) {
      for (std::size_t i = from; i < to; ++i) {
        Pending& item = pending_[i];
        item.body = item.is_comment
                        ? MakeBody(item.comment.content_html, text::SanitizePolicy::kComment)
                        : MakeBody(item.post.content_html, text::SanitizePolicy::kPostBody);
      }
    };
    const std::size_t half = pending_.size() / 2;
    std::thread helper(make, 0, half);
    make(half, pending_.size());
    helper.join();
  }

  Status Store(const SourcePost& in, Body body) {
    ++progress_.posts_done;
    auto converted = converter_.ConvertPost(in, std::move(body));
    if (!converted.ok()) return converted.status();
    const Post& post = converted->post;
    auto there = writer_.HasPost(post.id);
    if (!there.ok()) return there.status();
    if (*there) {
      ++summary_.posts_already_there;
      return Status::Ok();
    }
    SAMIZDAT_RETURN_IF_ERROR(writer_.AddPost(post));
    ++summary_.posts;
    if (post.kind == PostKind::kPage) ++summary_.pages;
    if (post.status == PostStatus::kDraft) ++summary_.drafts;
    for (const std::string& from : converted->redirects_from) {
      SAMIZDAT_RETURN_IF_ERROR(writer_.AddRedirect(post.blog_id, from, post.path));
      ++summary_.redirects;
    }
    return Status::Ok();
  }

  Status Store(const SourceComment& in, Body body) {
    if (progress_.comments_done < plan_.comments_total) ++progress_.comments_done;
    auto comment = converter_.ConvertComment(in, std::move(body));
    if (!comment.ok()) return comment.status();
    if (plan_.orphan_comments.contains(comment->id)) return Status::Ok();
    if (!seen_comments_.insert(comment->id).second) return Status::Ok();  // listed twice
    auto there = writer_.HasComment(comment->id);
    if (!there.ok()) return there.status();
    if (*there) {
      ++summary_.comments_already_there;
      return Status::Ok();
    }
    SAMIZDAT_RETURN_IF_ERROR(writer_.AddComment(*comment));
    ++summary_.comments;
    return Status::Ok();
  }

  store::BulkWriter& writer_;
  Converter& converter_;
  const Plan& plan_;
  PostKeys keys_;
  ImportSummary& summary_;
  const ImportOptions& options_;
  ImportProgress progress_;
  std::chrono::steady_clock::time_point last_report_{};
  std::unordered_set<int64_t> seen_comments_;
  std::vector<Pending> pending_;
};

// Stands in for the store's bulk writer in a dry run: remembers what would be added, so
// that the same decisions are made, and writes nothing.
class DryRunWriter final : public store::BulkWriter {
 public:
  DryRunWriter(store::Store& store, int64_t blog_id) : store_(store), blog_id_(blog_id) {}

  Result<bool> HasPost(int64_t post_id) override {
    if (posts_.contains(post_id)) return true;
    return Stored(store_.GetPost(blog_id_, post_id));
  }
  Result<bool> HasComment(int64_t comment_id) override {
    if (comments_.contains(comment_id)) return true;
    return Stored(store_.GetComment(blog_id_, comment_id));
  }
  Status AddPost(const Post& post) override {
    posts_.insert(post.id);
    return Status::Ok();
  }
  Status AddComment(const Comment& comment) override {
    comments_.insert(comment.id);
    return Status::Ok();
  }
  Status AddRedirect(int64_t, std::string_view, std::string_view) override { return Status::Ok(); }
  Status Commit(std::vector<int64_t>*) override { return Status::Ok(); }

 private:
  template <typename T>
  static Result<bool> Stored(const Result<T>& found) {
    if (found.ok()) return true;
    if (found.status().IsNotFound()) return false;
    return found.status();
  }

  store::Store& store_;
  const int64_t blog_id_;  // 0: a blog not created yet, which holds nothing
  std::unordered_set<int64_t> posts_;
  std::unordered_set<int64_t> comments_;
};

// Reads every file of the export into `sink`.
Status ReadAll(const transfer::ExportFiles& files, transfer::ImportSink& sink) {
  for (const std::string& file : files.files) {
    SAMIZDAT_RETURN_IF_ERROR(files.format == ExportFormat::kWxr
                                 ? transfer::ReadWxr(file, sink)
                                 : transfer::ReadBloggerAtom(file, sink));
  }
  return Status::Ok();
}

// The blog the import goes into: found, or (not stored yet) the one to create.
Result<Blog> ChooseBlog(store::Store& store, const ImportOptions& options,
                        const SourceBlog& source, bool& exists) {
  auto blogs = store.ListBlogs();
  if (!blogs.ok()) return blogs.status();
  std::string host = NormalizeHost(options.blog_host);
  if (host.empty()) host = HostOf(source.url);
  if (host.empty()) {
    if (blogs->size() == 1) {
      exists = true;
      return blogs->front();
    }
    return Status::InvalidArgument(
        "the file does not say the blog's address: choose the blog with --blog HOST");
  }
  for (const Blog& blog : *blogs) {
    if (blog.host == host) {
      exists = true;
      return blog;
    }
  }
  exists = false;
  Blog blog;
  blog.host = host;
  blog.title = source.title.empty() ? host : text::ToValidUtf8(source.title);
  blog.description = text::HtmlToText(source.description);
  if (!source.time_zone.empty() && TimeZone::Find(source.time_zone).ok()) {
    blog.time_zone = source.time_zone;
  }
  // Blogger's blog id is kept, so feed entry ids stay the same; unless another blog
  // here has it.
  if (auto id = ParseInteger<int64_t>(source.original_id); id && *id > 0) {
    bool taken = false;
    for (const Blog& other : *blogs) taken = taken || other.id == *id;
    if (!taken) blog.id = *id;
  }
  return blog;
}

}  // namespace

Result<ImportSummary> ImportService::Import(const std::string& path,
                                            const ImportOptions& options) {
  ScratchDir scratch;
  auto files = transfer::LocateExport(path, scratch.path());
  if (!files.ok()) return files.status();

  // First read: the whole file checked and counted, nothing written.
  Plan plan;
  plan.format = files->format;
  PlanningSink planning(plan);
  SAMIZDAT_RETURN_IF_ERROR(ReadAll(*files, planning));
  bool exists = false;
  auto blog = ChooseBlog(store_, options, plan.source_blog, exists);
  if (!blog.ok()) return blog.status();
  auto zone = TimeZone::Find(blog->time_zone);
  if (!zone.ok()) return zone.status();
  {
    Converter ids(store_, *blog, *zone, plan);
    SAMIZDAT_RETURN_IF_ERROR(planning.Resolve(store_, exists ? blog->id : 0, ids));
  }

  ImportSummary summary;
  summary.format = FormatName(files->format);
  summary.blog_created = !exists;
  summary.skipped = plan.skipped;
  if (options.dry_run) {
    // What would be stored: the second read's decisions, against a writer that writes
    // nothing.
    summary.blog = *blog;
    DryRunWriter dry(store_, exists ? blog->id : 0);
    Converter converter(store_, *blog, *zone, plan);
    StoringSink would_store(dry, converter, plan, summary, options);
    SAMIZDAT_RETURN_IF_ERROR(ReadAll(*files, would_store));
    SAMIZDAT_RETURN_IF_ERROR(would_store.Flush());
    return summary;
  }

  if (!exists) {
    auto created = store_.CreateBlog(*blog);
    if (!created.ok()) return created.status();
    *blog = std::move(*created);
  }
  summary.blog = *blog;
  auto writer = store_.BeginBulk();
  if (!writer.ok()) return writer.status();
  Converter converter(store_, *blog, *zone, plan);
  StoringSink storing(**writer, converter, plan, summary, options);
  SAMIZDAT_RETURN_IF_ERROR(ReadAll(*files, storing));
  SAMIZDAT_RETURN_IF_ERROR(storing.Flush());
  storing.Report(true);
  std::vector<int64_t> orphans;
  SAMIZDAT_RETURN_IF_ERROR((*writer)->Commit(&orphans));
  summary.comments -= static_cast<int>(orphans.size());
  return summary;
}

}  // namespace samizdat::service
