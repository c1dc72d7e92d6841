// TlsFiles: the PEM files of --tls-cert and --tls-key, loaded at start and on SIGHUP.
#include "app/tls_files.h"

#include <chrono>
#include <iostream>
#include <utility>

#include "core/time.h"

namespace samizdat::app {
namespace {

// An expired certificate still serves (better than none while a renewal is fixed), but
// the operator is told: browsers will refuse it.
void WarnIfExpired(const http::TlsCertificates& certificates, const std::string& path) {
  const auto not_after = certificates.NotAfter("");
  if (not_after && *not_after < std::chrono::system_clock::now()) {
    std::cerr << "samizdat: warning: the certificate " << path << " expired on "
              << FormatHttpDate(std::chrono::time_point_cast<Time::duration>(*not_after))
              << "; browsers will refuse it" << std::endl;
  }
}

}  // namespace

Result<TlsFiles> TlsFiles::Load(std::string chain_path, std::string key_path) {
  auto pem = http::ReadPemFiles(chain_path, key_path);
  if (!pem.ok()) return pem.status();
  TlsFiles files;
  files.chain_path_ = std::move(chain_path);
  files.key_path_ = std::move(key_path);
  files.certificates_ = std::make_shared<http::TlsCertificates>();
  if (Status set = files.certificates_->SetDefault(pem->chain, pem->key); !set.ok()) return set;
  WarnIfExpired(*files.certificates_, files.chain_path_);
  return files;
}

void TlsFiles::Reload() const {
  auto pem = http::ReadPemFiles(chain_path_, key_path_);
  Status set = pem.ok() ? certificates_->SetDefault(pem->chain, pem->key) : pem.status();
  if (!set.ok()) {
    std::cerr << "samizdat: SIGHUP: the certificate was not reloaded, the one in force stays: "
              << set.message() << std::endl;
    return;
  }
  std::cout << "samizdat: SIGHUP: reloaded the certificate " << chain_path_ << std::endl;
  WarnIfExpired(*certificates_, chain_path_);
}

}  // namespace samizdat::app
