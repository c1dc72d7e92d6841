// Admin pages: a Blogger theme's layout — each section with its gadgets in order — and
// the changes Blogger's Layout page makes (move, title, show/hide, settings, remove, add
// an HTML, LinkList, TextList or Image gadget), made by blogger::Layout on the stored
// theme and saved through ThemeService::Set, so that a change the theme would not
// compile with is refused and nothing is stored.
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "blogger/layout.h"
#include "core/strings.h"
#include "service/themes.h"
#include "web/admin/context.h"
#include "web/admin/pages.h"

namespace samizdat::web::admin {
namespace layout_pages {
namespace {

using blogger::Layout;
using blogger::LayoutSection;
using blogger::LayoutWidget;

// The name the stored theme's errors are reported under.
constexpr std::string_view kThemeName = "theme.xml";
// A setting edited in a textarea rather than on one line.
constexpr std::size_t kLongSetting = 80;

std::string ShownTitle(const LayoutWidget& widget) {
  return widget.title.empty() ? widget.id : widget.title;
}

bool HasRoom(const LayoutSection& section) {
  return section.max_widgets == 0 || static_cast<int>(section.widgets.size()) < section.max_widgets;
}

// A textarea's line breaks come as CRLF; the theme's are LF.
std::string FromTextarea(std::string text) {
  for (std::size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at)) {
    text.erase(at, 1);
  }
  return text;
}

boost::json::object WidgetValues(const LayoutWidget& widget, std::size_t index,
                                 const LayoutSection& section,
                                 const std::vector<LayoutSection>& sections) {
  boost::json::array settings;
  for (const auto& [name, value] : widget.settings) {
    const bool long_value =
        name == "content" || value.size() > kLongSetting || value.find('\n') != std::string::npos;
    settings.push_back({{"name", name}, {"value", value}, {"long", long_value}});
  }
  boost::json::array targets;
  for (const LayoutSection& other : sections) {
    if (other.id != section.id && HasRoom(other)) {
      targets.push_back({{"id", other.id}, {"name", other.name}});
    }
  }
  const bool up = index > 0;
  const bool down = index + 1 < section.widgets.size();
  const bool has_targets = !targets.empty();
  return {{"id", widget.id},
          {"type", widget.type},
          {"title", widget.title},
          {"shown_title", ShownTitle(widget)},
          {"visible", widget.visible},
          {"locked", widget.locked},
          {"moves", up || down},
          {"up", up},
          {"down", down},
          {"targets", std::move(targets)},
          {"has_targets", has_targets},
          {"settings", std::move(settings)}};
}

// The layout page, with `error` at its top.
http::Response LayoutPage(Context& c, int status, std::string_view error) {
  boost::json::object values;
  if (!error.empty()) values["error"] = error;
  auto xml = c.services.themes.Get(c.blog);
  if (xml.status().IsNotFound()) {
    values["default_theme"] = true;
    return c.Page(status, "Layout", "theme_layout", std::move(values));
  }
  if (!xml.ok()) return c.Error("Cannot read the blog's theme", xml.status());
  auto layout = Layout::Parse(*xml, kThemeName);
  if (!layout.ok()) return c.Error("Cannot read the theme's layout", layout.status());

  const std::vector<LayoutSection> sections = layout->Sections();
  boost::json::array shown;
  for (const LayoutSection& section : sections) {
    boost::json::array widgets;
    for (std::size_t i = 0; i < section.widgets.size(); ++i) {
      widgets.push_back(WidgetValues(section.widgets[i], i, section, sections));
    }
    boost::json::value limit;
    if (section.max_widgets > 0) {
      limit = "at most " + std::to_string(section.max_widgets) +
              (section.max_widgets == 1 ? " gadget" : " gadgets");
    }
    shown.push_back({{"id", section.id},
                     {"name", section.name},
                     {"limit", limit},
                     {"empty", section.widgets.empty()},
                     {"widgets", std::move(widgets)},
                     {"add", section.takes_new && HasRoom(section)}});
  }
  boost::json::array types;
  for (std::string_view type : blogger::kAddableWidgetTypes) types.emplace_back(type);
  values["sections"] = std::move(shown);
  values["types"] = std::move(types);
  return c.Page(status, "Layout", "theme_layout", std::move(values));
}

// What a change did: the gadget to show, and the notice that says so.
struct Done {
  std::string widget;
  std::string notice;
};

// Makes `change` on the blog's stored theme and stores the result; the layout page with
// the error when the change, or the theme with it, is refused.
template <typename Change>
http::Response Apply(Context& c, Change change) {
  auto xml = c.services.themes.Get(c.blog);
  if (xml.status().IsNotFound()) {
    return LayoutPage(c, 400, "The blog wears the default theme, which has no layout to change.");
  }
  if (!xml.ok()) return c.Error("Cannot read the blog's theme", xml.status());
  auto layout = Layout::Parse(*xml, kThemeName);
  if (!layout.ok()) return c.Error("Cannot read the theme's layout", layout.status());
  Result<Done> done = change(*layout);
  if (done.status().IsInvalidArgument()) return LayoutPage(c, 400, done.status().message());
  if (!done.ok()) return c.Error("Cannot change the layout", done.status());
  const Status set = c.services.themes.Set(c.blog, layout->Xml(), kThemeName);
  if (set.IsInvalidArgument()) {
    return LayoutPage(
        c, 400,
        "The change was not made: the theme would not compile with it (" + set.message() + ").");
  }
  if (!set.ok()) return c.Error("Cannot save the theme", set);
  return c.Redirect(done->widget.empty() ? "/admin/layout" : "/admin/layout#gadget-" + done->widget,
                    done->notice);
}

// The section holding gadget `id` and the gadget's place in it.
struct Place {
  const LayoutSection* section = nullptr;
  std::size_t index = 0;
};

std::optional<Place> Find(const std::vector<LayoutSection>& sections, std::string_view id) {
  for (const LayoutSection& section : sections) {
    for (std::size_t i = 0; i < section.widgets.size(); ++i) {
      if (section.widgets[i].id == id) return Place{&section, i};
    }
  }
  return std::nullopt;
}

std::string Named(const std::vector<LayoutSection>& sections, std::string_view id) {
  const std::optional<Place> place = Find(sections, id);
  return "“" + (place ? ShownTitle(place->section->widgets[place->index]) : std::string(id)) + "”";
}

}  // namespace

http::Response Show(Context& c) { return LayoutPage(c, 200, ""); }

http::Response Move(Context& c) {
  const std::string id = c.form.Get("widget");
  const std::string direction = c.form.Get("direction");
  return Apply(c, [&](Layout& layout) -> Result<Done> {
    const std::vector<LayoutSection> sections = layout.Sections();
    const std::string name = Named(sections, id);
    if (direction.empty()) {
      const std::string to = c.form.Get("section");
      SAMIZDAT_RETURN_IF_ERROR(layout.Move(id, to, std::numeric_limits<std::size_t>::max()));
      std::string section_name = to;
      for (const LayoutSection& section : sections) {
        if (section.id == to) section_name = section.name;
      }
      return Done{id, "The gadget " + name + " is in “" + section_name + "” now."};
    }
    const std::optional<Place> place = Find(sections, id);
    if (!place) return Status::InvalidArgument("The theme has no gadget '" + id + "'.");
    const std::string& section = place->section->id;
    if (direction == "up") {
      if (place->index > 0) SAMIZDAT_RETURN_IF_ERROR(layout.Move(id, section, place->index - 1));
      return Done{id, "The gadget " + name + " moved up."};
    }
    if (direction == "down") {
      SAMIZDAT_RETURN_IF_ERROR(layout.Move(id, section, place->index + 1));
      return Done{id, "The gadget " + name + " moved down."};
    }
    return Status::InvalidArgument("A gadget moves up or down.");
  });
}

http::Response SaveWidget(Context& c) {
  const std::string id = c.form.Get("widget");
  const std::vector<std::string> names = c.form.GetAll("setting_name");
  const std::vector<std::string> values = c.form.GetAll("setting_value");
  blogger::WidgetSettings settings;
  for (std::size_t i = 0; i < names.size() || i < values.size(); ++i) {
    std::string name(TrimBlank(i < names.size() ? names[i] : ""));
    std::string value = FromTextarea(i < values.size() ? values[i] : "");
    // A row without a name (the empty row for a new setting, or a cleared one) is none.
    if (name.empty()) continue;
    settings.emplace_back(std::move(name), std::move(value));
  }
  return Apply(c, [&](Layout& layout) -> Result<Done> {
    SAMIZDAT_RETURN_IF_ERROR(layout.SetTitle(id, c.form.Get("title")));
    SAMIZDAT_RETURN_IF_ERROR(layout.SetVisible(id, c.form.Get("visible") == "true"));
    SAMIZDAT_RETURN_IF_ERROR(layout.SetSettings(id, settings));
    return Done{id, "The gadget " + Named(layout.Sections(), id) + " is saved."};
  });
}

http::Response SetVisibility(Context& c) {
  const std::string id = c.form.Get("widget");
  const bool visible = c.form.Get("visible") == "true";
  return Apply(c, [&](Layout& layout) -> Result<Done> {
    SAMIZDAT_RETURN_IF_ERROR(layout.SetVisible(id, visible));
    return Done{id, "The gadget " + Named(layout.Sections(), id) +
                        (visible ? " shows on the blog." : " is hidden from the blog.")};
  });
}

http::Response Remove(Context& c) {
  const std::string id = c.form.Get("widget");
  return Apply(c, [&](Layout& layout) -> Result<Done> {
    const std::string name = Named(layout.Sections(), id);
    SAMIZDAT_RETURN_IF_ERROR(layout.Remove(id));
    return Done{"", "The gadget " + name + " is removed."};
  });
}

http::Response Add(Context& c) {
  const std::string type = c.form.Get("type");
  const std::string content = FromTextarea(c.form.Get("content"));
  blogger::WidgetSettings settings;
  if (type == "HTML" && !content.empty()) settings.emplace_back("content", content);
  return Apply(c, [&](Layout& layout) -> Result<Done> {
    auto id = layout.Add(c.form.Get("section"), type, TrimBlank(c.form.Get("title")), settings);
    if (!id.ok()) return id.status();
    return Done{*id, "The gadget " + Named(layout.Sections(), *id) +
                         " is added at the end of its section; set it up under Edit."};
  });
}

}  // namespace layout_pages
}  // namespace samizdat::web::admin
