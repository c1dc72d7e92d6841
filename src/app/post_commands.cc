// `samizdat post add|list|set|rm` and `samizdat page add`.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.h"
#include "service/blogs.h"
#include "service/posts.h"

namespace samizdat::app {
namespace {

// The flags of `post add` and `page add`.
struct AddFlags {
  std::string title, body_file, labels, date, author = "Anonymous", blog, comments = "open";
  bool draft = false;
};

// "open", "closed" or "hidden"; InvalidArgument otherwise.
Result<CommentsMode> ParseCommentsMode(std::string_view word) {
  for (CommentsMode mode : {CommentsMode::kOpen, CommentsMode::kClosed, CommentsMode::kHidden}) {
    if (word == CommentsModeName(mode)) return mode;
  }
  return Status::InvalidArgument("--comments must be open, closed or hidden, not '" +
                                 std::string(word) + "'");
}

// Reads the body file; its extension says Markdown or HTML.
Result<std::pair<std::string, BodyFormat>> ReadBody(const std::string& file) {
  const std::string ext = std::filesystem::path(file).extension().string();
  BodyFormat format;
  if (ext == ".md" || ext == ".markdown") {
    format = BodyFormat::kMarkdown;
  } else if (ext == ".html" || ext == ".htm") {
    format = BodyFormat::kHtml;
  } else {
    return Status::InvalidArgument("cannot tell the format of " + file +
                                   ": name it .md (Markdown) or .html (HTML)");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + file + ": no such file or not readable");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Status::Internal("error while reading " + file);
  return std::make_pair(bytes.str(), format);
}

int AddPost(const GlobalOptions& global, const AddFlags& flags, PostKind kind) {
  auto comments = ParseCommentsMode(flags.comments);
  if (!comments.ok()) return Fail(comments.status());
  auto body = ReadBody(flags.body_file);
  if (!body.ok()) return Fail(body.status());
  auto store = OpenStore(global);
  if (!store.ok()) return Fail(store.status());
  auto blog = service::BlogService(**store).Resolve(flags.blog);
  if (!blog.ok()) return Fail(blog.status());

  service::NewPost post;
  post.kind = kind;
  post.title = flags.title;
  post.source = std::move(body->first);
  post.format = body->second;
  post.labels = service::ParseLabels(flags.labels);
  post.author = flags.author;
  post.draft = flags.draft;
  post.comments_mode = *comments;
  if (!flags.date.empty()) {
    auto zone = TimeZone::Find(blog->time_zone);
    if (!zone.ok()) return Fail(zone.status());
    auto when = ParseUserDateTime(flags.date, *zone);
    if (!when.ok()) return Fail(when.status());
    post.published = *when;
  }
  auto added = service::PostService(**store).Add(*blog, post);
  if (!added.ok()) return Fail(added.status());
  const char* noun = kind == PostKind::kPage ? "page" : "post";
  if (added->path.empty()) {
    std::cout << "added draft " << added->id << "\n";
  } else {
    std::cout << "added " << noun << " " << added->id << " at " << added->path << "\n";
  }
  return 0;
}

CLI::App* AddCommand(CLI::App& parent, const char* name, const char* help,
                     std::shared_ptr<AddFlags> flags, bool with_post_fields) {
  CLI::App* cmd = parent.add_subcommand(name, help);
  cmd->add_option("--title", flags->title, "Title")->required();
  cmd->add_option("--body", flags->body_file, "Body file: .md (Markdown) or .html (HTML)")
      ->required();
  if (with_post_fields) {
    cmd->add_option("--labels", flags->labels, "Comma-separated labels");
    cmd->add_option("--date", flags->date,
                    "Publish time: YYYY-MM-DD[ HH:MM[:SS]] in the blog's zone, or RFC 3339");
    cmd->add_option("--author", flags->author, "Author's name");
    cmd->add_option("--comments", flags->comments,
                    "Readers' comments: open (default), closed (shown, no new ones) or hidden");
  }
  cmd->add_flag("--draft", flags->draft, "Save as a draft, not published");
  cmd->add_option("--blog", flags->blog, "Host of the blog (needed when there are several)");
  return cmd;
}

}  // namespace

void RegisterPosts(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* post = app.add_subcommand("post", "Add, list and remove posts");
  post->require_subcommand(1);

  auto add_flags = std::make_shared<AddFlags>();
  AddCommand(*post, "add", "Add a post", add_flags, true)
      ->callback([&global, &exit_code, add_flags] {
        exit_code = AddPost(global, *add_flags, PostKind::kPost);
      });

  struct ListFlags {
    std::string blog, kind;
  };
  auto list_flags = std::make_shared<ListFlags>();
  CLI::App* list =
      post->add_subcommand("list", "List posts and pages, drafts included, newest first");
  list->add_option("--blog", list_flags->blog, "Host of the blog (needed when there are several)");
  list->add_option("--kind", list_flags->kind, "Only posts or only pages (default: both)")
      ->check(CLI::IsMember({"post", "page"}));
  list->callback([&global, &exit_code, list_flags] {
    auto store = OpenStoreToRead(global);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    auto blog = service::BlogService(**store).Resolve(list_flags->blog);
    if (!blog.ok()) return void(exit_code = Fail(blog.status()));
    auto zone = TimeZone::Find(blog->time_zone);
    if (!zone.ok()) return void(exit_code = Fail(zone.status()));
    std::vector<Post> posts;
    for (PostKind kind : {PostKind::kPost, PostKind::kPage}) {
      const std::string_view name = kind == PostKind::kPage ? "page" : "post";
      if (!list_flags->kind.empty() && list_flags->kind != name) continue;
      store::PostQuery query;
      query.blog_id = blog->id;
      query.kind = kind;
      query.status = std::nullopt;
      query.limit = 1'000'000;
      auto some = (*store)->ListPosts(query);
      if (!some.ok()) return void(exit_code = Fail(some.status()));
      posts.insert(posts.end(), some->begin(), some->end());
    }
    // Each kind came newest first; so are both together.
    std::stable_sort(posts.begin(), posts.end(),
                     [](const Post& a, const Post& b) { return a.published > b.published; });
    for (const Post& p : posts) {
      std::cout << p.id << "\t" << PostStatusName(p.status) << "\t"
                << FormatPattern(p.published, *zone, "yyyy-MM-dd") << "\t"
                << (p.path.empty() ? "-" : p.path) << "\t" << p.title << "\n";
    }
  });

  struct SetFlags {
    std::string target, blog, comments;
  };
  auto set_flags = std::make_shared<SetFlags>();
  CLI::App* set = post->add_subcommand("set", "Change a post's settings");
  set->add_option("POST", set_flags->target, "Id or path (/2022/01/slug.html) of the post")
      ->required();
  set->add_option("--comments", set_flags->comments,
                  "Readers' comments: open, closed (shown, no new ones) or hidden")
      ->required();
  set->add_option("--blog", set_flags->blog, "Host of the blog (needed when there are several)");
  set->callback([&global, &exit_code, set_flags] {
    auto mode = ParseCommentsMode(set_flags->comments);
    if (!mode.ok()) return void(exit_code = Fail(mode.status()));
    auto store = OpenStore(global);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    auto blog = service::BlogService(**store).Resolve(set_flags->blog);
    if (!blog.ok()) return void(exit_code = Fail(blog.status()));
    auto changed = service::PostService(**store).SetCommentsMode(*blog, set_flags->target, *mode);
    if (!changed.ok()) return void(exit_code = Fail(changed.status()));
    std::cout << "comments " << CommentsModeName(*mode) << " on post " << changed->id << "\n";
  });

  auto rm_target = std::make_shared<std::string>();
  auto rm_blog = std::make_shared<std::string>();
  CLI::App* rm = post->add_subcommand("rm", "Remove a post or page");
  rm->add_option("POST", *rm_target, "Id or path (/2022/01/slug.html) of the post")->required();
  rm->add_option("--blog", *rm_blog, "Host of the blog (needed when there are several)");
  rm->callback([&global, &exit_code, rm_target, rm_blog] {
    auto store = OpenStore(global);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    auto blog = service::BlogService(**store).Resolve(*rm_blog);
    if (!blog.ok()) return void(exit_code = Fail(blog.status()));
    auto removed = service::PostService(**store).Remove(*blog, *rm_target);
    if (!removed.ok()) return void(exit_code = Fail(removed.status()));
    std::cout << "removed post " << removed->id << "\n";
  });

  CLI::App* page = app.add_subcommand("page", "Add static pages (/p/slug.html)");
  page->require_subcommand(1);
  auto page_flags = std::make_shared<AddFlags>();
  AddCommand(*page, "add", "Add a page", page_flags, false)
      ->callback([&global, &exit_code, page_flags] {
        exit_code = AddPost(global, *page_flags, PostKind::kPage);
      });
}

}  // namespace samizdat::app
