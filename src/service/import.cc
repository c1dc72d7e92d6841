// ImportService: one read of an export (two for WordPress and dry runs: check and count,
// then store), one bulk transaction (a new blog included, so a failed import leaves none
// behind), and the decisions in between: which blog, which ids, which paths.
#include "service/import.h"

#include <unistd.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <thread>
#include <unordered_set>

#include "blogger/theme.h"
#include "core/strings.h"
#include "service/blogs.h"
#include "service/import_convert.h"
#include "service/import_pipeline.h"
#include "store/id_source.h"
#include "text/html_text.h"
#include "text/sanitize.h"
#include "text/utf8.h"
#include "transfer/readers.h"

namespace samizdat::service {
namespace {

using importing::Body;
using importing::Converter;
using importing::Item;
using importing::Plan;
using importing::PostKeys;
using importing::Where;
using transfer::ExportFormat;
using transfer::SourceBlog;
using transfer::SourceComment;
using transfer::SourceLocation;
using transfer::SourcePost;
using transfer::SourceRedirect;
using transfer::SourceTheme;

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

std::string HostOf(std::string_view url) {
  auto parsed = boost::urls::parse_uri(TrimBlank(url));
  if (!parsed) return "";
  return NormalizeHost(parsed->encoded_host());
}

// Adds what a reader says of the blog to what is known of it (readers say it in parts).
void MergeBlog(SourceBlog& known, const SourceBlog& blog) {
  if (!blog.original_id.empty()) known.original_id = blog.original_id;
  if (!blog.title.empty()) known.title = blog.title;
  if (!blog.description.empty()) known.description = blog.description;
  if (!blog.url.empty()) known.url = blog.url;
  if (!blog.time_zone.empty()) known.time_zone = blog.time_zone;
  if (!blog.generator.empty()) known.generator = blog.generator;
  if (blog.settings) known.settings = blog.settings;
}

// What the file holds that is not imported, and where, for the summary.
std::string SkippedMessage(const SourceLocation& where, const std::string& what) {
  return what + (where.file.empty() ? "" : " (" + Where(where) + ")");
}

// The comment of `where` whose post `post_original_id` is in neither the file nor the blog.
std::string OrphanMessage(const SourceLocation& where, const std::string& original_id,
                          const std::string& post_original_id) {
  return "comment " + original_id + " (" + Where(where) + "): its post " + post_original_id +
         " is not in the file";
}

std::string MoreOrphansMessage(std::size_t more) {
  return "and " + std::to_string(more) + " more comments whose post is not in the file";
}

// What the first read keeps of a comment: enough to find its post, not its text.
struct CommentRef {
  SourceLocation where;
  std::string original_id;
  std::string post_original_id;
};

// The first read: checks the whole file and counts it; no decision needs the store.
class PlanningSink final : public transfer::ImportSink {
 public:
  explicit PlanningSink(Plan& plan) : plan_(plan), keys_(plan) {}

  Status OnBlog(const SourceBlog& blog) override {
    MergeBlog(plan_.source_blog, blog);
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
  Status OnRedirect(SourceRedirect) override { return Status::Ok(); }
  Status OnTheme(SourceTheme theme) override {
    plan_.theme = std::move(theme);
    return Status::Ok();
  }
  void OnSkipped(const SourceLocation& where, std::string what) override {
    plan_.skipped.push_back(SkippedMessage(where, what));
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
      if (!id.ok())
        return Status::InvalidArgument(Where(comment.where) + ": " + id.status().message());
      auto post = converter.PostId(comment.post_original_id);
      if (!post.ok())
        return Status::InvalidArgument(Where(comment.where) + ": " + post.status().message());
      if (plan_.post_ids.contains(*post)) continue;
      if (blog_id != 0) {
        auto stored = store.GetPost(blog_id, *post);
        if (stored.ok()) continue;
        if (!stored.status().IsNotFound()) return stored.status();
      }
      plan_.orphan_comments.insert(*id);
      if (listed++ < kSkippedListed) {
        plan_.skipped.push_back(
            OrphanMessage(comment.where, comment.original_id, comment.post_original_id));
      }
    }
    if (listed > kSkippedListed)
      plan_.skipped.push_back(MoreOrphansMessage(listed - kSkippedListed));
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

// The storing end of the pipeline: converts and stores the posts, comments and redirects
// it hands over, in file order, skipping what is stored already.
class Storer {
 public:
  Storer(store::ImportBatch& writer, Converter& converter, const Plan& plan, ImportSummary& summary,
         const ImportOptions& options)
      : writer_(writer),
        converter_(converter),
        plan_(plan),
        keys_(plan),
        summary_(summary),
        options_(options) {}

  // The second read's: stores a chunk (what the first read had is ignored) and reports.
  Status Store(std::vector<Item>& items, std::size_t bytes_read) {
    for (Item& item : items) SAMIZDAT_RETURN_IF_ERROR(Store(item));
    Report(bytes_read);
    return Status::Ok();
  }

  // Stores one post, comment or redirect; ignores the rest.
  Status Store(Item& item) {
    switch (item.kind) {
      case Item::Kind::kPost:
        item.post.original_id = keys_.ForPost(item.post.original_id);
        return Store(item.post, std::move(item.body));
      case Item::Kind::kComment:
        item.comment.post_original_id = keys_.ForComment(item.comment.post_original_id);
        return Store(item.comment, std::move(item.body));
      case Item::Kind::kRedirect:
        SAMIZDAT_RETURN_IF_ERROR(
            writer_.AddRedirect(converter_.blog_id(), item.redirect.old_path, item.redirect.to));
        ++summary_.redirects;
        return Status::Ok();
      case Item::Kind::kBlog:
      case Item::Kind::kTheme:
      case Item::Kind::kSkipped: return Status::Ok();
    }
    return Status::Ok();
  }

  // Without a first read, the totals are estimated from the share of the export read:
  // `bytes_total` is its size.
  void EstimateTotals(std::size_t bytes_total) { bytes_total_ = bytes_total; }

  // Calls options.progress, at most ~10 times a second unless `force`d. `bytes_read`:
  // how much of the export the items stored so far came from.
  void Report(std::size_t bytes_read, bool force = false) {
    if (!options_.progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - last_report_ < std::chrono::milliseconds(100)) return;
    last_report_ = now;
    if (bytes_total_ == 0) {
      progress_.posts_total = plan_.posts_total;
      progress_.comments_total = plan_.comments_total;
    } else {
      const double share =
          force ? 1.0 : static_cast<double>(std::max<std::size_t>(bytes_read, 1)) / bytes_total_;
      const auto estimate = [share](int64_t done) {
        return std::max(done, static_cast<int64_t>(static_cast<double>(done) / share + 0.5));
      };
      progress_.posts_total = estimate(progress_.posts_done);
      progress_.comments_total = estimate(progress_.comments_done);
    }
    options_.progress(progress_);
  }

 private:
  Status Store(const SourcePost& in, Body body) {
    ++progress_.posts_done;
    const text::SanitizeReport removed = std::move(body.removed);
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
    if (!removed.empty()) {
      summary_.removed.Merge(removed);
      ++summary_.posts_with_removals;
      if (summary_.removal_titles.size() < ImportSummary::kRemovalTitles) {
        summary_.removal_titles.push_back(post.title.empty() ? "(untitled)" : post.title);
      }
    }
    if (post.kind == PostKind::kPage) ++summary_.pages;
    if (post.status == PostStatus::kDraft) ++summary_.drafts;
    for (const std::string& from : converted->redirects_from) {
      SAMIZDAT_RETURN_IF_ERROR(writer_.AddRedirect(post.blog_id, from, post.path));
      ++summary_.redirects;
    }
    return Status::Ok();
  }

  Status Store(const SourceComment& in, Body body) {
    auto comment = converter_.ConvertComment(in, std::move(body));
    if (!comment.ok()) return comment.status();
    if (!seen_comments_.insert(comment->id).second) return Status::Ok();  // listed twice
    ++progress_.comments_done;
    if (plan_.orphan_comments.contains(comment->id)) return Status::Ok();
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

  store::ImportBatch& writer_;
  Converter& converter_;
  const Plan& plan_;
  PostKeys keys_;
  ImportSummary& summary_;
  const ImportOptions& options_;
  ImportProgress progress_;
  std::chrono::steady_clock::time_point last_report_{};
  std::size_t bytes_total_ = 0;  // estimating totals: the export's size
  std::unordered_set<int64_t> seen_comments_;
};

// Stands in for the store's import batch in a dry run: remembers what would be added, so
// that the same decisions are made, and writes nothing.
class DryRunWriter final : public store::ImportBatch {
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
  Status PutTheme(int64_t, std::string_view) override { return Status::Ok(); }
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

// Reads every file of the export into `sink`. `media`: a WordPress file's attachments,
// found by the first read and used by the second (transfer::ReadWxr).
Status ReadAll(const transfer::ExportFiles& files, transfer::ImportSink& sink,
               transfer::WxrMedia& media) {
  for (const std::string& file : files.files) {
    SAMIZDAT_RETURN_IF_ERROR(files.format == ExportFormat::kWxr
                                 ? transfer::ReadWxr(file, sink, &media)
                                 : transfer::ReadBloggerAtom(file, sink));
  }
  if (files.theme_file.empty()) return Status::Ok();
  std::ifstream in(files.theme_file, std::ios::binary);
  std::ostringstream xml;
  xml << in.rdbuf();
  if (!in || in.bad()) return Status::Internal("cannot read " + files.theme_file);
  return sink.OnTheme({{files.theme_file, 1, 1}, xml.str(), files.theme_file});
}

// The file's theme (a classic export's template entry, a Takeout's theme file) made the
// blog's, in the import's batch, when it compiles; when it does not, the import goes on,
// the blog keeps its theme, and the summary says why with the theme's FILE:LINE:COLUMN.
// `writer` may be a dry run's.
Status ImportTheme(const Plan& plan, store::ImportBatch& writer, int64_t blog_id,
                   std::vector<std::string>& skipped, ImportSummary& summary) {
  if (!plan.theme) return Status::Ok();
  const SourceTheme& theme = *plan.theme;
  auto compiled = blogger::Theme::Compile(theme.xml, theme.name);
  if (!compiled.ok()) {
    skipped.push_back("the blog's theme (" + Where(theme.where) + "), which samizdat cannot use: " +
                      compiled.status().message() + "; the blog keeps its theme");
    return Status::Ok();
  }
  SAMIZDAT_RETURN_IF_ERROR(writer.PutTheme(blog_id, theme.xml));
  summary.theme = true;
  return Status::Ok();
}

// The second read: the export read again, its bodies made on every core, and stored by
// `storer` on this thread in file order.
Status StoreAll(const transfer::ExportFiles& files, transfer::WxrMedia& media, Storer& storer) {
  return importing::RunPipeline(
      [&](transfer::ImportSink& sink) { return ReadAll(files, sink, media); },
      [&](std::vector<Item>& items, std::size_t bytes_read) {
        return storer.Store(items, bytes_read);
      },
      std::thread::hardware_concurrency());
}

// The host of the blog the import goes into: the one asked for, else the file's blog
// address's (as far as the file has told it); "" when neither says.
std::string ChosenHost(const ImportOptions& options, const SourceBlog& source) {
  std::string host = NormalizeHost(options.blog_host);
  return host.empty() ? HostOf(source.url) : host;
}

// The blog the import goes into: found, or (not stored yet) the one to create.
Result<Blog> ChooseBlog(store::Store& store, const ImportOptions& options, const SourceBlog& source,
                        bool& exists) {
  auto blogs = store.ListBlogs();
  if (!blogs.ok()) return blogs.status();
  const std::string host = ChosenHost(options, source);
  if (host.empty()) {
    if (blogs->size() == 1) {
      exists = true;
      return blogs->front();
    }
    return Status::InvalidArgument(
        "the file does not say the blog's address: choose the blog with --blog HOST");
  }
  for (Blog& blog : *blogs) {
    if (blog.host == host) {
      exists = true;
      // The file's old uploads are there: for the media import that follows, and
      // (stored once the import has) for a later one.
      if (blog.imported_from.empty()) blog.imported_from = TrimBlank(source.url);
      return std::move(blog);
    }
  }
  exists = false;
  Blog blog;
  blog.host = host;
  blog.title = source.title.empty() ? host : text::StripControlChars(source.title);
  blog.description = text::StripControlChars(text::HtmlToText(source.description));
  blog.imported_from = TrimBlank(source.url);  // its old files are fetched from there
  if (!source.time_zone.empty() && TimeZone::Find(source.time_zone).ok()) {
    blog.time_zone = source.time_zone;
  }
  if (source.settings) {
    // samizdat's own export: the blog as it was kept there (every setting, its creation
    // time), on the host the import chose; its id (decided below) is the file's
    // original_id, and its counters start anew.
    blog = *source.settings;
    blog.host = host;
  }
  // Blogger's blog id is kept, so feed entry ids stay the same; unless another blog
  // here has it. Otherwise a random one, as the store would draw.
  auto taken = [&](int64_t id) -> Result<bool> {
    return std::any_of(blogs->begin(), blogs->end(), [&](const Blog& b) { return b.id == id; });
  };
  if (auto id = ParseInteger<int64_t>(source.original_id); id && *id > 0 && !*taken(*id)) {
    blog.id = *id;
  } else {
    auto drawn = store::IdSource().DrawFree("blog", taken);
    if (!drawn.ok()) return drawn.status();
    blog.id = *drawn;
  }
  const Time now = Now();
  if (blog.created == Time{}) blog.created = now;  // else the exported blog's
  blog.updated = now;
  blog.generation = 1;
  return blog;
}

// An existing blog that did not know where it came from learns the file's address, so a
// later media import (samizdat import --media-only, the admin's) finds the old uploads.
Status RecordImportedFrom(store::Store& store, const Blog& chosen) {
  if (chosen.imported_from.empty()) return Status::Ok();
  auto stored = store.GetBlog(chosen.id);
  if (!stored.ok()) return stored.status();
  if (!stored->imported_from.empty()) return Status::Ok();
  stored->imported_from = chosen.imported_from;
  return store.UpdateBlog(*stored);
}

// The batch the import writes in; a new blog is its first row, so that it is stored
// with the rest or not at all.
Result<std::unique_ptr<store::ImportBatch>> BeginBatch(store::Store& store, const Blog& blog,
                                                       bool exists) {
  if (exists) return store.BeginImport();
  auto copy = store.BeginCopy();
  if (!copy.ok()) return copy.status();
  SAMIZDAT_RETURN_IF_ERROR((*copy)->AddBlog(blog));
  return std::unique_ptr<store::ImportBatch>(std::move(*copy));
}

// An import in one read (a Blogger file, not a dry run): what a first read would learn is
// learnt on the way. The blog is chosen from what the file says of it before its first
// post, the skipped items are listed as they come, the comments whose post is nowhere are
// those the batch's Commit takes out, and progress is estimated from the bytes read. A
// file that says more of its blog after its first post (Blogger re-reports the blog when
// settings come late), or names it only then, is not imported this way: Run says so,
// with nothing stored.
class OneRead {
 public:
  OneRead(store::Store& store, const ImportOptions& options, const transfer::ExportFiles& files,
          ImportSummary& summary)
      : store_(store), options_(options), files_(files), summary_(summary) {
    plan_.format = files.format;
  }

  // True once imported; false (nothing stored) when the file must be read twice.
  Result<bool> Run() {
    std::size_t bytes_total = 0;
    for (const std::string& file : files_.files) {
      std::error_code error;
      const auto size = std::filesystem::file_size(file, error);
      if (!error) bytes_total += size;
    }
    bytes_total_ = std::max<std::size_t>(bytes_total, 1);
    Status stored = importing::RunPipeline(
        [&](transfer::ImportSink& sink) { return ReadAll(files_, sink, plan_.media); },
        [&](std::vector<Item>& items, std::size_t bytes_read) { return Store(items, bytes_read); },
        std::thread::hardware_concurrency());
    if (read_twice_) return false;
    SAMIZDAT_RETURN_IF_ERROR(stored);
    if (!storer_) SAMIZDAT_RETURN_IF_ERROR(Open());  // nothing but the blog in the file
    storer_->Report(bytes_total_, true);
    std::vector<int64_t> orphans;
    SAMIZDAT_RETURN_IF_ERROR(ImportTheme(plan_, *writer_, blog_->id, plan_.skipped, summary_));
    SAMIZDAT_RETURN_IF_ERROR(writer_->Commit(&orphans));
    summary_.comments -= static_cast<int>(orphans.size());
    ListOrphans(orphans);
    if (exists_) SAMIZDAT_RETURN_IF_ERROR(RecordImportedFrom(store_, *blog_));
    return true;
  }

 private:
  // A comment read before any post of its own (its post may be nowhere).
  struct Unplaced {
    int64_t id;
    SourceLocation where;
    std::string original_id;
    std::string post_original_id;
  };

  Status Store(std::vector<Item>& items, std::size_t bytes_read) {
    for (Item& item : items) {
      switch (item.kind) {
        case Item::Kind::kBlog:
          if (storer_) {
            read_twice_ = true;
            return Status::Internal("the file describes its blog after its first post");
          }
          MergeBlog(plan_.source_blog, item.blog);
          continue;
        case Item::Kind::kSkipped:
          plan_.skipped.push_back(SkippedMessage(item.where, item.skipped));
          continue;
        case Item::Kind::kTheme: plan_.theme = std::move(item.theme); continue;
        case Item::Kind::kPost:
        case Item::Kind::kComment:
        case Item::Kind::kRedirect: break;
      }
      if (!storer_) {
        // Which blog the file is may be told later (samizdat's own export gives its
        // address after the posts): the first read of two learns it.
        if (ChosenHost(options_, plan_.source_blog).empty()) {
          read_twice_ = true;
          return Status::Internal("the file names its blog after its first post");
        }
        SAMIZDAT_RETURN_IF_ERROR(Open());
      }
      if (item.kind == Item::Kind::kPost) {
        auto id = converter_->PostId(item.post.original_id);
        if (id.ok()) posts_.insert(*id);
      } else if (item.kind == Item::Kind::kComment) {
        auto post = converter_->PostId(item.comment.post_original_id);
        auto id = converter_->CommentId(item.comment.original_id);
        if (post.ok() && id.ok() && !posts_.contains(*post)) {
          unplaced_.push_back(
              {*id, item.comment.where, item.comment.original_id, item.comment.post_original_id});
        }
      }
      SAMIZDAT_RETURN_IF_ERROR(storer_->Store(item));
    }
    storer_->Report(bytes_read);
    return Status::Ok();
  }

  // At the first post, comment or redirect: the blog, and the batch to store in.
  Status Open() {
    auto blog = ChooseBlog(store_, options_, plan_.source_blog, exists_);
    if (!blog.ok()) return blog.status();
    blog_ = std::move(*blog);
    auto zone = TimeZone::Find(blog_->time_zone);
    if (!zone.ok()) return zone.status();
    zone_ = std::move(*zone);
    summary_.blog = *blog_;
    summary_.blog_created = !exists_;
    auto writer = BeginBatch(store_, *blog_, exists_);
    if (!writer.ok()) return writer.status();
    writer_ = std::move(*writer);
    converter_.emplace(store_, *blog_, *zone_, plan_);
    storer_.emplace(*writer_, *converter_, plan_, summary_, options_);
    storer_->EstimateTotals(bytes_total_);
    return Status::Ok();
  }

  // The summary's skipped list: what the file skips, then the comments whose post is in
  // neither the file nor the blog, in file order.
  void ListOrphans(const std::vector<int64_t>& orphans) {
    summary_.skipped = std::move(plan_.skipped);
    const std::unordered_set<int64_t> removed(orphans.begin(), orphans.end());
    std::size_t listed = 0;
    for (const Unplaced& comment : unplaced_) {
      if (!removed.contains(comment.id)) continue;
      if (listed++ < kSkippedListed) {
        summary_.skipped.push_back(
            OrphanMessage(comment.where, comment.original_id, comment.post_original_id));
      }
    }
    if (listed > kSkippedListed)
      summary_.skipped.push_back(MoreOrphansMessage(listed - kSkippedListed));
  }

  store::Store& store_;
  const ImportOptions& options_;
  const transfer::ExportFiles& files_;
  ImportSummary& summary_;
  Plan plan_;  // what the file said so far
  std::size_t bytes_total_ = 1;
  bool read_twice_ = false;
  bool exists_ = false;
  // Set by Open(), in this order (each refers to those before it).
  std::optional<Blog> blog_;
  std::optional<TimeZone> zone_;
  std::unique_ptr<store::ImportBatch> writer_;
  std::optional<Converter> converter_;
  std::optional<Storer> storer_;
  std::unordered_set<int64_t> posts_;  // the file's posts read so far
  std::vector<Unplaced> unplaced_;
};

}  // namespace

Result<ImportSummary> ImportService::Import(const std::string& path, const ImportOptions& options) {
  ScratchDir scratch;
  auto files = transfer::LocateExport(path, scratch.path());
  if (!files.ok()) return files.status();

  // A Blogger file is read once: checked, converted and stored in one pass (a broken file
  // rolls the batch back). A dry run, and a WordPress file (a [gallery] shows attachments
  // written anywhere in it), are read twice.
  if (!options.dry_run && files->format != ExportFormat::kWxr) {
    ImportSummary summary;
    summary.format = FormatName(files->format);
    auto imported = OneRead(store_, options, *files, summary).Run();
    if (!imported.ok()) return imported.status();
    if (*imported) return summary;
  }

  // First read: the whole file checked and counted, nothing written.
  Plan plan;
  plan.format = files->format;
  PlanningSink planning(plan);
  SAMIZDAT_RETURN_IF_ERROR(ReadAll(*files, planning, plan.media));
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
    Storer would_store(dry, converter, plan, summary, options);
    SAMIZDAT_RETURN_IF_ERROR(StoreAll(*files, plan.media, would_store));
    SAMIZDAT_RETURN_IF_ERROR(ImportTheme(plan, dry, blog->id, summary.skipped, summary));
    return summary;
  }

  summary.blog = *blog;
  auto writer = BeginBatch(store_, *blog, exists);
  if (!writer.ok()) return writer.status();
  Converter converter(store_, *blog, *zone, plan);
  Storer storing(**writer, converter, plan, summary, options);
  SAMIZDAT_RETURN_IF_ERROR(StoreAll(*files, plan.media, storing));
  storing.Report(0, true);
  SAMIZDAT_RETURN_IF_ERROR(ImportTheme(plan, **writer, blog->id, summary.skipped, summary));
  std::vector<int64_t> orphans;
  SAMIZDAT_RETURN_IF_ERROR((*writer)->Commit(&orphans));
  summary.comments -= static_cast<int>(orphans.size());
  if (exists) SAMIZDAT_RETURN_IF_ERROR(RecordImportedFrom(store_, *blog));
  return summary;
}

}  // namespace samizdat::service
