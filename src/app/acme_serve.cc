// AcmeRunner: the flags checked, a TlsCertificates sink, and the check thread.
#include "app/acme_serve.h"

#include <openssl/rand.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <thread>

#include "core/log.h"
#include "core/time.h"
#include "http/tls_certificates.h"
#include "service/certificates.h"

namespace samizdat::app {
namespace {

void Log(log::Level level, std::string_view line) {
  log::Write(level, "samizdat: " + std::string(line));
}

class TlsSink : public service::CertificateSink {
 public:
  explicit TlsSink(http::TlsCertificates& certificates) : certificates_(certificates) {}
  Status Install(const std::string& host, const std::string& chain_pem,
                 const std::string& key_pem) override {
    return certificates_.Set(host, chain_pem, key_pem);
  }
  Status SetAlpnChallenge(const std::string& host, const std::string& cert_pem,
                          const std::string& key_pem) override {
    return certificates_.SetAlpnChallenge(host, cert_pem, key_pem);
  }
  void ClearAlpnChallenge(const std::string& host) override {
    certificates_.ClearAlpnChallenge(host);
  }

 private:
  http::TlsCertificates& certificates_;
};

// "HOST:PID:RANDOM": this process, in the store's lease.
std::string Holder() {
  std::array<char, 256> host{};
  gethostname(host.data(), host.size() - 1);
  uint64_t random = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&random), sizeof random);
  std::array<char, 17> hex{};
  std::snprintf(hex.data(), hex.size(), "%016llx", static_cast<unsigned long long>(random));
  return std::string(host.data()) + ":" + std::to_string(getpid()) + ":" + hex.data();
}

Result<service::CertificateOptions> OptionsFrom(const AcmeFlags& flags) {
  if (flags.email.empty() || flags.email.find('@') == std::string::npos ||
      flags.email.find_first_of(" \t\r\n,<>") != std::string::npos) {
    return Status::InvalidArgument(
        "--acme needs --acme-email ADDRESS, an email address the CA may write to about the "
        "certificates");
  }
  if (!flags.directory.starts_with("https://") && !flags.directory.starts_with("http://")) {
    return Status::InvalidArgument("--acme-directory must be an http(s) URL, not " +
                                   flags.directory);
  }
  if (!flags.ca_file.empty() && !std::ifstream(flags.ca_file)) {
    return Status::InvalidArgument("--acme-ca: cannot read " + flags.ca_file);
  }
  if (flags.check_seconds < 1) {
    return Status::InvalidArgument("--acme-check-seconds must be 1 or more");
  }
  if (flags.renew_days < 1) return Status::InvalidArgument("--acme-renew-days must be 1 or more");
  service::CertificateOptions options;
  for (const std::string& type : flags.challenges) {
    if (type != "http-01" && type != "tls-alpn-01") {
      return Status::InvalidArgument("--acme-challenge must be http-01 or tls-alpn-01, not " +
                                     type);
    }
  }
  if (!flags.challenges.empty()) options.challenge_types = flags.challenges;
  options.acme.directory_url = flags.directory;
  options.acme.email = flags.email;
  options.acme.transport.ca_file = flags.ca_file;
  options.renew_before = std::chrono::hours(24 * flags.renew_days);
  options.holder = Holder();
  options.log = Log;
  return options;
}

class Runner : public AcmeRunner {
 public:
  Runner(store::Store& store, http::TlsCertificates& certificates,
         service::CertificateOptions options, std::chrono::seconds interval)
      : sink_(certificates),
        service_(store, sink_, WithCancel(std::move(options), stopping_)),
        interval_(interval) {}

  Status InstallStored() {
    auto installed = service_.InstallStored();
    if (!installed.ok()) return installed.status();
    if (*installed > 0)
      Log(log::Level::kInfo,
          "https: " + std::to_string(*installed) + " stored certificate(s) in use");
    return Status::Ok();
  }

  void Begin() override {
    thread_ = std::thread([this] {
      std::unique_lock lock(mutex_);
      do {
        lock.unlock();
        Tick();
        lock.lock();
      } while (!cv_.wait_for(lock, interval_, [this] { return stop_; }));
    });
  }

  ~Runner() override {
    stopping_ = true;  // ends an order in progress within a second
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Tick() {
    // A store that is away is said by the publisher's watch (serve_command.cc); here only
    // what is ACME's own.
    if (Status st = InstallStored(); !st.ok()) return;
    auto checked = service_.Check(Now());
    if (!checked.ok() && checked.status().code() != Status::Code::kUnavailable) {
      Log(log::Level::kWarn,
          "https: checking the certificates failed: " + checked.status().message());
    }
  }

  static service::CertificateOptions WithCancel(service::CertificateOptions options,
                                                const std::atomic<bool>& stopping) {
    options.acme.transport.cancelled = [&stopping] { return stopping.load(); };
    return options;
  }

  std::atomic<bool> stopping_{false};  // before service_, which asks it
  TlsSink sink_;
  service::CertificateService service_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace

Status CheckAcmeFlags(const AcmeFlags& flags) { return OptionsFrom(flags).status(); }

void AddAcmeFlags(CLI::App& serve, AcmeFlags& flags) {
  serve.add_flag("--acme", flags.enabled,
                 "HTTPS with certificates from an ACME CA (Let's Encrypt) for every blog host");
  serve.add_option("--acme-email", flags.email, "The contact of the ACME account (with --acme)");
  serve.add_option("--acme-directory", flags.directory,
                   "The ACME CA's directory URL (default Let's Encrypt's)");
  serve.add_option("--acme-ca", flags.ca_file,
                   "PEM roots to trust for the ACME CA instead of the system's (a test CA)");
  serve.add_option("--acme-challenge", flags.challenges,
                   "http-01 or tls-alpn-01 (repeatable, preferred first; default both)");
  serve.add_option("--acme-check-seconds", flags.check_seconds,
                   "Seconds between checks for new blogs and expiring certificates");
  serve.add_option("--acme-renew-days", flags.renew_days,
                   "Renew a certificate this many days before it expires");
}

Result<std::unique_ptr<AcmeRunner>> AcmeRunner::Create(const AcmeFlags& flags, store::Store& store,
                                                       http::TlsCertificates& certificates) {
  auto options = OptionsFrom(flags);
  if (!options.ok()) return options.status();
  auto runner = std::make_unique<Runner>(store, certificates, std::move(*options),
                                         std::chrono::seconds(flags.check_seconds));
  SAMIZDAT_RETURN_IF_ERROR(runner->InstallStored());
  return std::unique_ptr<AcmeRunner>(std::move(runner));
}

}  // namespace samizdat::app
