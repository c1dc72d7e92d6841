// RenderSitemap and RenderRobotsTxt.
#include "feeds/sitemap.h"

#include "text/xml_writer.h"

namespace samizdat::feeds {

std::string RenderSitemap(std::string_view base_url, const std::vector<SitemapUrl>& urls) {
  text::XmlWriter xml;
  xml.Open("urlset", {{"xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"}});
  for (const SitemapUrl& url : urls) {
    xml.Open("url");
    xml.Element("loc", std::string(base_url) + url.path);
    xml.Element("lastmod", FormatRfc3339(url.last_modified, TimeZone::Utc()));
    xml.Close();
  }
  xml.Close();
  return std::move(xml).Finish();
}

std::string RenderRobotsTxt(std::string_view base_url) {
  return "User-agent: Mediapartners-Google\nDisallow: \n\nUser-agent: *\nDisallow: /search\n"
         "Allow: /\n\nSitemap: " +
         std::string(base_url) + "/sitemap.xml\n";
}

}  // namespace samizdat::feeds
