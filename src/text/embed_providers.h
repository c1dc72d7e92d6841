// The origins a post body may embed in an <iframe>: the sanitizer's allowlist of embed
// providers (embed_url.h), for a page's Content-Security-Policy frame-src.
#pragma once

#include <string>
#include <vector>

namespace samizdat::text {

// "https://HOST" for each host of an embed provider, each once, in the allowlist's
// order. The sanitizer writes every iframe src it keeps with https and one of these
// hosts. Thread-safe.
const std::vector<std::string>& EmbedOrigins();

}  // namespace samizdat::text
