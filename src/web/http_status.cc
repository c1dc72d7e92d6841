// HttpStatusOf, ErrorHeaders and ErrorResponse.
#include "web/http_status.h"

#include <string>

namespace samizdat::web {
namespace {

// Seconds a client is told to wait while the database is away.
constexpr std::string_view kRetryAfterSeconds = "5";

}  // namespace

int HttpStatusOf(const Status& status) {
  switch (status.code()) {
    case Status::Code::kNotFound: return 404;
    case Status::Code::kInvalidArgument: return 400;
    case Status::Code::kConflict: return 409;
    case Status::Code::kPermissionDenied: return 403;
    case Status::Code::kUnavailable: return 503;
    case Status::Code::kOk:
    case Status::Code::kInternal: break;
  }
  return 500;
}

std::vector<http::Header> ErrorHeaders(const Status& status) {
  if (status.code() != Status::Code::kUnavailable) return {};
  return {{"Retry-After", std::string(kRetryAfterSeconds)}};
}

http::Response ErrorResponse(std::string_view what, const Status& status) {
  http::Response response = http::Response::Text(
      HttpStatusOf(status), std::string(what) + ": " + status.message() + "\n");
  for (http::Header& header : ErrorHeaders(status)) response.headers.push_back(std::move(header));
  return response;
}

}  // namespace samizdat::web
