// CertificateService: what to order and when, the account key as an instance secret, and
// the challenge answers in the store.
#include "service/certificates.h"

#include <algorithm>
#include <set>

#include "acme/certificates.h"
#include "acme/ec_key.h"

namespace samizdat::service {
namespace {

// CAs issue for public DNS names only: not for "localhost" (the first run's blog), a name
// with a port, or an IP address.
bool Orderable(const std::string& host) {
  if (!acme::IsDnsName(host) || host.find('.') == std::string::npos) return false;
  std::string_view last = std::string_view(host).substr(host.rfind('.') + 1);
  return !std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string FormatMinutes(std::chrono::seconds delay) {
  if (delay < std::chrono::minutes(2)) return std::to_string(delay.count()) + " s";
  return std::to_string(std::chrono::duration_cast<std::chrono::minutes>(delay).count()) + " min";
}

std::string Date(Time t) { return FormatRfc3339(t, TimeZone::Utc()); }

}  // namespace

// Answers http-01 from the store (any node serves it) and tls-alpn-01 through the sink.
class CertificateService::Responder : public acme::ChallengeResponder {
 public:
  Responder(CertificateService& service) : service_(service) {}

  std::vector<std::string> Types() const override { return service_.options_.challenge_types; }

  Status Present(const acme::Challenge& challenge) override {
    if (challenge.type == "http-01") {
      return service_.store_.PutAcmeChallenge(challenge.token, challenge.key_authorization,
                                              Now() + std::chrono::hours(1));
    }
    auto certificate =
        acme::MakeAlpnChallengeCertificate(challenge.host, challenge.key_authorization);
    if (!certificate.ok()) return certificate.status();
    return service_.sink_.SetAlpnChallenge(challenge.host, certificate->chain, certificate->key);
  }

  void Withdraw(const acme::Challenge& challenge) override {
    if (challenge.type == "http-01") {
      // A row left behind (the store away) expires by itself within the hour.
      (void)service_.store_.DeleteAcmeChallenge(challenge.token);
    } else {
      service_.sink_.ClearAlpnChallenge(challenge.host);
    }
  }

 private:
  CertificateService& service_;
};

CertificateService::CertificateService(store::Store& store, CertificateSink& sink,
                                       CertificateOptions options)
    : store_(store), sink_(sink), options_(std::move(options)) {
  if (!options_.log) options_.log = [](log::Level, std::string_view) {};
}

CertificateService::~CertificateService() = default;

Result<int> CertificateService::InstallStored() {
  auto stored = store_.ListCertificates();
  if (!stored.ok()) return stored.status();
  int installed = 0;
  for (const store::StoredCertificate& certificate : *stored) {
    auto [it, added] = installed_.try_emplace(certificate.host, certificate.updated);
    if (!added && it->second == certificate.updated) continue;
    it->second = certificate.updated;  // a refused one is logged once, not every minute
    if (Status st = sink_.Install(certificate.host, certificate.chain_pem, certificate.key_pem);
        !st.ok()) {
      options_.log(log::Level::kWarn, "https: the stored certificate of " + certificate.host +
                                          " cannot be used: " + st.message());
      continue;
    }
    ++installed;
  }
  return installed;
}

Result<std::vector<std::string>> CertificateService::DueHosts(Time now) {
  auto blogs = store_.ListBlogs();
  if (!blogs.ok()) return blogs.status();
  auto stored = store_.ListCertificates();
  if (!stored.ok()) return stored.status();
  std::map<std::string, Time> not_after;
  for (const store::StoredCertificate& certificate : *stored) {
    not_after[certificate.host] = certificate.not_after;
  }
  std::vector<std::string> due;
  std::set<std::string> seen;
  for (const Blog& blog : *blogs) {
    const std::string& host = blog.host;
    if (!Orderable(host) || !seen.insert(host).second) continue;
    auto held = not_after.find(host);
    if (held != not_after.end() && held->second - now > options_.renew_before) continue;
    if (auto b = backoff_.find(host); b != backoff_.end() && b->second.next_try > now) continue;
    due.push_back(host);
  }
  return due;
}

Status CertificateService::EnsureClient() {
  if (client_) return Status::Ok();
  auto fresh = acme::EcKey::Generate();
  if (!fresh.ok()) return fresh.status();
  auto fresh_pem = fresh->ToPem();
  if (!fresh_pem.ok()) return fresh_pem.status();
  // One account per CA, shared by every node: the first to ask stores its key.
  auto pem =
      store_.GetOrCreateSecret("acme account key " + options_.acme.directory_url, *fresh_pem);
  if (!pem.ok()) return pem.status();
  auto key = acme::EcKey::FromPem(*pem);
  if (!key.ok()) return key.status().WithContext("the stored ACME account key");
  client_ = std::make_unique<acme::Client>(options_.acme, std::move(*key));
  return Status::Ok();
}

Status CertificateService::Order(const std::string& host, Time now) {
  SAMIZDAT_RETURN_IF_ERROR(EnsureClient());
  Responder responder(*this);
  auto issued = client_->Issue({host}, responder);
  if (!issued.ok()) return issued.status();
  auto not_after = acme::LeafNotAfter(issued->chain);
  if (!not_after.ok()) return not_after.status();
  store::StoredCertificate certificate{host, issued->chain, issued->key, *not_after, now};
  // Served here at once; stored for the other nodes (and this one's next start).
  SAMIZDAT_RETURN_IF_ERROR(sink_.Install(host, certificate.chain_pem, certificate.key_pem));
  SAMIZDAT_RETURN_IF_ERROR(store_.PutCertificate(certificate));
  installed_[host] = now;
  options_.log(log::Level::kInfo,
               "https: " + host + ": certificate issued, valid until " + Date(*not_after));
  return Status::Ok();
}

Result<int> CertificateService::Check(Time now) {
  auto due = DueHosts(now);
  if (!due.ok()) return due.status();
  if (due->empty()) return 0;
  int issued = 0;
  for (const std::string& host : *due) {
    const auto& cancelled = options_.acme.transport.cancelled;
    if (cancelled && cancelled()) break;
    // Taken (or renewed) before each order: an order may take minutes.
    auto leased = store_.TakeLease("acme", options_.holder, Now(), Now() + options_.lease);
    if (!leased.ok()) return leased.status();
    if (!*leased) break;  // another node is ordering; its certificates arrive in the store
    // Another node may have just stored it.
    auto still_due = DueHosts(now);
    if (!still_due.ok()) return still_due.status();
    if (std::find(still_due->begin(), still_due->end(), host) == still_due->end()) continue;
    if (Status st = Order(host, now); !st.ok()) {
      if (cancelled && cancelled()) break;  // shutting down: not the CA's failure
      Backoff& b = backoff_[host];
      b.delay = b.delay.count() == 0 ? options_.first_backoff
                                     : std::min(b.delay * 2, options_.max_backoff);
      b.next_try = Now() + b.delay;
      options_.log(log::Level::kWarn, "https: " + host + ": ordering a certificate failed: " +
                                          st.message() + "; next try in " + FormatMinutes(b.delay));
      continue;
    }
    backoff_.erase(host);
    ++issued;
  }
  (void)store_.ReleaseLease("acme", options_.holder);
  return issued;
}

}  // namespace samizdat::service
