// The small OpenSSL helpers the acme module shares: memory BIOs as RAII handles and
// errors as Status. Internal to src/acme/.
#pragma once

#include <openssl/bio.h>
#include <openssl/err.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/openssl_ptr.h"
#include "core/status.h"

namespace samizdat::acme {

using BioPtr = OpenSslPtr<BIO, BIO_free>;

// An empty memory BIO to write to, or one reading `text`; null when OpenSSL fails.
inline BioPtr MemoryBio() { return BioPtr(BIO_new(BIO_s_mem())); }
inline BioPtr MemoryBio(std::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// What was written to a memory BIO.
inline std::string BioText(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

// Internal: "`what` failed: <OpenSSL's reason>", clearing OpenSSL's error queue.
inline Status OpenSslError(std::string_view what) {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  std::string reason =
      code != 0 ? ERR_reason_error_string(code) ? ERR_reason_error_string(code) : "unknown error"
                : "unknown error";
  return Status::Internal(std::string(what) + " failed: " + reason);
}

}  // namespace samizdat::acme
