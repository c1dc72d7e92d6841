// `samizdat blog create|list|set`.
#include <iostream>

#include "app/commands.h"
#include "service/blogs.h"

namespace samizdat::app {
namespace {

// The settings flags shared by `blog create` and `blog set`.
struct SettingsFlags {
  std::string host, title, description, banner, banner_alt, timezone, locale;
  int posts_per_page = 0;
  std::string comment_moderation;
  int moderation_days = 0;
  int comment_depth = 0;
  std::string jump_text;

  void AddTo(CLI::App& cmd, bool host_flag_is_new_host) {
    cmd.add_option("--host", host,
                   host_flag_is_new_host ? "New host name of the blog" : "Host name: example.com");
    cmd.add_option("--title", title, "Title");
    cmd.add_option("--description", description, "Description shown under the title");
    cmd.add_option("--banner", banner, "URL of the header image");
    cmd.add_option("--banner-alt", banner_alt, "Alternative text of the header image");
    cmd.add_option("--timezone", timezone, "IANA time zone, e.g. Europe/Paris");
    cmd.add_option("--locale", locale,
                   "Language of the theme texts and dates: en, id, es, pt-BR, fr, de, ru, ja "
                   "(another language tag gets its own dates and English texts)");
    cmd.add_option("--posts-per-page", posts_per_page, "Posts on the home page (1-500)");
    cmd.add_option("--comment-moderation", comment_moderation,
                   "Hold readers' comments for approval: never, always, or older (on posts "
                   "older than --moderation-days)");
    cmd.add_option("--moderation-days", moderation_days,
                   "With --comment-moderation older: the age in days (default 14)");
    cmd.add_option("--comment-depth", comment_depth,
                   "Levels of replies shown (1: flat, 2: Blogger's one level of replies)");
    cmd.add_option("--jump-text", jump_text,
                   "Link shown on list pages after the part of a post before its jump break "
                   "(default: Read more \u00bb)");
  }

  service::BlogChanges Changes(const CLI::App& cmd) const {
    service::BlogChanges changes;
    auto given = [&cmd](const char* flag) { return cmd.count(flag) > 0; };
    if (given("--host")) changes.host = host;
    if (given("--title")) changes.title = title;
    if (given("--description")) changes.description = description;
    if (given("--banner")) changes.banner_url = banner;
    if (given("--banner-alt")) changes.banner_alt = banner_alt;
    if (given("--timezone")) changes.time_zone = timezone;
    if (given("--locale")) changes.locale = locale;
    if (given("--posts-per-page")) changes.posts_per_page = posts_per_page;
    if (given("--comment-moderation")) changes.comment_moderation = comment_moderation;
    if (given("--moderation-days")) changes.moderation_days = moderation_days;
    if (given("--comment-depth")) changes.comment_depth = comment_depth;
    if (given("--jump-text")) changes.jump_link_text = jump_text;
    return changes;
  }
};

}  // namespace

void RegisterBlog(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* blog = app.add_subcommand("blog", "Create, list and change blogs");
  blog->require_subcommand(1);

  auto create_flags = std::make_shared<SettingsFlags>();
  CLI::App* create = blog->add_subcommand("create", "Create a blog");
  create_flags->AddTo(*create, false);
  create->callback([&global, &exit_code, create, create_flags] {
    auto store = OpenStore(global);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    auto created = service::BlogService(**store).Create(create_flags->Changes(*create));
    if (!created.ok()) return void(exit_code = Fail(created.status()));
    std::cout << "created blog " << created->id << " " << created->host << "\n";
  });

  CLI::App* list = blog->add_subcommand("list", "List the blogs");
  list->callback([&global, &exit_code] {
    auto store = OpenStoreToRead(global);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    auto blogs = (*store)->ListBlogs();
    if (!blogs.ok()) return void(exit_code = Fail(blogs.status()));
    for (const Blog& b : *blogs) std::cout << b.id << "\t" << b.host << "\t" << b.title << "\n";
  });

  auto set_flags = std::make_shared<SettingsFlags>();
  auto set_host = std::make_shared<std::string>();
  CLI::App* set = blog->add_subcommand("set", "Change a blog's settings");
  set->add_option("HOST", *set_host, "Host of the blog to change")->required();
  set_flags->AddTo(*set, true);
  set->callback([&global, &exit_code, set, set_flags, set_host] {
    auto store = OpenStore(global);
    if (!store.ok()) return void(exit_code = Fail(store.status()));
    auto updated = service::BlogService(**store).Update(*set_host, set_flags->Changes(*set));
    if (!updated.ok()) return void(exit_code = Fail(updated.status()));
    std::cout << "updated blog " << updated->host << "\n";
  });
}

}  // namespace samizdat::app
