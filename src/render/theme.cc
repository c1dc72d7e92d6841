// Theme: loading theme files (embedded or from a directory), inlining partials, parsing
// once, and rendering a PageView with a pool of parsed templates.
#include "render/theme.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "render/theme_data.h"
#include "render/theme_files.h"

namespace samizdat::render {

using Mustache = kainjow::mustache::mustache;
using Files = std::map<std::string, std::string, std::less<>>;

namespace {

constexpr std::string_view kRequiredFiles[] = {"page.mustache",     "post.mustache",
                                               "sidebar.mustache",  "comments.mustache",
                                               "pager.mustache",    "style.css"};
constexpr int kMaxPartialDepth = 8;

// Replaces every {{> name}} in `text` with the file "name.mustache" (or "name" when the
// name has an extension), recursively.
Status InlinePartials(const Files& files, std::string_view file_name, int depth,
                      std::string* out) {
  if (depth > kMaxPartialDepth) {
    return Status::InvalidArgument("theme partials nest too deeply at " +
                                   std::string(file_name) + " (does a partial include itself?)");
  }
  const std::string& text = files.find(file_name)->second;
  size_t pos = 0;
  while (true) {
    const size_t open = text.find("{{>", pos);
    if (open == std::string::npos) break;
    const size_t close = text.find("}}", open);
    if (close == std::string::npos) {
      return Status::InvalidArgument("theme file " + std::string(file_name) +
                                     ": unclosed partial tag");
    }
    out->append(text, pos, open - pos);
    std::string_view name(text.data() + open + 3, close - open - 3);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    std::string partial(name);
    if (partial.find('.') == std::string::npos) partial += ".mustache";
    if (files.find(partial) == files.end()) {
      return Status::InvalidArgument("theme file " + std::string(file_name) +
                                     " includes a missing partial: " + partial);
    }
    SAMIZDAT_RETURN_IF_ERROR(InlinePartials(files, partial, depth + 1, out));
    pos = close + 2;
  }
  out->append(text, pos, std::string::npos);
  return Status::Ok();
}

// Lets kainjow's stream-based render append to a std::string.
struct StringSink {
  std::string* out;
};
StringSink& operator<<(StringSink& sink, const std::string& s) {
  sink.out->append(s);
  return sink;
}

}  // namespace

struct Theme::Impl {
  std::string source;             // page.mustache with its partials inlined
  kainjow::mustache::data base;   // values shared by every page: style_css
  // kainjow's render is not const, so each concurrent render takes its own parsed copy.
  mutable std::mutex mu;
  mutable std::vector<std::unique_ptr<Mustache>> pool;  // guarded by mu

  std::unique_ptr<Mustache> Acquire() const {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!pool.empty()) {
        std::unique_ptr<Mustache> m = std::move(pool.back());
        pool.pop_back();
        return m;
      }
    }
    return std::make_unique<Mustache>(source);
  }
  void Release(std::unique_ptr<Mustache> m) const {
    std::lock_guard<std::mutex> lock(mu);
    pool.push_back(std::move(m));
  }
};

namespace {

Result<std::shared_ptr<Theme::Impl>> Load(const Files& files) {
  for (std::string_view name : kRequiredFiles) {
    if (files.find(name) == files.end()) {
      return Status::InvalidArgument("theme file missing: " + std::string(name));
    }
  }
  // Parse each template alone first, so that an error names its file.
  for (const auto& [name, text] : files) {
    if (!name.ends_with(".mustache")) continue;
    Mustache parsed(text);
    if (!parsed.is_valid()) {
      return Status::InvalidArgument("theme file " + name + ": " + parsed.error_message());
    }
  }
  auto impl = std::make_shared<Theme::Impl>();
  SAMIZDAT_RETURN_IF_ERROR(InlinePartials(files, "page.mustache", 0, &impl->source));
  auto first = std::make_unique<Mustache>(impl->source);
  if (!first->is_valid()) {
    return Status::InvalidArgument("theme page.mustache with its partials: " +
                                   first->error_message());
  }
  impl->pool.push_back(std::move(first));
  impl->base = kainjow::mustache::data(kainjow::mustache::data::type::object);
  impl->base["style_css"] = kainjow::mustache::data(files.find("style.css")->second);
  return impl;
}

}  // namespace

Theme Theme::Default() {
  static const Theme theme = [] {
    Files files;
    for (size_t i = 0; i < internal::kDefaultThemeFileCount; ++i) {
      const internal::EmbeddedFile& f = internal::kDefaultThemeFiles[i];
      files.emplace(std::string(f.name), std::string(f.bytes));
    }
    Result<std::shared_ptr<Impl>> impl = Load(files);
    if (!impl.ok()) {  // a broken embedded theme is a build defect, caught by the tests
      std::fprintf(stderr, "samizdat: the built-in theme is broken: %s\n",
                   impl.status().ToString().c_str());
      std::abort();
    }
    return Theme(std::move(*impl));
  }();
  return theme;
}

Result<Theme> Theme::FromDirectory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::InvalidArgument("theme directory not found: " + dir);
  }
  Files files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file(ec) || !(name.ends_with(".mustache") || name.ends_with(".css"))) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.is_open() || in.bad()) {
      return Status::InvalidArgument("theme file unreadable: " + entry.path().string());
    }
    files.emplace(name, std::move(bytes));
  }
  if (ec) return Status::InvalidArgument("theme directory unreadable: " + dir + ": " + ec.message());
  Result<std::shared_ptr<Impl>> impl = Load(files);
  if (!impl.ok()) {
    return Status::InvalidArgument(impl.status().message() + " (in " + dir + ")");
  }
  return Theme(std::move(*impl));
}

std::string Theme::Render(const PageView& view) const {
  const kainjow::mustache::data page = internal::PageData(view);
  kainjow::mustache::context<std::string> ctx(&impl_->base);
  ctx.push(&page);
  std::string out;
  size_t estimate = 8192 + impl_->source.size();
  for (const PostView& post : view.posts) estimate += post.body_html.size() + 2048;
  out.reserve(estimate);
  StringSink sink{&out};
  std::unique_ptr<Mustache> tmpl = impl_->Acquire();
  tmpl->render(ctx, sink);
  impl_->Release(std::move(tmpl));
  return out;
}

}  // namespace samizdat::render
