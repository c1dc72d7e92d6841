// Site::AcmeChallenge: the key authorizations of ACME HTTP-01 challenges, from the store.
#include "core/time.h"
#include "web/route.h"
#include "web/site.h"

namespace samizdat::web {

http::Response Site::AcmeChallenge(const http::Request&, const RouteMatch& match) {
  auto key_authorization = store_.GetAcmeChallenge(match.captures.file, Now());
  if (key_authorization.ok()) {
    http::Response response =
        http::Response::Text(200, std::move(*key_authorization), "application/octet-stream");
    response.headers.push_back({"Cache-Control", "no-store"});
    return response;
  }
  if (key_authorization.status().IsNotFound()) {
    return http::Response::Text(404, "No such ACME challenge.\n");
  }
  return http::Response::Text(503, "The database is unavailable; try again.\n");
}

}  // namespace samizdat::web
