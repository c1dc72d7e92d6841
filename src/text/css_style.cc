// FilterStyle: an inline style reduced to an allowlist of properties, parsed and
// re-serialized by MyCSS (see css_style.h).
#include "text/css_style.h"

#include <mycss/declaration/init.h>
#include <mycss/declaration/serialization.h>
#include <mycss/mycss.h>

#include <algorithm>
#include <array>
#include <memory>

namespace samizdat::text::internal {
namespace {

struct DestroyMycss {
  void operator()(mycss_t* css) const { mycss_destroy(css, true); }
};
struct DestroyEntry {
  void operator()(mycss_entry_t* entry) const { mycss_entry_destroy(entry, true); }
};

bool IsAllowedProperty(mycss_property_type_t type) {
  static constexpr std::array<mycss_property_type_t, 29> kAllowed = {
      MyCSS_PROPERTY_TYPE_TEXT_ALIGN,      MyCSS_PROPERTY_TYPE_FLOAT,
      MyCSS_PROPERTY_TYPE_CLEAR,           MyCSS_PROPERTY_TYPE_WIDTH,
      MyCSS_PROPERTY_TYPE_HEIGHT,          MyCSS_PROPERTY_TYPE_MAX_WIDTH,
      MyCSS_PROPERTY_TYPE_COLOR,           MyCSS_PROPERTY_TYPE_BACKGROUND_COLOR,
      MyCSS_PROPERTY_TYPE_FONT_STYLE,      MyCSS_PROPERTY_TYPE_FONT_WEIGHT,
      MyCSS_PROPERTY_TYPE_TEXT_DECORATION, MyCSS_PROPERTY_TYPE_MARGIN,
      MyCSS_PROPERTY_TYPE_MARGIN_TOP,      MyCSS_PROPERTY_TYPE_MARGIN_RIGHT,
      MyCSS_PROPERTY_TYPE_MARGIN_BOTTOM,   MyCSS_PROPERTY_TYPE_MARGIN_LEFT,
      MyCSS_PROPERTY_TYPE_PADDING,         MyCSS_PROPERTY_TYPE_PADDING_TOP,
      MyCSS_PROPERTY_TYPE_PADDING_RIGHT,   MyCSS_PROPERTY_TYPE_PADDING_BOTTOM,
      MyCSS_PROPERTY_TYPE_PADDING_LEFT,    MyCSS_PROPERTY_TYPE_BORDER,
      MyCSS_PROPERTY_TYPE_BORDER_TOP,      MyCSS_PROPERTY_TYPE_BORDER_RIGHT,
      MyCSS_PROPERTY_TYPE_BORDER_BOTTOM,   MyCSS_PROPERTY_TYPE_BORDER_LEFT,
      MyCSS_PROPERTY_TYPE_BORDER_WIDTH,    MyCSS_PROPERTY_TYPE_BORDER_STYLE,
      MyCSS_PROPERTY_TYPE_BORDER_COLOR,
  };
  return std::find(kAllowed.begin(), kAllowed.end(), type) != kAllowed.end();
}

mystatus_t AppendTo(const char* data, size_t size, void* out) {
  static_cast<std::string*>(out)->append(data, size);
  return MyCORE_STATUS_OK;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

// MyCSS writes a text-decoration of several lines as "underline || overline", which is
// not CSS (and which it refuses when it reads it back); CSS separates them with spaces.
void FixLineList(std::string& value) {
  for (std::size_t at = value.find(" || "); at != std::string::npos; at = value.find(" || ", at)) {
    value.replace(at, 4, " ");
  }
}

void Report(SanitizeReport* report, const std::string& what) {
  if (report != nullptr) report->Add(what);
}

}  // namespace

std::string FilterStyle(std::string_view style, SanitizeReport* report) {
  const std::unique_ptr<mycss_t, DestroyMycss> css(mycss_create());
  if (!css || mycss_init(css.get()) != MyCSS_STATUS_OK) return {};
  const std::unique_ptr<mycss_entry_t, DestroyEntry> entry(mycss_entry_create());
  if (!entry || mycss_entry_init(css.get(), entry.get()) != MyCSS_STATUS_OK) return {};

  // MyCSS reads the raw text; url( and expression( are looked for in it too, to name the
  // reason when MyCSS refuses such a value.
  const std::string raw = Lower(style);
  mystatus_t status = MyCSS_STATUS_OK;
  mycss_declaration_entry_t* decl = mycss_declaration_parse(entry->declaration, MyENCODING_UTF_8,
                                                            style.data(), style.size(), &status);
  std::string out;
  bool url_reported = false;
  bool expression_reported = false;
  for (; decl != nullptr; decl = decl->next) {
    std::string text;  // "name: value"
    mycss_declaration_serialization_entry(entry.get(), decl, AppendTo, &text);
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos) continue;
    const std::string name = text.substr(0, colon);
    std::string value = text.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    const std::string lower = Lower(value);
    if (lower.find("url(") != std::string::npos) {
      url_reported = true;
      Report(report, "style value url(\u2026)");
    } else if (lower.find("expression") != std::string::npos) {
      expression_reported = true;
      Report(report, "style value expression(\u2026)");
    } else if (!IsAllowedProperty(decl->type)) {
      Report(report, "style property " + name);
    } else if (value.empty()) {
      // MyCSS could not read the value; if the style had url( or expression, that was
      // it, and it is reported below.
      if (raw.find("url(") == std::string::npos && raw.find("expression") == std::string::npos) {
        Report(report, "style value of " + name);
      }
    } else {
      if (decl->type == MyCSS_PROPERTY_TYPE_TEXT_DECORATION) FixLineList(value);
      if (!out.empty()) out += "; ";
      out += name + ": " + value;
    }
  }
  // A declaration MyCSS could not read at all leaves no entry; what is written never has
  // url( or expression, so if the style had them, they went.
  if (!url_reported && raw.find("url(") != std::string::npos) {
    Report(report, "style value url(\u2026)");
  }
  if (!expression_reported && raw.find("expression") != std::string::npos) {
    Report(report, "style value expression(\u2026)");
  }
  return out;
}

}  // namespace samizdat::text::internal
