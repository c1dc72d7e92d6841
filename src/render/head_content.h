// Head content: what every theme's <head> holds beyond its own markup — <title> as
// Blogger writes it, the meta description, the canonical URL, the feed links,
// Open Graph and Twitter card tags (with the post's first image) and a JSON-LD
// BlogPosting on post pages. The default theme's page.mustache inserts it; a Blogger
// theme gets it from its all-head-content includable. Pure; thread-safe.
#pragma once

#include <string>

#include "core/model.h"
#include "render/view.h"

namespace samizdat::render {

// The head's HTML for `view` (escaped where it holds text). `base_url` is
// "https://example.com", for the absolute URLs Open Graph and the canonical link need.
std::string HeadContentHtml(const Blog& blog, const PageView& view, const std::string& base_url);

}  // namespace samizdat::render
