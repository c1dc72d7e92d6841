// Delivery of a rendered page over HTTP: validators (ETag, Last-Modified), 304 on a
// match, and the gzip copy for clients that accept it.
#pragma once

#include <string>
#include <string_view>

#include "http/server.h"
#include "service/page_cache.h"

namespace samizdat::web {

// The response for `page` as `request` asks for it: 304 when If-None-Match names the
// ETag (or If-Modified-Since is not older than Last-Modified and If-None-Match is
// absent), the gzip body when Accept-Encoding allows gzip and the page has one, the
// plain body otherwise.
http::Response Deliver(const http::Request& request, const service::CachedPage& page);

// Whether an If-None-Match value names `etag` (a quoted ETag; "*" names any, and a
// weak W/ tag compares as its strong twin).
bool EtagMatches(std::string_view if_none_match, const std::string& etag);

// Whether the client accepts a gzip body (Accept-Encoding, q=0 honoured).
bool AcceptsGzip(const http::Request& request);

}  // namespace samizdat::web
