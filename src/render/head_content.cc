// HeadContentHtml: the <head> tags every theme shares — title, description, canonical
// link, feed links, Open Graph, Twitter card and a JSON-LD BlogPosting.
#include "render/head_content.h"

#include <boost/json.hpp>
#include <string_view>

#include "text/escape.h"

namespace samizdat::render {
namespace {

// `url` made absolute: a root-relative one ("/x") gets `base_url`; others are kept.
std::string Absolute(const std::string& base_url, const std::string& url) {
  if (url.starts_with("/") && !url.starts_with("//")) return base_url + url;
  return url;
}

void Tag(std::string& out, std::string_view open, std::string_view attr, std::string_view value) {
  out += open;
  out += attr;
  out += "=\"";
  text::AppendEscapedHtml(value, out);
  out += "\">\n";
}

void Meta(std::string& out, std::string_view kind, std::string_view name,
          std::string_view content) {
  if (content.empty()) return;
  out += "<meta ";
  out += kind;
  out += "=\"";
  out += name;
  out += "\" content=\"";
  text::AppendEscapedHtml(content, out);
  out += "\">\n";
}

void FeedLink(std::string& out, std::string_view type, const std::string& title,
              const std::string& href) {
  out += "<link rel=\"alternate\" type=\"";
  out += type;
  out += "\" title=\"";
  text::AppendEscapedHtml(title, out);
  out += "\" href=\"";
  text::AppendEscapedHtml(href, out);
  out += "\">\n";
}

// JSON that is safe inside <script>: '<', '>' and '&' (only ever inside strings) as
// \u escapes, so neither "</script>" nor "<!--" can end or change the element.
std::string ScriptSafeJson(const boost::json::value& value) {
  const std::string json = boost::json::serialize(value);
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

std::string BlogPostingJson(const Blog& blog, const PostView& post, const std::string& url,
                            const std::string& image, const std::string& description) {
  boost::json::object o;
  o["@context"] = "https://schema.org";
  o["@type"] = "BlogPosting";
  o["headline"] = post.title.empty() ? blog.title : post.title;
  if (!description.empty()) o["description"] = description;
  o["datePublished"] = post.iso_time;
  o["dateModified"] = post.iso_updated.empty() ? post.iso_time : post.iso_updated;
  if (!post.author.empty()) o["author"] = {{"@type", "Person"}, {"name", post.author}};
  if (!image.empty()) o["image"] = image;
  o["mainEntityOfPage"] = {{"@type", "WebPage"}, {"@id", url}};
  o["publisher"] = {{"@type", "Organization"}, {"name", blog.title}};
  return ScriptSafeJson(o);
}

}  // namespace

std::string HeadContentHtml(const Blog& blog, const PageView& view, const std::string& base_url) {
  const bool single = view.kind == PageKind::kItem || view.kind == PageKind::kStaticPage;
  const PostView* post = single && !view.posts.empty() ? &view.posts.front() : nullptr;
  const std::string& description =
      post != nullptr && !post->description.empty() ? post->description : blog.description;
  const std::string url =
      view.canonical_url.empty() ? std::string() : Absolute(base_url, view.canonical_url);
  std::string image;
  if (post != nullptr && !post->first_image_url.empty()) {
    image = Absolute(base_url, post->first_image_url);
  } else if (post == nullptr && !blog.banner_url.empty()) {
    image = Absolute(base_url, blog.banner_url);
  }

  std::string out;
  out.reserve(2048);
  out += "<title>";
  text::AppendEscapedHtml(view.title, out);
  out += "</title>\n";
  Meta(out, "name", "description", description);
  if (!url.empty()) Tag(out, "<link rel=\"canonical\" ", "href", url);

  const std::string feeds = base_url + view.blog.posts_feed_url;
  FeedLink(out, "application/atom+xml", blog.title + " - Atom", feeds);
  FeedLink(out, "application/rss+xml", blog.title + " - RSS", feeds + "?alt=rss");
  FeedLink(out, "application/atom+xml", blog.title + " - Comments",
           base_url + "/feeds/comments/default");
  FeedLink(out, "application/feed+json", blog.title + " - JSON Feed", base_url + "/feed.json");
  if (!view.label_feed_url.empty()) {
    FeedLink(out, "application/atom+xml", blog.title + " - Atom", base_url + view.label_feed_url);
  }
  // A post's own comments feed; a static page's too when it shows its comments.
  if (post != nullptr && (view.kind == PageKind::kItem || view.show_comments)) {
    FeedLink(out, "application/atom+xml", blog.title + " - " + post->title + " - Comments",
             base_url + post->comments_feed_url);
  }

  Meta(out, "property", "og:site_name", blog.title);
  Meta(out, "property", "og:type", view.kind == PageKind::kItem ? "article" : "website");
  Meta(out, "property", "og:title",
       post != nullptr && !post->title.empty() ? post->title : blog.title);
  Meta(out, "property", "og:description", description);
  Meta(out, "property", "og:url", url);
  Meta(out, "property", "og:image", image);
  Meta(out, "name", "twitter:card", image.empty() ? "summary" : "summary_large_image");

  if (view.kind == PageKind::kItem && post != nullptr) {
    out += "<script type=\"application/ld+json\">";
    out += BlogPostingJson(blog, *post, url, image, description);
    out += "</script>\n";
  }
  return out;
}

}  // namespace samizdat::render
