// OpenSSL's objects as RAII handles (OpenSslPtr<X509, X509_free> frees with the object's
// own function), memory BIOs, and a certificate's expiry: what http's certificates and
// the acme client both need. Header-only; the including target links OpenSSL.
//
// Thread safety: pure functions; safe from any thread.
#pragma once

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/x509.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace samizdat {

template <auto Free>
struct OpenSslFree {
  template <typename T>
  void operator()(T* object) const {
    Free(object);
  }
};

template <typename T, auto Free>
using OpenSslPtr = std::unique_ptr<T, OpenSslFree<Free>>;

using BioPtr = OpenSslPtr<BIO, BIO_free>;

// An empty memory BIO to write to, or one reading `text` (which must outlive it); null
// when OpenSSL fails.
inline BioPtr MemoryBio() { return BioPtr(BIO_new(BIO_s_mem())); }
inline BioPtr MemoryBio(std::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// What was written to a memory BIO.
inline std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

// When `certificate` stops being valid; nullopt when its notAfter cannot be read.
inline std::optional<std::chrono::sys_seconds> CertificateNotAfter(const X509* certificate) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(certificate), &tm) != 1) return std::nullopt;
  return std::chrono::sys_seconds(std::chrono::seconds(timegm(&tm)));
}

}  // namespace samizdat
