// TlsFiles: the PEM files of --tls-cert and --tls-key, loaded at start and on SIGHUP.
#include "app/tls_files.h"

#include <iostream>
#include <utility>

namespace samizdat::app {

Result<TlsFiles> TlsFiles::Load(std::string chain_path, std::string key_path) {
  auto pem = http::ReadPemFiles(chain_path, key_path);
  if (!pem.ok()) return pem.status();
  TlsFiles files;
  files.chain_path_ = std::move(chain_path);
  files.key_path_ = std::move(key_path);
  files.certificates_ = std::make_shared<http::TlsCertificates>();
  if (Status set = files.certificates_->SetDefault(pem->chain, pem->key); !set.ok()) return set;
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
}

}  // namespace samizdat::app
