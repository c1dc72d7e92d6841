// TlsCertificates: PEM parsed with OpenSSL into one server context (SSL_CTX) per
// certificate; the server's own context switches each handshake to one of them by SNI,
// and to a TLS-ALPN-01 challenge certificate when the client offers only "acme-tls/1".
#include "http/tls_certificates.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "core/openssl.h"
#include "core/strings.h"

namespace samizdat::http {
namespace {

constexpr std::string_view kAcmeTls = "acme-tls/1";
constexpr std::string_view kHttp11 = "http/1.1";
// Every context carries the same session id context, so that SSL_set_SSL_CTX keeps a
// resumed session valid across the switch.
constexpr unsigned char kSessionContext[] = "samizdat";

using CtxPtr = OpenSslPtr<SSL_CTX, SSL_CTX_free>;
using X509Ptr = OpenSslPtr<X509, X509_free>;
using KeyPtr = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;

// OpenSSL's queued errors, as one line; clears the queue.
std::string OpenSslErrors() {
  std::string text;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text.empty() ? "no detail" : text;
}

// One certificate with its key and chain, ready to be switched to.
struct Entry {
  CtxPtr context;
  X509Ptr leaf;  // for the challenge switch (SSL_use_certificate)
  KeyPtr key;
  std::chrono::system_clock::time_point not_after;
};

// Parses and checks a chain and key; nothing else is touched.
Result<std::shared_ptr<Entry>> MakeEntry(std::string_view chain_pem, std::string_view key_pem) {
  ERR_clear_error();
  BioPtr chain_bio = MemoryBio(chain_pem);
  X509Ptr leaf(PEM_read_bio_X509(chain_bio.get(), nullptr, nullptr, nullptr));
  if (!leaf) {
    return Status::InvalidArgument("no PEM certificate found (" + OpenSslErrors() + ")");
  }
  std::vector<X509Ptr> intermediates;
  while (X509* next = PEM_read_bio_X509(chain_bio.get(), nullptr, nullptr, nullptr)) {
    intermediates.emplace_back(next);
  }
  ERR_clear_error();  // the end of the chain reads as an error
  BioPtr key_bio = MemoryBio(key_pem);
  KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (!key) {
    return Status::InvalidArgument("no PEM private key found (" + OpenSslErrors() + ")");
  }
  CtxPtr context(SSL_CTX_new(TLS_server_method()));
  if (!context) return Status::Internal("SSL_CTX_new failed: " + OpenSslErrors());
  if (SSL_CTX_use_certificate(context.get(), leaf.get()) != 1) {
    return Status::InvalidArgument("the certificate cannot be used (" + OpenSslErrors() + ")");
  }
  for (X509Ptr& intermediate : intermediates) {
    if (SSL_CTX_add1_chain_cert(context.get(), intermediate.get()) != 1) {
      return Status::InvalidArgument("a chain certificate cannot be used (" + OpenSslErrors() +
                                     ")");
    }
  }
  if (SSL_CTX_use_PrivateKey(context.get(), key.get()) != 1 ||
      SSL_CTX_check_private_key(context.get()) != 1) {
    ERR_clear_error();
    return Status::InvalidArgument("the private key does not belong to the certificate");
  }
  SSL_CTX_set_session_id_context(context.get(), kSessionContext, sizeof kSessionContext - 1);
  auto entry = std::make_shared<Entry>();
  const auto not_after = CertificateNotAfter(leaf.get());
  if (!not_after) return Status::InvalidArgument("the certificate's expiry cannot be read");
  entry->not_after = *not_after;
  entry->context = std::move(context);
  entry->leaf = std::move(leaf);
  entry->key = std::move(key);
  return entry;
}

// True when the client's ALPN list (wire format) holds `protocol`.
bool Offers(const unsigned char* in, unsigned int in_length, std::string_view protocol) {
  for (unsigned int i = 0; i < in_length;) {
    const unsigned int length = in[i++];
    if (i + length > in_length) return false;
    if (std::string_view(reinterpret_cast<const char*>(in + i), length) == protocol) return true;
    i += length;
  }
  return false;
}

Result<std::string> ReadFile(const std::string& path, std::string_view what) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Status::NotFound("cannot read the " + std::string(what) + " file " + path + ": " +
                            std::strerror(errno));
  }
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

}  // namespace

class TlsCertificates::Impl {
 public:
  Status Set(std::string_view host, std::string_view chain_pem, std::string_view key_pem,
             bool challenge) {
    auto entry = MakeEntry(chain_pem, key_pem);
    if (!entry.ok()) return entry.status();
    // OpenSSL asks the context a handshake has switched to (OnServerName) for ALPN.
    SSL_CTX_set_alpn_select_cb((*entry)->context.get(), &OnAlpn, this);
    std::unique_lock lock(mu_);
    auto& map = challenge ? challenges_ : hosts_;
    map[AsciiLower(host)] = std::move(*entry);
    return Status::Ok();
  }

  void ClearChallenge(std::string_view host) {
    std::unique_lock lock(mu_);
    challenges_.erase(AsciiLower(host));
  }

  // The certificate for `host`; `fallback`: else the default one.
  std::shared_ptr<const Entry> Find(std::string_view host, bool challenge,
                                    bool fallback = false) const {
    std::shared_lock lock(mu_);
    const auto& map = challenge ? challenges_ : hosts_;
    if (auto it = map.find(AsciiLower(host)); it != map.end()) return it->second;
    if (!fallback) return nullptr;
    if (auto it = map.find(""); it != map.end()) return it->second;
    return nullptr;
  }

  bool empty() const {
    std::shared_lock lock(mu_);
    return hosts_.empty();
  }

  // SNI: the handshake goes on with the host's certificate (or the default one).
  static int OnServerName(SSL* ssl, int* alert, void* arg) {
    const auto* self = static_cast<const Impl*>(arg);
    const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    auto entry = self->Find(name != nullptr ? name : "", /*challenge=*/false, /*fallback=*/true);
    // A host's first certificate, ordered over TLS-ALPN-01: only the challenge's is there
    // (OnAlpn then shows it to "acme-tls/1"; anyone else gets a certificate they refuse).
    if (!entry && name != nullptr) entry = self->Find(name, /*challenge=*/true);
    if (!entry) {
      *alert = SSL_AD_UNRECOGNIZED_NAME;
      return SSL_TLSEXT_ERR_ALERT_FATAL;
    }
    SSL_set_SSL_CTX(ssl, entry->context.get());
    return SSL_TLSEXT_ERR_OK;
  }

  // ALPN: http/1.1, or for an ACME server's "acme-tls/1" the host's challenge
  // certificate (chosen here, as Apache's mod_ssl does, before the certificate is sent).
  static int OnAlpn(SSL* ssl, const unsigned char** out, unsigned char* out_length,
                    const unsigned char* in, unsigned int in_length, void* arg) {
    const auto* self = static_cast<const Impl*>(arg);
    if (Offers(in, in_length, kAcmeTls)) {
      const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
      auto entry = name != nullptr ? self->Find(name, /*challenge=*/true) : nullptr;
      if (!entry || SSL_use_certificate(ssl, entry->leaf.get()) != 1 ||
          SSL_use_PrivateKey(ssl, entry->key.get()) != 1) {
        return SSL_TLSEXT_ERR_ALERT_FATAL;
      }
      return Select(kAcmeTls, in, in_length, out, out_length);
    }
    if (Offers(in, in_length, kHttp11)) return Select(kHttp11, in, in_length, out, out_length);
    return SSL_TLSEXT_ERR_NOACK;  // h2 only, say: go on without ALPN, as HTTP/1.1
  }

  // Points `out` at `protocol` within the client's list `in` (OpenSSL keeps that alive).
  static int Select(std::string_view protocol, const unsigned char* in, unsigned int in_length,
                    const unsigned char** out, unsigned char* out_length) {
    for (unsigned int i = 0; i < in_length;) {
      const unsigned int length = in[i++];
      if (std::string_view(reinterpret_cast<const char*>(in + i), length) == protocol) {
        *out = in + i;
        *out_length = static_cast<unsigned char>(length);
        return SSL_TLSEXT_ERR_OK;
      }
      i += length;
    }
    return SSL_TLSEXT_ERR_NOACK;
  }

 private:
  mutable std::shared_mutex mu_;
  // host (lowercase; "" for the default) -> its certificate.
  std::unordered_map<std::string, std::shared_ptr<const Entry>> hosts_;
  std::unordered_map<std::string, std::shared_ptr<const Entry>> challenges_;
};

Result<PemPair> ReadPemFiles(const std::string& chain_path, const std::string& key_path) {
  auto chain = ReadFile(chain_path, "certificate");
  if (!chain.ok()) return chain.status();
  auto key = ReadFile(key_path, "private key");
  if (!key.ok()) return key.status();
  // Checked here too, so that the message can name the file.
  if (auto entry = MakeEntry(*chain, *key); !entry.ok()) {
    const bool key_problem = entry.status().message().find("key") != std::string::npos;
    return Status::InvalidArgument((key_problem ? key_path : chain_path) + ": " +
                                   entry.status().message());
  }
  return PemPair{std::move(*chain), std::move(*key)};
}

TlsCertificates::TlsCertificates() : impl_(std::make_unique<Impl>()) {}
TlsCertificates::~TlsCertificates() = default;

Status TlsCertificates::SetDefault(std::string_view chain_pem, std::string_view key_pem) {
  return impl_->Set("", chain_pem, key_pem, /*challenge=*/false);
}

Status TlsCertificates::Set(std::string_view host, std::string_view chain_pem,
                            std::string_view key_pem) {
  if (host.empty()) return Status::InvalidArgument("a certificate's host name is empty");
  return impl_->Set(host, chain_pem, key_pem, /*challenge=*/false);
}

std::optional<std::chrono::system_clock::time_point> TlsCertificates::NotAfter(
    std::string_view host) const {
  auto entry = impl_->Find(host, /*challenge=*/false);
  if (!entry) return std::nullopt;
  return entry->not_after;
}

Status TlsCertificates::SetAlpnChallenge(std::string_view host, std::string_view cert_pem,
                                         std::string_view key_pem) {
  if (host.empty()) return Status::InvalidArgument("a challenge's host name is empty");
  return impl_->Set(host, cert_pem, key_pem, /*challenge=*/true);
}

void TlsCertificates::ClearAlpnChallenge(std::string_view host) { impl_->ClearChallenge(host); }

bool TlsCertificates::empty() const { return impl_->empty(); }

void TlsCertificates::InstallOn(ssl_ctx_st* context) const {
  SSL_CTX_set_session_id_context(context, kSessionContext, sizeof kSessionContext - 1);
  SSL_CTX_set_tlsext_servername_callback(context, &Impl::OnServerName);
  SSL_CTX_set_tlsext_servername_arg(context, impl_.get());
  SSL_CTX_set_alpn_select_cb(context, &Impl::OnAlpn, impl_.get());
}

}  // namespace samizdat::http
