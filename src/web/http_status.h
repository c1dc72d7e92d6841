// HttpStatusOf: the one mapping from a failed Status (core/status.h) to an HTTP answer,
// shared by the public site and the admin, so the same failure gets the same status.
//
// Thread safety: pure functions.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/server.h"

namespace samizdat::web {

// NotFound 404, InvalidArgument 400, Conflict 409, PermissionDenied 403, Unavailable
// 503 (the database is away for now: PostgreSQL reconnects by itself), Internal 500.
// `status` must not be OK.
int HttpStatusOf(const Status& status);

// The headers an answer to `status` carries: Retry-After for Unavailable.
std::vector<http::Header> ErrorHeaders(const Status& status);

// The plain-text answer to a failure: "`what`: <the status's message>", with
// HttpStatusOf and ErrorHeaders. The admin renders the same in its layout
// (admin::Context::Error).
http::Response ErrorResponse(std::string_view what, const Status& status);

}  // namespace samizdat::web
