// Theme: a Blogger "Layouts" theme (what Theme -> Edit HTML / Backup gives), compiled
// once into an evaluation tree and rendered per page with no XML parsing.
//
// Compile reads the XML with libxml2 (the undeclared macro: and mexpr: prefixes of
// Blogger's own backups are accepted), parses every expression once
// (blogger/expr.h), substitutes the skin's $(variable)s and $variables from its
// <Variable> definitions ($startSide/$endSide, which Blogger defines, in two variants
// chosen by data:blog.languageDirection), starts a <head> that does not include
// all-head-content with data:blog.samizdatHead (Blogger's head is in every theme),
// and links each b:include to its includable. An includable is looked for
// in the widget's own includables, then in the theme's b:defaultmarkup for the
// widget's type (then type 'Common'), then in samizdat's built-in markup
// (themes/blogger/, Blogger's own includables: all-head-content, the widgets' default
// markup, the comment form…); name='super.X' skips the layer it is written in;
// expr:name='…' names the includable when the page renders (none found: nothing).
//
// Render walks the tree: b:section and b:widget write Blogger's wrappers (<div
// class='section' id=…>, <div class='widget TYPE' data-version=… id=…>); b:if,
// b:switch, b:loop, b:with, b:include, b:attr, b:class, b:eval, b:message (ICU's
// plural and select patterns in data:blog.locale's language), data: tags and expr:
// attributes are evaluated against the page's data (text escaped,
// HTML strings written as they are, every attribute value escaped; an expr: attribute
// whose value is null is left out). The theme's own text is written as Blogger writes it:
// unescaped (so `&lt;/div&gt;` in a theme is markup), CDATA without its markers. A widget
// with visible='false' (the Layout page's hidden eye) or whose cond fails renders
// nothing; an empty section is <div class='CLASS no-items section' …>. data:skin (the
// skin's variables, names with '.' as '_') is bound beneath the globals.
//
// Errors: Compile returns InvalidArgument "FILE:LINE:COLUMN: message" for what Blogger
// would refuse (not well-formed XML, an unknown b: tag or attribute value, a bad
// expression, an include of an includable no layer defines, a skin variable never
// defined). Render fails only when the page exceeds `Limits` (includes nested too
// deep, too many steps: a theme that loops or recurses forever), with InvalidArgument
// "FILE:LINE:COLUMN: …" at the node that hit the limit.
//
// Thread safety: a Theme is immutable after Compile; Render may run on any number of
// threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "blogger/expr.h"
#include "blogger/value.h"
#include "core/status.h"

namespace samizdat::blogger {

struct Limits {
  int max_depth = 64;             // nested includes, loops and withs
  int64_t max_steps = 2'000'000;  // template nodes and expression nodes per page
};

// One b:widget as the theme declares it.
struct WidgetInfo {
  std::string id;          // "Blog1"
  std::string type;        // "Blog"
  std::string title;       // the title attribute
  std::string section_id;  // the b:section holding it
  bool visible = true;
  bool locked = false;
  int version = 1;  // the version attribute (data-version), else the theme's default
  // b:widget-settings, in file order: name -> value as written.
  std::vector<std::pair<std::string, std::string>> settings;
  Position at;  // where the b:widget starts
};

// One b:section and its widgets in order.
struct SectionInfo {
  std::string id;
  std::string name;  // the name attribute ("Sidebar (Top)")
  std::vector<WidgetInfo> widgets;
};

// What one page's render reads.
struct RenderInput {
  // The page's globals, a map: what every includable reads as data:blog, data:view,
  // data:messages, data:posts, data:widgets, data:skin…
  Value globals;
  // A widget's own data, a map (data:title, the type's fields such as a BlogArchive's
  // data, data:widget): its fields are bound over the globals within the widget's
  // includables, and the whole map is data:this for an includable with var='this'.
  // Called once per rendered widget, from the rendering thread.
  std::function<Value(const WidgetInfo& widget)> widget_data;
};

class Theme {
 public:
  // Compiles `xml`; `file_name` prefixes error positions ("contempo.xml:12:7: …").
  static Result<std::shared_ptr<const Theme>> Compile(std::string_view xml,
                                                      std::string_view file_name);

  // The sections in file order, with their widgets.
  const std::vector<SectionInfo>& sections() const;

  // The whole page: <!DOCTYPE html> and everything the template writes.
  Result<std::string> Render(const RenderInput& input, const Limits& limits = {}) const;

  struct Impl;  // the compiled tree, defined in theme.cc

 private:
  explicit Theme(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace samizdat::blogger
