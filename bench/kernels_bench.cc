// samizdat_bench_kernels: Google Benchmark timings of the per-request and per-write
// kernels — the item page render, the page cache entry, Markdown, the sanitizer, slugs.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/model.h"
#include "core/time.h"
#include "render/build.h"
#include "render/head_content.h"
#include "render/theme.h"
#include "render/view.h"
#include "service/page_cache.h"
#include "synthetic_text.h"
#include "text/html_text.h"
#include "text/markdown.h"
#include "text/sanitize.h"
#include "text/slug.h"

namespace samizdat::bench {
namespace {

constexpr int kWords = 800;
constexpr int kPosts = 10'000;

std::string MarkdownBody() { return ContentGenerator(1).MarkdownBody(kWords); }

std::string HtmlBody() {
  auto html = text::MarkdownToHtml(MarkdownBody());
  return html.ok() ? *html : std::string();
}

Blog BenchBlog() {
  Blog blog;
  blog.id = 42;
  blog.host = "bench.test";
  blog.title = "Bench blog";
  blog.description = "Synthetic posts for measuring samizdat.";
  blog.time_zone = "Europe/Paris";
  return blog;
}

// The sidebar of a blog of kPosts posts over ten years, with all its labels and pages.
render::Sidebar BenchSidebar(const Blog& blog, const TimeZone& zone) {
  const Time first = zone.FromLocal(2015, 1, 1);
  const auto slot = (zone.FromLocal(2025, 1, 1) - first) / kPosts;
  std::vector<Time> times;
  for (int i = kPosts - 1; i >= 0; --i) times.push_back(first + slot * i);
  std::vector<LabelCount> labels;
  for (const std::string& name : ContentGenerator::LabelPool()) labels.push_back({name, 500});
  std::vector<render::PageLink> pages = {
      {"About", "/p/about.html"}, {"Contact", "/p/contact.html"}, {"Colophon", "/p/colophon.html"}};
  return render::MakeSidebar(blog, zone, times, labels, pages, 2020);
}

constexpr std::string_view kBaseUrl = "https://bench.example";

// An item page as the site builds it for a blog of kPosts posts over ten years; the
// sidebar's HTML is rendered once, as the site keeps it per blog generation.
render::PageView ItemPage(const Blog& blog, const TimeZone& zone) {
  ContentGenerator content(7);
  Post post;
  post.id = 1234567890123456789;
  post.blog_id = blog.id;
  post.status = PostStatus::kPublished;
  post.title = content.Title();
  post.path = "/2020/06/" + text::BloggerSlug(post.title) + ".html";
  post.body_html = text::SanitizeHtml(HtmlBody(), text::SanitizePolicy::kPostBody);
  post.author = "Bench Author";
  post.labels = content.Labels();
  post.published = zone.FromLocal(2020, 6, 14, 16, 18);
  post.updated = post.published;
  post.comment_count = 2;

  render::PageView view;
  view.kind = render::PageKind::kItem;
  view.blog = render::MakeBlogView(blog);
  view.title = blog.title + ": " + post.title;
  view.canonical_url = post.path;
  view.posts.push_back(render::MakePostView(blog, zone, post, kBaseUrl));
  view.pager = {"/2020/06/newer-post.html", "/2020/06/older-post.html", "/"};
  view.sidebar_html = render::Theme::Default().RenderSidebar(BenchSidebar(blog, zone), "");
  view.head_html = render::HeadContentHtml(blog, view, std::string(kBaseUrl));
  return view;
}

// Runs `render` once per iteration, counting the bytes it produces as processed.
template <typename Render>
void MeasureOutput(benchmark::State& state, Render render) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string out = render();
    bytes += out.size();
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

// An uncached item page: the post render with the sidebar's HTML given.
void BM_RenderItemPage(benchmark::State& state) {
  const Blog blog = BenchBlog();
  const TimeZone zone = *TimeZone::Find(blog.time_zone);
  const render::PageView view = ItemPage(blog, zone);
  const render::Theme theme = render::Theme::Default();
  MeasureOutput(state, [&] { return theme.Render(view); });
}
BENCHMARK(BM_RenderItemPage);

// The same page without a sidebar: what the page itself costs.
void BM_RenderItemPageNoSidebar(benchmark::State& state) {
  const Blog blog = BenchBlog();
  const TimeZone zone = *TimeZone::Find(blog.time_zone);
  render::PageView view = ItemPage(blog, zone);
  view.sidebar_html.clear();
  const render::Theme theme = render::Theme::Default();
  MeasureOutput(state, [&] { return theme.Render(view); });
}
BENCHMARK(BM_RenderItemPageNoSidebar);

// The sidebar alone: once per blog generation (and per search query on search pages).
void BM_RenderSidebar(benchmark::State& state) {
  const Blog blog = BenchBlog();
  const TimeZone zone = *TimeZone::Find(blog.time_zone);
  const render::Sidebar sidebar = BenchSidebar(blog, zone);
  const render::Theme theme = render::Theme::Default();
  MeasureOutput(state, [&] { return theme.RenderSidebar(sidebar, ""); });
}
BENCHMARK(BM_RenderSidebar);

// What every rendered page goes through before it is sent or cached: the ETag (a hash
// of the bytes) and the gzip copy.
void BM_CachedPageMake(benchmark::State& state) {
  const Blog blog = BenchBlog();
  const TimeZone zone = *TimeZone::Find(blog.time_zone);
  const std::string page = render::Theme::Default().Render(ItemPage(blog, zone));
  for (auto _ : state) {
    auto cached = service::CachedPage::Make(200, "text/html; charset=utf-8", page, blog.updated);
    benchmark::DoNotOptimize(cached);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * page.size()));
}
BENCHMARK(BM_CachedPageMake);

// The view building an uncached item page does besides Render (the sidebar is cached
// per blog generation by the site, so it is not included).
void BM_MakePostView(benchmark::State& state) {
  const Blog blog = BenchBlog();
  const TimeZone zone = *TimeZone::Find(blog.time_zone);
  const render::PageView view = ItemPage(blog, zone);
  Post post;
  post.id = 1234567890123456789;
  post.title = view.posts[0].title;
  post.path = view.canonical_url;
  post.body_html = view.posts[0].body_html;
  post.body_text = text::HtmlToText(post.body_html).substr(0, 400);  // as GetItemPage reads it
  post.labels = {"Travel", "Local news"};
  post.published = zone.FromLocal(2020, 6, 14, 16, 18);
  for (auto _ : state) {
    render::PostView pv = render::MakePostView(blog, zone, post, kBaseUrl);
    benchmark::DoNotOptimize(pv);
  }
}
BENCHMARK(BM_MakePostView);

// The head an uncached item page adds (title, description, feeds, Open Graph, JSON-LD).
void BM_HeadContent(benchmark::State& state) {
  const Blog blog = BenchBlog();
  const TimeZone zone = *TimeZone::Find(blog.time_zone);
  const render::PageView view = ItemPage(blog, zone);
  const std::string base(kBaseUrl);
  MeasureOutput(state, [&] { return render::HeadContentHtml(blog, view, base); });
}
BENCHMARK(BM_HeadContent);

void BM_SanitizeHtml(benchmark::State& state) {
  const std::string html = HtmlBody();
  for (auto _ : state) {
    std::string clean = text::SanitizeHtml(html, text::SanitizePolicy::kPostBody);
    benchmark::DoNotOptimize(clean);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * html.size()));
}
BENCHMARK(BM_SanitizeHtml);

// Hostile nesting (issue 15): 50,000 start tags nested, next to the same 50,000 elements
// side by side as the baseline. A sanitizer linear in its input takes about as long for
// both; gumbo alone takes seconds (blockquote) to tens of seconds (ul/li) for the deep one.
constexpr const char* kNestedOpen[] = {"<blockquote>", "<ul><li>", "<div>", "<b><p>"};
constexpr const char* kNestedClose[] = {"</blockquote>", "</li></ul>", "</div>", "</p></b>"};
constexpr int kNestedCount = 50000;

void BM_SanitizeDeep(benchmark::State& state) {
  std::string html;
  for (int i = 0; i < kNestedCount; ++i) html += kNestedOpen[state.range(0)];
  html += "x";
  for (auto _ : state) {
    std::string clean = text::SanitizeHtml(html, text::SanitizePolicy::kPostBody);
    benchmark::DoNotOptimize(clean);
  }
  state.SetLabel(kNestedOpen[state.range(0)]);
}
BENCHMARK(BM_SanitizeDeep)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

void BM_SanitizeSideBySide(benchmark::State& state) {
  std::string html;
  for (int i = 0; i < kNestedCount; ++i) {
    html += kNestedOpen[state.range(0)];
    html += kNestedClose[state.range(0)];
  }
  for (auto _ : state) {
    std::string clean = text::SanitizeHtml(html, text::SanitizePolicy::kPostBody);
    benchmark::DoNotOptimize(clean);
  }
  state.SetLabel(kNestedOpen[state.range(0)]);
}
BENCHMARK(BM_SanitizeSideBySide)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

void BM_MarkdownToHtml(benchmark::State& state) {
  const std::string markdown = MarkdownBody();
  for (auto _ : state) {
    auto html = text::MarkdownToHtml(markdown);
    benchmark::DoNotOptimize(html);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * markdown.size()));
}
BENCHMARK(BM_MarkdownToHtml);

void BM_BloggerSlug(benchmark::State& state) {
  ContentGenerator content(3);
  std::vector<std::string> titles;
  for (int i = 0; i < 256; ++i) titles.push_back(content.Title());
  titles.push_back("The Café's (somewhat) brief history of simpleui.js — a re-post, don't miss it");
  std::size_t i = 0;
  for (auto _ : state) {
    std::string slug = text::BloggerSlug(titles[i++ % titles.size()]);
    benchmark::DoNotOptimize(slug);
  }
}
BENCHMARK(BM_BloggerSlug);

}  // namespace
}  // namespace samizdat::bench

BENCHMARK_MAIN();
