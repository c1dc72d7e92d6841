// Fuzz target: a request's raw bytes as the server takes them, without a socket: Beast's
// request parser under the server's limits, the http::Request the server fills, the body
// limit and the route table's match, then what handlers parse before they touch the store
// (Blogger's list and feed queries, WordPress's old addresses, the admin's forms and cookie).
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/server.h"
#include "web/admin/forms.h"
#include "web/feed_query.h"
#include "web/query.h"
#include "web/route.h"
#include "web/routes.h"
#include "web/wordpress_urls.h"

namespace {

namespace bhttp = boost::beast::http;
using samizdat::web::admin::Form;

constexpr std::size_t kHeaderLimit = 16 * 1024;  // ServerOptions::max_header_bytes

// Feeds `bytes` to `parser` until it has what `done` asks for; false on an error or
// when the bytes end first.
template <typename Done>
bool Feed(bhttp::request_parser<bhttp::string_body>& parser, std::string_view& bytes, Done done) {
  while (!done()) {
    boost::system::error_code ec;
    const std::size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    bytes.remove_prefix(used);
    if (ec) return false;
    if (used == 0 && !done()) return false;
  }
  return true;
}

// As the server's Session::FillRequest.
samizdat::http::Request ToRequest(const bhttp::request<bhttp::string_body>& head) {
  samizdat::http::Request request;
  request.is_head = head.method() == bhttp::verb::head;
  request.method = request.is_head ? std::string("GET") : std::string(head.method_string());
  request.target = std::string(head.target());
  request.host = std::string(head[bhttp::field::host]);
  request.remote_address = "192.0.2.1";
  for (const auto& field : head) {
    request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  }
  return request;
}

void ParseWhatHandlersParse(const samizdat::http::Request& request,
                            const samizdat::web::RouteMatch& match) {
  (void)samizdat::web::ParseListQuery(match.encoded_query);
  (void)samizdat::web::ParseFeedQuery(match.encoded_query);
  samizdat::web::OldUrlLookups lookups;
  lookups.redirect = [](std::string_view) -> samizdat::Result<std::optional<std::string>> {
    return std::optional<std::string>();
  };
  lookups.post_id_at = [](std::string_view) -> samizdat::Result<std::optional<int64_t>> {
    return std::optional<int64_t>(12);
  };
  if (samizdat::web::IsWordPressQuery(match.encoded_query)) {
    (void)samizdat::web::WordPressLocation(match.encoded_path, match.encoded_query, lookups);
  }
  if (auto query = Form::FromUrlencoded(match.encoded_query); query.ok()) {
    (void)samizdat::web::admin::PageNumber(*query);
  }
  (void)samizdat::web::admin::CookieValue(request.GetHeader("Cookie"), "samizdat_session");
  if (request.method == "POST") {
    (void)Form::FromBody(request.GetHeader("Content-Type"), request.body);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(boost::none);
  if (!Feed(parser, bytes, [&] { return parser.is_header_done(); })) return 0;

  samizdat::http::Request request = ToRequest(parser.get());
  const std::size_t limit = samizdat::web::BodyLimitFor(request);
  const std::size_t body_limit = limit == 0 ? 1024 * 1024 : limit;  // max_body_bytes
  if (auto length = parser.content_length(); length && *length > body_limit) return 0;  // 413
  parser.body_limit(body_limit);
  if (!Feed(parser, bytes, [&] { return parser.is_done(); })) return 0;
  request.body = std::move(parser.get().body());

  const samizdat::web::Routed routed =
      samizdat::web::FindRoute(samizdat::web::RouteTable(), request.method, request.target);
  if (routed.status == 200) ParseWhatHandlersParse(request, routed.match);
  return 0;
}
