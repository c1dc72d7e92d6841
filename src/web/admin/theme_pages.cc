// Admin pages: the blog's theme — the default one or a Blogger theme — downloaded,
// restored from a file, edited as XML (a theme that does not compile is shown at its
// line and nothing is stored), reverted to the default; all through
// service::ThemeService.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "blogger/layout.h"
#include "core/strings.h"
#include "service/themes.h"
#include "text/utf8.h"
#include "web/admin/context.h"
#include "web/admin/pages.h"
#include "web/admin/session_cookie.h"

namespace samizdat::web::admin {
namespace theme_pages {
namespace {

// The name errors in an edited theme are reported under (Blogger's backups are
// theme-BLOGID.xml).
constexpr std::string_view kEditedName = "theme.xml";
// A line longer than this is shown around the error's column only.
constexpr std::size_t kShownLine = 160;

// The blog's Blogger theme; nullopt when it wears the default theme.
Result<std::optional<std::string>> Stored(Context& c) {
  auto xml = c.services.themes.Get(c.blog);
  if (xml.status().IsNotFound()) return std::optional<std::string>();
  if (!xml.ok()) return xml.status();
  return std::optional<std::string>(std::move(*xml));
}

// Line `number` (1-based) of `xml`, without its line break; nullopt past the end.
std::optional<std::string_view> LineOf(std::string_view xml, int number) {
  std::size_t start = 0;
  for (int n = 1; n < number; ++n) {
    start = xml.find('\n', start);
    if (start == std::string_view::npos) return std::nullopt;
    ++start;
  }
  std::string_view line = xml.substr(start, xml.find('\n', start) - start);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

// The values that show "FILE:LINE:COLUMN: message", an error of a theme that did not
// compile: the message, and that line of `xml` with a caret under the column (a long
// line only around it).
boost::json::object ErrorValues(std::string_view message, std::string_view file_name,
                                std::string_view xml) {
  boost::json::object values{{"error", message}};
  if (!message.starts_with(std::string(file_name) + ":")) return values;
  std::string_view rest = message.substr(file_name.size() + 1);
  const std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return values;
  const std::optional<int> number = ParseInteger(rest.substr(0, colon));
  rest.remove_prefix(colon + 1);
  const int column = ParseInteger(rest.substr(0, rest.find(':'))).value_or(1);
  const std::optional<std::string_view> line = number ? LineOf(xml, *number) : std::nullopt;
  if (!line) return values;

  // Where each character starts (libxml2 counts columns in characters), and the part of
  // the line shown: all of it, or kShownLine characters around the column.
  std::vector<std::size_t> starts;
  for (std::size_t at = 0; at < line->size(); at += text::DecodeUtf8(*line, at).length) {
    starts.push_back(at);
  }
  starts.push_back(line->size());
  const std::size_t chars = starts.size() - 1;
  const std::size_t at = std::min<std::size_t>(std::max(column, 1) - 1, chars);
  const std::size_t first = at > kShownLine / 2 ? at - kShownLine / 2 : 0;
  const std::size_t last = std::min(chars, first + kShownLine);
  std::string shown = first > 0 ? "…" : "";
  shown += line->substr(starts[first], starts[last] - starts[first]);
  if (last < chars) shown += "…";
  // The caret under the column's character, tabs kept as tabs so that it lines up.
  std::string caret = first > 0 ? " " : "";
  for (std::size_t i = first; i < at; ++i) caret += (*line)[starts[i]] == '\t' ? '\t' : ' ';
  values["error_line_number"] = *number;
  values["error_line"] = shown;
  values["error_caret"] = caret + "^";
  return values;
}

// The theme page: which theme the blog wears, and what can be done with it.
http::Response ThemePage(Context& c, int status, boost::json::object values) {
  auto stored = Stored(c);
  if (!stored.ok()) return c.Error("Cannot read the blog's theme", stored.status());
  values["blogger"] = stored->has_value();
  if (stored->has_value()) {
    const std::string& xml = **stored;
    values["size_kb"] = static_cast<int64_t>((xml.size() + 1023) / 1024);
    if (auto layout = blogger::Layout::Parse(xml, kEditedName); layout.ok()) {
      std::size_t widgets = 0;
      const std::vector<blogger::LayoutSection> sections = layout->Sections();
      for (const blogger::LayoutSection& section : sections) widgets += section.widgets.size();
      values["sections"] = static_cast<int64_t>(sections.size());
      values["widgets"] = static_cast<int64_t>(widgets);
    }
  }
  return c.Page(status, "Theme", "theme", std::move(values));
}

// The Edit HTML page with `xml` in it, and the error of saving it when there is one.
http::Response EditorPage(Context& c, int status, std::string_view xml,
                          boost::json::object values) {
  values["xml"] = xml;
  return c.Page(status, "Edit HTML", "theme_edit", std::move(values));
}

}  // namespace

http::Response Show(Context& c) { return ThemePage(c, 200, {}); }

http::Response Download(Context& c) {
  auto stored = Stored(c);
  if (!stored.ok()) return c.Error("Cannot read the blog's theme", stored.status());
  if (!stored->has_value()) {
    return c.Redirect("/admin/theme", "The blog wears the default theme: there is no file.");
  }
  http::Response response;
  response.body = std::make_shared<const std::string>(std::move(**stored));
  response.headers.push_back({"Content-Type", "application/xml; charset=utf-8"});
  // Blogger names its backup theme-BLOGID.xml.
  response.headers.push_back({"Content-Disposition", "attachment; filename=\"theme-" +
                                                         std::to_string(c.blog.id) + ".xml\""});
  AddAdminHeaders(response);
  return response;
}

http::Response Restore(Context& c) {
  const UploadedFile* file = c.form.File("theme");
  if (file == nullptr || file->bytes.empty()) {
    return ThemePage(c, 400, {{"error", "Choose a theme file (.xml) to restore."}});
  }
  const std::string name = file->filename.empty() ? std::string(kEditedName) : file->filename;
  const Status set = c.services.themes.Set(c.blog, file->bytes, name);
  if (set.IsInvalidArgument()) {
    return ThemePage(c, 400, ErrorValues(set.message(), name, file->bytes));
  }
  if (!set.ok()) return c.Error("Cannot set the theme", set);
  return c.Redirect("/admin/theme", "The theme of " + name + " is the blog's theme now.");
}

http::Response ShowEditor(Context& c) {
  auto stored = Stored(c);
  if (!stored.ok()) return c.Error("Cannot read the blog's theme", stored.status());
  return EditorPage(c, 200, stored->value_or(""), {});
}

http::Response Save(Context& c) {
  // A textarea sends its line breaks as CRLF; the theme had LF.
  std::string xml = c.form.Get("xml");
  for (std::size_t at = xml.find("\r\n"); at != std::string::npos; at = xml.find("\r\n", at)) {
    xml.erase(at, 1);
  }
  if (TrimBlank(xml).empty()) {
    return EditorPage(c, 400, xml,
                      {{"error",
                        "The theme is empty. To go back to the default theme, use "
                        "“Revert to default” on the Theme page."}});
  }
  const Status set = c.services.themes.Set(c.blog, xml, kEditedName);
  if (set.IsInvalidArgument()) {
    boost::json::object values = ErrorValues(set.message(), kEditedName, xml);
    values["error"] = "The theme was not saved: " + set.message();
    return EditorPage(c, 400, xml, std::move(values));
  }
  if (!set.ok()) return c.Error("Cannot save the theme", set);
  return c.Redirect("/admin/theme/edit", "The theme is saved.");
}

http::Response ShowRevert(Context& c) {
  auto stored = Stored(c);
  if (!stored.ok()) return c.Error("Cannot read the blog's theme", stored.status());
  if (!stored->has_value()) {
    return c.Redirect("/admin/theme", "The blog wears the default theme already.");
  }
  return c.Page(200, "Revert to the default theme", "theme_revert", {});
}

http::Response Revert(Context& c) {
  const Status reset = c.services.themes.Reset(c.blog);
  if (!reset.ok()) return c.Error("Cannot revert the theme", reset);
  return c.Redirect("/admin/theme", "The blog wears the default theme again.");
}

}  // namespace theme_pages
}  // namespace samizdat::web::admin
