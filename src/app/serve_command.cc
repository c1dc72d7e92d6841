// `samizdat serve`: first-run set-up, then the HTTP server with the public site, a
// once-a-second publisher of scheduled posts, and the access log.
#include <sys/resource.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/access_log.h"
#include "app/commands.h"
#include "http/server.h"
#include "render/theme.h"
#include "service/first_run.h"
#include "service/posts.h"
#include "web/routes.h"
#include "web/site.h"

namespace samizdat::app {
namespace {

struct ServeFlags {
  int port = 8080;
  std::string address = "127.0.0.1";
  int threads = 0;
  bool no_cache = false;
  std::string access_log;  // empty: DATA/access.log
};

// Runs `tick` every second on its own thread until destroyed.
class Ticker {
 public:
  explicit Ticker(std::function<void()> tick) : thread_([this, tick = std::move(tick)] {
    std::unique_lock lock(mutex_);
    while (!cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; })) {
      lock.unlock();
      tick();
      lock.lock();
    }
  }) {}
  ~Ticker() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

// Raises the soft limit on open files to the hard one (cached pages hold memfds) and
// returns the limit in force.
std::size_t RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return static_cast<std::size_t>(limit.rlim_cur);
}

void PublishDuePosts(store::Store& store) {
  auto blogs = store.ListBlogs();
  if (!blogs.ok()) return;
  service::PostService posts(store);
  for (const Blog& blog : *blogs) {
    if (auto published = posts.PublishDue(blog, Now()); !published.ok()) {
      std::cerr << "samizdat: publishing scheduled posts of " << blog.host
                << " failed: " << published.status().message() << "\n";
    }
  }
}

int Serve(const GlobalOptions& global, const ServeFlags& flags) {
  if (flags.port < 0 || flags.port > 65535) return Fail("--port must be from 0 to 65535");
  auto store = OpenStore(global);
  if (!store.ok()) return Fail(store.status());
  auto first_run = service::EnsureFirstRun(**store);
  if (!first_run.ok()) return Fail(first_run.status());
  if (first_run->admin_password) {
    std::cout << "admin account: " << *first_run->admin_email
              << " password: " << *first_run->admin_password
              << " (change it at first sign-in)" << std::endl;
  }

  render::Theme theme = render::Theme::Default();
  if (!global.theme_dir.empty()) {
    auto loaded = render::Theme::FromDirectory(global.theme_dir);
    if (!loaded.ok()) return Fail(loaded.status());
    theme = std::move(*loaded);
  }
  auto log = AccessLog::Open(flags.access_log.empty()
                                 ? (std::filesystem::path(global.data_dir) / "access.log").string()
                                 : flags.access_log);
  if (!log.ok()) return Fail(log.status());

  web::SiteOptions site_options;
  site_options.cache_pages = !flags.no_cache;
  // A quarter of the descriptors for cached pages; the rest stay for connections.
  site_options.cache_files = RaiseOpenFileLimit() / 4;
  web::Site site(**store, std::move(theme), site_options);

  http::ServerOptions options;
  options.address = flags.address;
  options.port = static_cast<uint16_t>(flags.port);
  options.threads = flags.threads;
  options.body_limit = web::BodyLimitFor;
  options.access_log = [access_log = log->get()](std::string_view line) { access_log->Write(line); };
  http::Server server(options, web::MakeRouter(site));
  if (Status started = server.Start(); !started.ok()) return Fail(started);

  Ticker ticker([&] {
    PublishDuePosts(**store);
    (*log)->Flush();
  });
  std::cout << "samizdat serving http://" << flags.address << ":" << server.port() << "/"
            << std::endl;
  server.Run();
  return 0;
}

}  // namespace

void RegisterServe(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* serve = app.add_subcommand("serve", "Serve the blogs over HTTP");
  serve->add_option("--port", flags->port, "TCP port (0: any free port)");
  serve->add_option("--address", flags->address, "Address to listen on");
  serve->add_option("--threads", flags->threads, "Worker threads (0: one per core)");
  serve->add_flag("--no-cache", flags->no_cache, "Render every page anew (for measuring)");
  serve->add_option("--access-log", flags->access_log,
                    "Access log file in combined format ('-': standard output; default DATA/access.log)");
  serve->callback([&global, &exit_code, flags] { exit_code = Serve(global, *flags); });
}

}  // namespace samizdat::app
