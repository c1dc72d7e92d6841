// Layout: what Blogger's Layout page shows and changes in a theme — its sections and
// their widgets in order — read from and written back into the theme's XML.
//
// Sections are the b:section elements with a literal id, and the b:section-contents of
// designer-era themes (Watermark, Travel: their b:sections are written by a
// macro:includable, and their widgets sit in <b:section-contents id='sidebar-right-1'>).
// A widget is a b:widget directly inside one of them.
//
// The document is libxml2's DOM: a change edits the few nodes it concerns and Xml()
// writes the whole document back, the rest as it was (libxml2 may rewrite how it is
// spelled, not what it means: attribute quotes, character references). The undeclared
// macro: and mexpr: prefixes of Blogger's own backups are kept as they are written.
//
// Errors: Parse returns InvalidArgument "FILE:LINE:COLUMN: message" for XML that is not
// well formed. Each change checks everything first and returns InvalidArgument with a
// sentence for a person (an unknown widget or section, removing a locked widget, a
// section already holding its maxwidgets, a type that cannot be added) and then leaves
// the document as it was. Whether the changed theme still compiles is the caller's
// check (service::ThemeService::Set).
//
// Thread safety: a Layout is a plain value holding its document; use one from one
// thread at a time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace samizdat::blogger {

// b:widget-settings, in file order: name -> value.
using WidgetSettings = std::vector<std::pair<std::string, std::string>>;

struct LayoutWidget {
  std::string id;     // "HTML1"
  std::string type;   // "HTML"
  std::string title;  // the title attribute
  bool visible = true;
  bool locked = false;  // may be moved, hidden and edited, not removed
  WidgetSettings settings;
};

struct LayoutSection {
  std::string id;
  std::string name;       // the name attribute, else the id
  int max_widgets = 0;    // maxwidgets; 0 when there is no limit
  bool takes_new = true;  // showaddelement is not 'no' or 'false': gadgets may be added
  std::vector<LayoutWidget> widgets;
};

// The types of gadget Add makes, in the order the Layout page offers them.
inline constexpr std::string_view kAddableWidgetTypes[] = {"HTML", "LinkList", "TextList", "Image"};

class Layout {
 public:
  // Reads a theme; `file_name` prefixes error positions ("theme.xml:12:7: …").
  static Result<Layout> Parse(std::string_view xml, std::string_view file_name);

  Layout(Layout&&) noexcept;
  Layout& operator=(Layout&&) noexcept;
  ~Layout();

  // The sections in document order with their widgets, as the document is now.
  std::vector<LayoutSection> Sections() const;

  // Moves widget `id` into section `section_id` at `position` among that section's
  // other widgets (0 is the first; past the end is the end). Within its own section
  // this reorders; into another, that section must have room (maxwidgets).
  Status Move(std::string_view id, std::string_view section_id, std::size_t position);
  Status SetTitle(std::string_view id, std::string_view title);
  // visible='true' or 'false' (the widget stays in the theme, not on the pages).
  Status SetVisible(std::string_view id, bool visible);
  // The widget's settings become `settings`: a setting whose value is unchanged is left
  // as written, a changed one is rewritten, one not in `settings` is removed, a new one
  // is added at the end. A name may appear once.
  Status SetSettings(std::string_view id, const WidgetSettings& settings);
  // Removes an unlocked widget.
  Status Remove(std::string_view id);
  // Adds a widget of one of kAddableWidgetTypes at the end of section `section_id`
  // (which must take new gadgets and have room), with the type's usual settings and
  // `settings` over them; its id is the type and the first free number ("HTML3").
  // Returns that id.
  Result<std::string> Add(std::string_view section_id, std::string_view type,
                          std::string_view title, const WidgetSettings& settings);

  // The whole document as XML (UTF-8).
  std::string Xml() const;

  struct Doc;  // layout.cc: the libxml2 document

 private:
  explicit Layout(std::unique_ptr<Doc> doc);
  std::unique_ptr<Doc> doc_;
};

}  // namespace samizdat::blogger
