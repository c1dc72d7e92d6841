// OpenSSL's errors as Status, for the acme module (its handles and memory BIOs are
// core/openssl.h's). Internal to src/acme/.
#pragma once

#include <openssl/err.h>

#include <string>
#include <string_view>

#include "core/openssl.h"
#include "core/status.h"

namespace samizdat::acme {

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
