// The signed requests of ACME (RFC 8555 §6.2): a JWS in flattened JSON serialization,
// ES256, its protected header carrying the nonce and URL and either the account key
// (jwk, for newAccount) or the account's URL (kid, for everything after). Also the key
// authorization a challenge's answer carries (RFC 8555 §8.1).
#pragma once

#include <string>
#include <string_view>

#include "acme/ec_key.h"
#include "core/status.h"

namespace samizdat::acme {

// {"protected":…,"payload":…,"signature":…} for a POST to `url`. `kid` empty: the header
// carries the key's JWK. `payload` is the JSON text sent; empty for a POST-as-GET
// (RFC 8555 §6.3), whose payload is the empty string. Internal when signing fails.
Result<std::string> SignJws(const EcKey& key, std::string_view kid, std::string_view nonce,
                            std::string_view url, std::string_view payload);

// token "." base64url(thumbprint of the account key).
std::string KeyAuthorization(std::string_view token, const EcKey& account_key);

}  // namespace samizdat::acme
