// `samizdat serve`: binds its port first, then first-run set-up, then the HTTP server with
// the public site and its comment form, the admin and /metrics, a once-a-second publisher of
// scheduled posts (which also purges old spam, ended sessions and old failed sign-ins once an
// hour), the access log (reopened on SIGHUP) and the error log (core/log.h). The
// background work outlives a lost database: it says when the database goes and when it is back, and
// carries on. SIGINT and SIGTERM end it, saying what they stopped.
#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "app/access_log.h"
#include "app/acme_serve.h"
#include "app/commands.h"
#include "app/tls_files.h"
#include "core/log.h"
#include "http/server.h"
#include "http/tls_certificates.h"
#include "http/trusted_proxies.h"
#include "render/theme.h"
#include "service/accounts.h"
#include "service/blog_list.h"
#include "service/comments.h"
#include "service/contact.h"
#include "service/first_run.h"
#include "service/page_views.h"
#include "service/posts.h"
#include "web/https_redirect.h"
#include "web/metrics_page.h"
#include "web/routes.h"
#include "web/security_headers.h"
#include "web/site.h"

namespace samizdat::app {
namespace {

struct ServeFlags {
  int port = 8080;
  std::string address = "127.0.0.1";
  int threads = 0;
  bool no_cache = false;
  std::string access_log;  // empty: DATA/access.log
  int comment_min_seconds = 3;
  int comment_form_ttl = 86400;
  int comment_rate_limit = 10;
  int comment_max_links = 3;
  int blog_list_seconds = 1800;              // BlogList widgets: their feeds read this often
  std::vector<std::string> trusted_proxies;  // CIDRs
  std::string tls_cert;                      // with tls_key: HTTPS on --port
  std::string tls_key;
  int http_port = -1;  // with TLS: plain HTTP on this port too (redirects, ACME); -1: none
  bool hsts = false;
  std::string log_level = "info";
  std::string metrics_token;  // empty: /metrics to loopback peers only
  AcmeFlags acme;             // --acme: certificates from an ACME CA (acme_serve.h)
};

// Runs `tick` every second on its own thread until destroyed.
class Ticker {
 public:
  explicit Ticker(std::function<void()> tick)
      : thread_([this, tick = std::move(tick)] {
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

// Where the data is, for the log: the SQLite file, or the PostgreSQL URL without its
// password.
std::string StoreLocation(const GlobalOptions& global) {
  if (global.db_url.empty()) {
    return "SQLite " + (std::filesystem::path(global.data_dir) / "samizdat.db").string();
  }
  return "PostgreSQL " + RedactedUrl(global.db_url);
}

// Reports the background work's store failures. A lost database (Unavailable) is said
// once when it goes and once when it is back, not every second in between; any other
// failure each time. Used from one thread at a time (main's, then the ticker's).
class StoreWatch {
 public:
  void Failed(std::string_view what, const Status& status) {
    if (status.code() != Status::Code::kUnavailable) {
      log::Error("samizdat: " + std::string(what) + " failed: " + status.message());
    } else if (!away_) {
      away_ = true;
      log::Warn("samizdat: the database is unavailable (" + std::string(what) + ": " +
                status.message() +
                "); cached pages are still served, writes answer 503 until it is back");
    }
  }
  void Succeeded() {
    if (!away_) return;
    away_ = false;
    log::Info("samizdat: the database is back");
  }

 private:
  bool away_ = false;
};

void PublishDuePosts(store::Store& store, StoreWatch& watch) {
  auto blogs = store.ListBlogs();
  if (!blogs.ok()) return watch.Failed("reading the blogs", blogs.status());
  watch.Succeeded();
  service::PostService posts(store);
  for (const Blog& blog : *blogs) {
    auto published = posts.PublishDue(blog, Now());
    if (!published.ok()) {
      watch.Failed("publishing the scheduled posts of " + blog.host, published.status());
    } else if (*published > 0) {
      log::Info("samizdat: " + blog.host + ": published " + std::to_string(*published) +
                " scheduled post(s)");
    }
  }
}

// The hourly clean-up: spam older than 30 days, ended sessions, old failed sign-ins.
void PurgeOld(service::CommentService& comments, service::AccountService& accounts,
              StoreWatch& watch) {
  auto purged = comments.PurgeOldSpam(Now());
  if (!purged.ok()) return watch.Failed("purging old spam", purged.status());
  auto expired = accounts.PurgeExpired(Now());
  if (!expired.ok()) return watch.Failed("purging ended sessions", expired.status());
  watch.Succeeded();
}

Result<service::CommentSettings> CommentSettingsFrom(const ServeFlags& flags) {
  if (flags.comment_min_seconds < 0 || flags.comment_min_seconds > 3600) {
    return Status::InvalidArgument("--comment-min-seconds must be from 0 to 3600");
  }
  if (flags.comment_form_ttl < 1 || flags.comment_form_ttl <= flags.comment_min_seconds) {
    return Status::InvalidArgument(
        "--comment-form-ttl must be a number of seconds above --comment-min-seconds");
  }
  if (flags.comment_rate_limit < 0) {
    return Status::InvalidArgument("--comment-rate-limit must be 0 (no limit) or more");
  }
  if (flags.comment_max_links < 0)
    return Status::InvalidArgument("--comment-max-links must be 0 or more");
  service::CommentSettings settings;
  settings.min_age = std::chrono::seconds(flags.comment_min_seconds);
  settings.form_ttl = std::chrono::seconds(flags.comment_form_ttl);
  settings.rate_limit = flags.comment_rate_limit;
  settings.max_links = flags.comment_max_links;
  return settings;
}

// glibc's malloc gives freed memory back to the kernel (trims a thread's heap, unmaps
// large blocks) as soon as it can; a server that allocates and frees the same buffers
// for every request then takes a page fault for every page of them, again and again
// (8 faults a comment, measured with perf stat, 0.15 with these settings). It keeps up
// to this much instead.
void KeepFreedMemory() {
  constexpr int kKeptBytes = 32 << 20;
  mallopt(M_TRIM_THRESHOLD, kKeptBytes);
  mallopt(M_MMAP_THRESHOLD, kKeptBytes);
}

// The token that opens /metrics from anywhere: empty (none), or one a guess will not find.
Status CheckMetricsToken(const std::string& token) {
  if (token.empty()) return Status::Ok();
  const bool visible =
      std::all_of(token.begin(), token.end(), [](char c) { return c > ' ' && c < 127; });
  if (token.size() < 16 || !visible) {
    return Status::InvalidArgument(
        "--metrics-token must be at least 16 characters, visible ASCII without spaces");
  }
  return Status::Ok();
}

// The HTTPS flags checked, and --tls-cert's files read (nullopt without them).
Result<std::optional<TlsFiles>> LoadHttpsFlags(const ServeFlags& flags) {
  std::optional<TlsFiles> files;
  if (!flags.tls_cert.empty() || !flags.tls_key.empty()) {
    if (flags.tls_cert.empty() || flags.tls_key.empty()) {
      return Status::InvalidArgument(
          "--tls-cert and --tls-key go together: the certificate chain and its key");
    }
    auto loaded = TlsFiles::Load(flags.tls_cert, flags.tls_key);
    if (!loaded.ok()) return loaded.status();
    files = std::move(*loaded);
  }
  if (flags.http_port != -1 && (flags.http_port < 0 || flags.http_port > 65535)) {
    return Status::InvalidArgument("--http-port must be from 0 to 65535");
  }
  if (flags.http_port != -1 && !files && !flags.acme.enabled) {
    return Status::InvalidArgument(
        "--http-port is the plain-HTTP port beside HTTPS: it needs --tls-cert or --acme");
  }
  if (flags.acme.enabled) {
    if (Status checked = CheckAcmeFlags(flags.acme); !checked.ok()) return checked;
  }
  return files;
}

// Sets `options`' TLS certificates and plain port: the files' certificate, and with
// --acme the certificates its runner fills (returned; the files' one, when both are
// given, serves the hosts that have none of their own yet). Null without --acme.
std::shared_ptr<http::TlsCertificates> SetHttpsOptions(const ServeFlags& flags,
                                                       const std::optional<TlsFiles>& files,
                                                       http::ServerOptions& options) {
  if (files) {
    options.tls = files->certificates();
    if (flags.http_port != -1) options.plain_port = static_cast<uint16_t>(flags.http_port);
  }
  if (!flags.acme.enabled) return nullptr;
  auto certificates = files ? files->certificates() : std::make_shared<http::TlsCertificates>();
  options.tls = certificates;
  options.plain_port = static_cast<uint16_t>(flags.http_port == -1 ? 80 : flags.http_port);
  return certificates;
}

// What SIGINT or SIGTERM stopped, said once Run() has returned.
struct Stopping {
  std::atomic<int> signal{0};
  std::atomic<std::size_t> connections{0};  // open when the signal came
};

int Serve(const GlobalOptions& global, const ServeFlags& flags) {
  KeepFreedMemory();
  if (flags.port < 0 || flags.port > 65535) return Fail("--port must be from 0 to 65535");
  auto proxies = http::TrustedProxies::Parse(flags.trusted_proxies);
  if (!proxies.ok()) return Fail(proxies.status());
  auto comment_settings = CommentSettingsFrom(flags);
  if (!comment_settings.ok()) return Fail(comment_settings.status());
  if (Status token = CheckMetricsToken(flags.metrics_token); !token.ok()) return Fail(token);
  log::SetLevel(log::ParseLevel(flags.log_level).value_or(log::Level::kInfo));
  auto tls_files = LoadHttpsFlags(flags);
  if (!tls_files.ok()) return Fail(tls_files.status());

  render::Theme theme = render::Theme::Default();
  if (!global.theme_dir.empty()) {
    auto loaded = render::Theme::FromDirectory(global.theme_dir);
    if (!loaded.ok()) return Fail(loaded.status());
    theme = std::move(*loaded);
  }
  auto security_headers = web::SecurityHeaders::Make(theme.csp_additions(), flags.hsts);
  if (!security_headers.ok()) return Fail(security_headers.status());

  // The port is bound before anything is made, so that a port in use leaves no data
  // directory or database behind. Connections wait in the backlog until Run(); the
  // router and the access log they need are in place by then.
  http::Handler router;
  std::unique_ptr<AccessLog> access_log;
  std::optional<http::Server> server;
  Stopping stopping;
  http::ServerOptions options;
  options.address = flags.address;
  options.port = static_cast<uint16_t>(flags.port);
  options.threads = flags.threads;
  const std::shared_ptr<http::TlsCertificates> acme_certificates =
      SetHttpsOptions(flags, *tls_files, options);
  options.body_limit = web::BodyLimitFor;
  options.trusted_proxies = std::make_shared<const http::TrustedProxies>(std::move(*proxies));
  options.finish = [headers = std::move(*security_headers)](const http::Request* request,
                                                            http::Response& response) {
    headers.Add(request, response);
  };
  options.access_log = [&access_log](std::string_view line) { access_log->Write(line); };
  options.on_signal = [&](int signal) {
    if (signal == SIGHUP) {
      if (*tls_files) (*tls_files)->Reload();
      if (Status reopened = access_log->Reopen(); !reopened.ok()) {
        log::Error("samizdat: SIGHUP: " + reopened.message() + "; still writing to the old file");
      } else {
        log::Info("samizdat: SIGHUP: reopened the access log " + access_log->path());
      }
      return;
    }
    stopping.connections = server->connections();
    stopping.signal = signal;
  };
  server.emplace(options, [&router](const http::Request& request) { return router(request); });
  if (Status started = server->Start(); !started.ok()) return Fail(started);
  const std::string url = (options.tls ? "https://" : "http://") + flags.address + ":" +
                          std::to_string(server->port()) + "/";

  log::Info("samizdat: data in " + StoreLocation(global));
  auto store = OpenStore(global);
  if (!store.ok()) return Fail(store.status());
  auto first_run = service::EnsureFirstRun(**store);
  if (!first_run.ok()) return Fail(first_run.status());
  if (first_run->admin_password) {
    // For the person starting the server, never for the log: standard output.
    std::cout << "admin account: " << *first_run->admin_email
              << " password: " << *first_run->admin_password << " (change it at first sign-in)"
              << std::endl;
  }

  std::string log_path = flags.access_log;
  if (log_path.empty()) {
    // With PostgreSQL nothing else has made the data directory the log goes to.
    std::error_code ec;
    std::filesystem::create_directories(global.data_dir, ec);
    if (ec)
      return Fail("cannot create the data directory " + global.data_dir + ": " + ec.message());
    log_path = (std::filesystem::path(global.data_dir) / "access.log").string();
  }
  auto opened_log = AccessLog::Open(log_path);
  if (!opened_log.ok()) return Fail(opened_log.status());
  access_log = std::move(*opened_log);

  web::SiteOptions site_options;
  site_options.cache_pages = !flags.no_cache;
  // A quarter of the descriptors for cached pages; the rest stay for connections.
  site_options.cache_files = RaiseOpenFileLimit() / 4;
  auto comments = service::CommentService::Open(**store, *comment_settings);
  if (!comments.ok()) return Fail(comments.status());
  // The widgets' live data (service/page_views.h, service/contact.h): post page views,
  // flushed to the store every 5 s and when serving stops; contact messages, whose form
  // tokens live as the comment forms' do.
  service::PageViews page_views(**store);
  site_options.page_views = &page_views;
  auto contact = service::ContactService::Open(
      **store, service::ContactSettings{std::chrono::seconds(flags.comment_min_seconds),
                                        std::chrono::seconds(flags.comment_form_ttl)});
  if (!contact.ok()) return Fail(contact.status());
  site_options.contact = &*contact;
  web::Site site(**store, *comments, std::move(theme), site_options);
  // The BlogList widgets' followed feeds (service/blog_list.h), read now and then every
  // --blog-list-seconds, from the widgets of each blog's Blogger theme.
  service::BlogListOptions blog_list_options;
  blog_list_options.interval = std::chrono::seconds(std::max(1, flags.blog_list_seconds));
  service::BlogListRefresher blog_lists(
      **store,
      [&site](const Blog& blog) -> Result<std::vector<service::BlogListWidget>> {
        auto theme = site.themes().Compiled(blog);
        if (!theme.ok()) return theme.status();
        if (*theme == nullptr) return std::vector<service::BlogListWidget>();
        return service::BlogListWidgets((*theme)->sections());
      },
      blog_list_options);
  blog_lists.Start();
  auto accounts = service::AccountService::Open(**store);
  if (!accounts.ok()) return Fail(accounts.status());
  auto admin =
      web::admin::Admin::Create(**store, *comments, *accounts, site.blogs(), site.themes());
  if (!admin.ok()) return Fail(admin.status());
  // Automatic certificates (acme_serve.h): the runner sets them in `certificates` until
  // it is destroyed, before the store it reads.
  std::unique_ptr<AcmeRunner> acme;
  if (acme_certificates) {
    auto created = AcmeRunner::Create(flags.acme, **store, *acme_certificates);
    if (!created.ok()) return Fail(created.status());
    acme = std::move(*created);
  }
  web::MetricsPage metrics(web::RouteTable(), flags.metrics_token);
  router = web::MakeRouter(site, **admin, metrics);
  if (options.plain_port) {
    router = web::RedirectPlainToHttps(std::move(router), static_cast<uint16_t>(flags.port));
  }
  if (acme) acme->Begin();

  StoreWatch watch;
  PurgeOld(*comments, *accounts, watch);
  int ticks = 0;
  Ticker ticker([&] {
    PublishDuePosts(**store, watch);
    if (++ticks % 3600 == 0) PurgeOld(*comments, *accounts, watch);
    access_log->Flush();
  });
  std::string serving = "samizdat serving " + url;
  if (server->plain_port() != 0) {
    serving += " (and http://" + flags.address + ":" + std::to_string(server->plain_port()) +
               "/, which redirects to https)";
  }
  log::Info(serving);
  server->Run();
  if (const int signal = stopping.signal; signal != 0) {
    log::Info(std::string("samizdat: ") + (signal == SIGINT ? "SIGINT" : "SIGTERM") +
              ": stopped serving " + url + "; " + std::to_string(stopping.connections) +
              " connection(s) closed");
  }
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
  serve->add_option(
      "--access-log", flags->access_log,
      "Access log file in combined format ('-': standard output; default DATA/access.log)");
  serve->add_option("--comment-min-seconds", flags->comment_min_seconds,
                    "Seconds a comment form must be shown before it is sent (0: none)");
  serve->add_option("--comment-form-ttl", flags->comment_form_ttl,
                    "Seconds a comment form stays valid (default a day)");
  serve->add_option("--comment-rate-limit", flags->comment_rate_limit,
                    "Comments one IP may post in 10 minutes (0: no limit)");
  serve->add_option("--comment-max-links", flags->comment_max_links, "Links one comment may hold");
  serve->add_option("--blog-list-seconds", flags->blog_list_seconds,
                    "Seconds between reads of the feeds Blogger themes' BlogList widgets follow "
                    "(default 1800)");
  serve->add_option("--trusted-proxy", flags->trusted_proxies,
                    "A proxy (IP address or CIDR network; repeatable) whose Forwarded or "
                    "X-Forwarded-For/-Proto/-Host headers say who the client is");
  serve->add_option("--tls-cert", flags->tls_cert,
                    "HTTPS: the certificate chain (PEM, leaf first), read again on SIGHUP");
  serve->add_option("--tls-key", flags->tls_key, "HTTPS: the certificate's private key (PEM)");
  serve->add_option("--http-port", flags->http_port,
                    "With HTTPS: also serve plain HTTP on this port (e.g. 80), which redirects "
                    "to https and answers ACME's challenges (0: any free port)");
  serve->add_flag("--hsts", flags->hsts,
                  "Send Strict-Transport-Security (a year) on HTTPS answers: browsers then "
                  "refuse plain HTTP to the blogs");
  serve
      ->add_option("--log-level", flags->log_level,
                   "Least severe error-log line written to standard error")
      ->check(CLI::IsMember({"error", "warn", "info", "debug"}));
  serve
      ->add_option("--metrics-token", flags->metrics_token,
                   "A token (16 characters or more) that opens /metrics from anywhere, sent "
                   "as 'Authorization: Bearer TOKEN'; without it only loopback peers may read it")
      ->envname("SAMIZDAT_METRICS_TOKEN");
  AddAcmeFlags(*serve, flags->acme);
  serve->callback([&global, &exit_code, flags] { exit_code = Serve(global, *flags); });
}

}  // namespace samizdat::app
