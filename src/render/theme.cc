// Theme: loading theme files (embedded or from a directory), inlining partials, parsing
// once, and rendering a PageView or a Sidebar with pools of parsed templates.
#include "render/theme.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

#include "render/theme_data.h"
#include "render/theme_files.h"
#include "text/escape.h"

namespace samizdat::render {

using Mustache = kainjow::mustache::mustache;
using Files = std::map<std::string, std::string, std::less<>>;

namespace {

constexpr std::string_view kRequiredFiles[] = {"page.mustache",    "post.mustache",
                                               "sidebar.mustache", "comments.mustache",
                                               "pager.mustache",   "style.css"};
constexpr int kMaxPartialDepth = 8;

// Replaces every {{> name}} in `text` with the file "name.mustache" (or "name" when the
// name has an extension), recursively.
Status InlinePartials(const Files& files, std::string_view file_name, int depth, std::string* out) {
  if (depth > kMaxPartialDepth) {
    return Status::InvalidArgument("theme partials nest too deeply at " + std::string(file_name) +
                                   " (does a partial include itself?)");
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

using Data = kainjow::mustache::data;

// The "stream" kainjow's render(context, stream) writes to (it has no callback form
// taking a context): appends each line to a std::string.
struct StringSink {
  std::string* out;
};
StringSink& operator<<(StringSink& sink, const std::string& s) {
  sink.out->append(s);
  return sink;
}

// The name lookup the renderer does for every tag. kainjow's own context resolves the
// same way (innermost section first; a dotted name must resolve whole within one
// level) but splits every dotted name ("blog.title") through a std::stringstream and
// pushes sections at the front of a vector; this one does neither.
class Context final : public kainjow::mustache::basic_context<std::string> {
 public:
  Context(const Data* base, const Data* data) {
    items_.reserve(8);
    items_.push_back(base);
    items_.push_back(data);
  }
  void push(const Data* data) override { items_.push_back(data); }
  void pop() override { items_.pop_back(); }

  const Data* get(const std::string& name) const override {
    if (name == ".") return items_.back();
    if (name.find('.') == std::string::npos) return get_partial(name);
    std::string segment;
    for (auto it = items_.rbegin(); it != items_.rend(); ++it) {
      const Data* value = *it;
      std::string_view rest = name;
      while (value != nullptr) {
        const size_t dot = rest.find('.');
        segment.assign(rest.substr(0, dot));
        value = value->get(segment);
        if (dot == std::string_view::npos) break;
        rest.remove_prefix(dot + 1);
      }
      if (value != nullptr) return value;
    }
    return nullptr;
  }

  const Data* get_partial(const std::string& name) const override {
    for (auto it = items_.rbegin(); it != items_.rend(); ++it) {
      if (const Data* value = (*it)->get(name)) return value;
    }
    return nullptr;
  }

 private:
  std::vector<const Data*> items_;  // innermost last
};

// One template (partials inlined) and its parsed copies. kainjow's render is not const,
// so each concurrent render takes its own copy; copies are parsed on demand and kept.
class TemplatePool {
 public:
  // Parses `source` once; InvalidArgument naming `what` if it does not parse.
  Status Init(std::string source, std::string_view what) {
    source_ = std::move(source);
    std::unique_ptr<Mustache> first = Parse();
    if (!first->is_valid()) {
      return Status::InvalidArgument("theme " + std::string(what) +
                                     " with its partials: " + first->error_message());
    }
    pool_.push_back(std::move(first));
    return Status::Ok();
  }

  size_t source_size() const { return source_.size(); }

  // Appends the template rendered with `data` (looked up first) over `base` to `out`.
  // kainjow hands over each finished line, which is appended straight to `out`: no
  // std::ostringstream and no intermediate string.
  void Render(const Data& base, const Data& data, std::string* out) const {
    Context ctx(&base, &data);
    StringSink sink{out};
    std::unique_ptr<Mustache> tmpl = Acquire();
    tmpl->render(ctx, sink);
    Release(std::move(tmpl));
  }

 private:
  std::unique_ptr<Mustache> Parse() const {
    auto parsed = std::make_unique<Mustache>(source_);
    // text::EscapeHtml also drops the characters a page may not hold (in text stored
    // before they were removed on the way in).
    parsed->set_custom_escape([](const std::string& s) { return text::EscapeHtml(s); });
    return parsed;
  }
  std::unique_ptr<Mustache> Acquire() const {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!pool_.empty()) {
        std::unique_ptr<Mustache> m = std::move(pool_.back());
        pool_.pop_back();
        return m;
      }
    }
    return Parse();
  }
  void Release(std::unique_ptr<Mustache> m) const {
    std::lock_guard<std::mutex> lock(mu_);
    pool_.push_back(std::move(m));
  }

  std::string source_;
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<Mustache>> pool_;  // guarded by mu_
};

}  // namespace

struct Theme::Impl {
  TemplatePool page;     // page.mustache with its partials inlined
  TemplatePool sidebar;  // sidebar.mustache with its partials inlined
  // comment.mustache (one comment) with its partials inlined; null when the theme has
  // none (its pages then get empty comments_html and replies_html).
  std::unique_ptr<TemplatePool> comment;
  Data base;                  // values shared by every page: style_css
  std::string csp_additions;  // content-security-policy.txt, "" when the theme has none
};

namespace {

// The sources the theme's own scripts, styles and fonts need (security_headers.h).
constexpr std::string_view kCspFile = "content-security-policy.txt";

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
  using Entry = std::pair<std::string_view, TemplatePool*>;
  for (auto [name, pool] :
       {Entry{"page.mustache", &impl->page}, Entry{"sidebar.mustache", &impl->sidebar}}) {
    std::string source;
    SAMIZDAT_RETURN_IF_ERROR(InlinePartials(files, name, 0, &source));
    SAMIZDAT_RETURN_IF_ERROR(pool->Init(std::move(source), name));
  }
  constexpr std::string_view kComment = "comment.mustache";
  if (files.find(kComment) != files.end()) {
    std::string source;
    SAMIZDAT_RETURN_IF_ERROR(InlinePartials(files, kComment, 0, &source));
    impl->comment = std::make_unique<TemplatePool>();
    SAMIZDAT_RETURN_IF_ERROR(impl->comment->Init(std::move(source), kComment));
  }
  impl->base = Data(Data::type::object);
  impl->base["style_css"] = Data(files.find("style.css")->second);
  if (auto csp = files.find(std::string(kCspFile)); csp != files.end()) {
    impl->csp_additions = csp->second;
  }
  return impl;
}

}  // namespace

Theme Theme::Default() {
  static const Theme theme = [] {
    Files files;
    for (size_t i = 0; i < internal::kDefaultThemeFilesCount; ++i) {
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
    if (!entry.is_regular_file(ec) ||
        !(name.ends_with(".mustache") || name.ends_with(".css") || name == kCspFile)) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.is_open() || in.bad()) {
      return Status::InvalidArgument("theme file unreadable: " + entry.path().string());
    }
    files.emplace(name, std::move(bytes));
  }
  if (ec)
    return Status::InvalidArgument("theme directory unreadable: " + dir + ": " + ec.message());
  Result<std::shared_ptr<Impl>> impl = Load(files);
  if (!impl.ok()) {
    return Status::InvalidArgument(impl.status().message() + " (in " + dir + ")");
  }
  return Theme(std::move(*impl));
}

const std::string& Theme::csp_additions() const { return impl_->csp_additions; }

std::string Theme::Render(const PageView& view) const {
  internal::CommentRenderer render_comment;
  if (impl_->comment) {
    render_comment = [this](const Data& comment, std::string* out) {
      impl_->comment->Render(impl_->base, comment, out);
    };
  }
  const Data page = internal::PageData(view, render_comment);
  size_t estimate = 8192 + impl_->page.source_size() + view.sidebar_html.size();
  for (const PostView& post : view.posts) {
    estimate += post.body_html.size() + post.snippet_html.size() + 2048;
  }
  estimate += page.get("comments_html")->string_value().size();
  std::string out;
  out.reserve(estimate);
  impl_->page.Render(impl_->base, page, &out);
  return out;
}

std::string Theme::RenderSidebar(const Sidebar& sidebar, std::string_view search_query) const {
  const Data data = internal::SidebarData(sidebar, search_query);
  size_t estimate = 1024 + impl_->sidebar.source_size() + search_query.size() * 6;
  for (const ArchiveYear& year : sidebar.archive) estimate += 256 + 160 * year.months.size();
  estimate += 128 * (sidebar.labels.size() + sidebar.pages.size()) + sidebar.about.size();
  std::string out;
  out.reserve(estimate);
  impl_->sidebar.Render(impl_->base, data, &out);
  return out;
}

}  // namespace samizdat::render
