// `samizdat theme set|get|reset`: a blog's Blogger theme (service/themes.h).
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "app/commands.h"
#include "service/blogs.h"
#include "service/themes.h"

namespace samizdat::app {
namespace {

Result<std::string> ReadThemeFile(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + file + ": no such file or not readable");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Status::Internal("error while reading " + file);
  return bytes.str();
}

// Runs `fn(store, blog)` on the blog --blog names; returns the exit code.
template <typename Fn>
int WithBlog(const GlobalOptions& global, const std::string& host, bool write, Fn&& fn) {
  auto store = write ? OpenStore(global) : OpenStoreToRead(global);
  if (!store.ok()) return Fail(store.status());
  auto blog = service::BlogService(**store).Resolve(host);
  if (!blog.ok()) return Fail(blog.status());
  service::ThemeService themes(**store);
  Status done = fn(themes, *blog);
  return done.ok() ? 0 : Fail(done);
}

}  // namespace

void RegisterTheme(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* theme = app.add_subcommand(
      "theme", "Give a blog a Blogger theme (Theme > Edit HTML / Backup), show it, or reset it");
  theme->require_subcommand(1);
  auto host = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();

  CLI::App* set = theme->add_subcommand(
      "set",
      "Make FILE.xml the blog's theme; a theme that does not compile is refused with "
      "FILE:LINE:COLUMN and nothing changes");
  set->add_option("--blog", *host, "Host of the blog (needed when there are several)");
  set->add_option("FILE", *file, "The theme's XML, as Blogger's Backup gives it")->required();
  set->callback([&global, &exit_code, host, file] {
    auto xml = ReadThemeFile(*file);
    if (!xml.ok()) return void(exit_code = Fail(xml.status()));
    exit_code = WithBlog(global, *host, true, [&](service::ThemeService& themes, const Blog& blog) {
      SAMIZDAT_RETURN_IF_ERROR(themes.Set(blog, *xml, *file));
      std::cout << "blog " << blog.host << " wears the theme of " << *file << "\n";
      return Status::Ok();
    });
  });

  CLI::App* get = theme->add_subcommand("get", "Write the blog's theme (its XML) to stdout");
  get->add_option("--blog", *host, "Host of the blog (needed when there are several)");
  get->callback([&global, &exit_code, host] {
    exit_code = WithBlog(global, *host, false, [](service::ThemeService& themes, const Blog& blog) {
      auto xml = themes.Get(blog);
      if (xml.status().IsNotFound()) {
        return Status::NotFound("blog " + blog.host +
                                " wears the default theme: it has no Blogger theme to show");
      }
      if (!xml.ok()) return xml.status();
      std::cout << *xml;
      return Status::Ok();
    });
  });

  CLI::App* reset = theme->add_subcommand("reset", "Give the blog the default theme back");
  reset->add_option("--blog", *host, "Host of the blog (needed when there are several)");
  reset->callback([&global, &exit_code, host] {
    exit_code = WithBlog(global, *host, true, [](service::ThemeService& themes, const Blog& blog) {
      SAMIZDAT_RETURN_IF_ERROR(themes.Reset(blog));
      std::cout << "blog " << blog.host << " wears the default theme\n";
      return Status::Ok();
    });
  });
}

}  // namespace samizdat::app
