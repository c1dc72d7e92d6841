// samizdat_make_blog: fills a data directory with one synthetic blog for the load
// benchmarks (bench/run.sh), writing every post through PostService::Add as real ones are.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>

#include "auth/password.h"
#include "core/time.h"
#include "service/blogs.h"
#include "service/posts.h"
#include "store/sqlite/sqlite_store.h"
#include "synthetic_text.h"

namespace samizdat::bench {
namespace {

constexpr int kPages = 3;
constexpr int kWordsPerPost = 800;
constexpr const char* kAdminPassword = "bench-password";

int Fail(const std::string& message) {
  std::cerr << "samizdat_make_blog: error: " << message << "\n";
  return 1;
}

int MakeBlog(const std::string& data_dir, int n_posts, uint64_t seed) {
  const auto path = std::filesystem::path(data_dir) / "samizdat.db";
  if (std::filesystem::exists(path))
    return Fail(path.string() + " exists: give an empty directory");
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return Fail("cannot create " + data_dir + ": " + ec.message());
  auto store = store::OpenSqliteStore(path.string());
  if (!store.ok()) return Fail(store.status().message());

  service::BlogChanges settings;
  settings.host = "bench.test";
  settings.title = "Bench blog";
  settings.description = "Synthetic posts for measuring samizdat.";
  settings.time_zone = "Europe/Paris";
  settings.posts_per_page = 7;
  auto blog = service::BlogService(**store).Create(settings);
  if (!blog.ok()) return Fail(blog.status().message());
  auto zone = TimeZone::Find(blog->time_zone);
  if (!zone.ok()) return Fail(zone.status().message());
  // An account, so that `serve` starts as on an instance that has run before (its
  // first start would otherwise hash a new admin password while being timed).
  User admin;
  admin.email = "admin@bench.test";
  admin.display_name = "Bench Author";
  admin.role = UserRole::kAdmin;
  auto hash = auth::HashPassword(kAdminPassword);
  if (!hash.ok()) return Fail(hash.status().message());
  admin.password_hash = std::move(*hash);
  if (auto created = (*store)->CreateUser(admin); !created.ok()) {
    return Fail(created.status().message());
  }

  // Ten years, one slot per post, each post at a random moment inside its slot.
  const Time first = zone->FromLocal(2015, 1, 1);
  const Time end = zone->FromLocal(2025, 1, 1);
  const auto slot = (end - first) / std::max(n_posts, 1);

  ContentGenerator content(seed);
  service::PostService posts(**store);
  std::string sample_path;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < n_posts + kPages; ++i) {
    service::NewPost post;
    post.format = BodyFormat::kMarkdown;
    post.title = content.Title();
    post.source = content.MarkdownBody(kWordsPerPost);
    post.author = "Bench Author";
    if (i < n_posts) {
      post.labels = content.Labels();
      post.published = first + slot * i +
                       std::chrono::milliseconds(content.rng().Below(
                           static_cast<uint64_t>(std::max<int64_t>(slot.count(), 1))));
    } else {
      post.kind = PostKind::kPage;
      post.published = end;
    }
    auto added = posts.Add(*blog, std::move(post));
    if (!added.ok()) return Fail("post " + std::to_string(i) + ": " + added.status().message());
    if (i == n_posts / 2) sample_path = added->path;
    if ((i + 1) % 1000 == 0) std::cerr << (i + 1) << " posts\r" << std::flush;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("created blog %s: %d posts and %d pages in %.2f s (%.1f posts/s)\n",
              blog->host.c_str(), n_posts, kPages, seconds,
              seconds > 0 ? (n_posts + kPages) / seconds : 0.0);
  std::printf("admin account: admin@bench.test password: %s\n", kAdminPassword);
  std::printf("sample post: %s\n", sample_path.c_str());
  return 0;
}

}  // namespace
}  // namespace samizdat::bench

int main(int argc, char** argv) {
  CLI::App app("Creates a synthetic blog (host bench.test) for the samizdat benchmarks");
  std::string data_dir;
  int n_posts = 0;
  uint64_t seed = 1;
  app.add_option("--data", data_dir, "Data directory to create the database in (must hold none)")
      ->required();
  app.add_option("--posts", n_posts, "Number of posts")
      ->required()
      ->check(CLI::Range(1, 10'000'000));
  app.add_option("--seed", seed, "Seed of the content generator (same seed, same content)");
  CLI11_PARSE(app, argc, argv);
  return samizdat::bench::MakeBlog(data_dir, n_posts, seed);
}
