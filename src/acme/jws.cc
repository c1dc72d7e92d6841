// SignJws and KeyAuthorization, on Boost.JSON and EcKey.
#include "acme/jws.h"

#include <boost/json.hpp>

namespace samizdat::acme {

Result<std::string> SignJws(const EcKey& key, std::string_view kid, std::string_view nonce,
                            std::string_view url, std::string_view payload) {
  boost::json::object header;
  header["alg"] = "ES256";
  if (kid.empty()) {
    header["jwk"] = boost::json::parse(key.Jwk());
  } else {
    header["kid"] = kid;
  }
  header["nonce"] = nonce;
  header["url"] = url;
  std::string protected64 = Base64Url(boost::json::serialize(header));
  std::string payload64 = Base64Url(payload);
  auto signature = key.SignEs256(protected64 + "." + payload64);
  if (!signature.ok()) return signature.status();
  boost::json::object jws;
  jws["protected"] = protected64;
  jws["payload"] = payload64;
  jws["signature"] = Base64Url(*signature);
  return boost::json::serialize(jws);
}

std::string KeyAuthorization(std::string_view token, const EcKey& account_key) {
  return std::string(token) + "." + account_key.Thumbprint();
}

}  // namespace samizdat::acme
