// CSRF by origin: whether a state-changing request was sent by the blog's own pages, as
// the browser says in Origin, Sec-Fetch-Site or Referer. The router asks this once for
// every request other than GET and HEAD, before any handler reads the form; the
// tokens (the admin's CSRF token, the comment and sign-in form tokens) are checked after.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "http/server.h"

namespace samizdat::web {

// "http://host[:port]" or "https://...": the blog's origin as the client sees it — the
// scheme by request.secure, the host as sent (or as a trusted proxy says), lower case,
// without the scheme's default port.
std::string OwnOrigin(const http::Request& request);

// False when the request says it comes from elsewhere:
//   - Origin present: it must be OwnOrigin ("null" and anything unparsable are foreign);
//   - else Sec-Fetch-Site present: it must be "same-origin" or "none" (typed by the user);
//   - else Referer present: its scheme, host and port must be OwnOrigin's.
// With none of the three (an old browser, a script) it is true: the token decides.
bool FromOwnOrigin(const http::Request& request);

// What a person is told when FromOwnOrigin is false.
inline constexpr std::string_view kForeignFormMessage =
    "This form was sent from another site, so nothing was changed. If you sent it "
    "yourself, open the page on this blog again and send it from there.";

}  // namespace samizdat::web
