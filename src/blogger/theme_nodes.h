// Internal: the compiled form of a Blogger theme (what Theme::Compile builds and
// Theme::Render walks). Immutable once built; shared by every render of the theme.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "blogger/expr.h"
#include "blogger/theme.h"
#include "blogger/value.h"
#include "core/status.h"

namespace samizdat::blogger {

struct Includable;

// The layers an include is looked for in, first to last (theme.h's order).
enum Layer : int {
  kWidgetOwn = 0,
  kThemeType = 1,
  kThemeCommon = 2,
  kBuiltinType = 3,
  kBuiltinCommon = 4,
  kLayerCount = 5,
};

enum class NodeKind : uint8_t {
  kText,      // static markup, written as is
  kExprAttr,  // name='value' from an expr: attribute, left out when null
  kData,      // <data:x/> and b:eval: a value written (text escaped, HTML as is)
  kIf,        // branches: the first whose condition holds
  kSwitch,    // branches: the first case equal to `expr`, else the default
  kLoop,      // b:loop
  kWith,      // b:with
  kInclude,   // b:include
  kAttr,      // b:attr on the open element
  kClass,     // b:class on the open element
  kMessage,   // b:message
  kElement,   // an element whose start tag b:attr/b:class may change
  kTag,       // b:tag: an element whose name is computed, its tag kept only when `cond` holds
  kSection,   // b:section and its widgets
  kWidget,    // b:widget
};

struct Node;
using Nodes = std::vector<Node>;

struct Branch {
  bool has_cond = false;
  Expression cond;    // b:if/b:elseif
  std::string value;  // b:case
  bool is_default = false;
  Nodes body;
};

struct ExprAttr {
  std::string name;
  Expression value;
};

struct Node {
  NodeKind kind = NodeKind::kText;
  Position at;
  std::string text;   // kText markup; kExprAttr/kAttr/kClass name; kElement/kTag tag name;
                      // kLoop/kWith var; kMessage message path
  std::string text2;  // kLoop index name; kAttr/kClass static value
  Expression expr;    // the node's main expression (data value, loop values, with value…)
  Expression expr2;   // kAttr/kClass/kTag: computed name
  bool has_expr = false;
  bool has_expr2 = false;
  bool has_cond = false;
  Expression cond;
  bool flag = false;              // kLoop reverse; kElement/kTag void element
  std::vector<std::string> path;  // kData with a hyphenated path (data:i.post-count)
  std::vector<Branch> branches;   // kIf, kSwitch
  std::vector<std::pair<std::string, std::string>> attrs;  // kElement/kTag static attributes
  std::vector<ExprAttr> expr_attrs;  // kElement/kTag/kMessage params (name -> value)
  int name_id = -1;                  // kInclude: the includable's interned name
  int start_layer = 0;               // kInclude: kWidgetOwn, or the layer below for super.
  int index = -1;                    // kSection/kWidget: index into Impl's tables
  Nodes children;
};

struct Includable {
  std::string id;
  std::string var;
  Position at;
  std::string file;
  Nodes body;
};

// The includables of one widget type, resolved: from[k][name] is the first includable
// of that name in layers k and below (kThemeType … kBuiltinCommon).
struct TypeLinks {
  std::string type;
  std::array<std::vector<const Includable*>, kLayerCount> from;
};

struct CompiledWidget {
  int section = -1;                    // index into Theme::Impl::sections
  int position = -1;                   // index into that section's widgets
  int type_links = -1;                 // index into Theme::Impl::types
  std::vector<const Includable*> own;  // by name id: the widget's own includables
  bool has_cond = false;
  Expression cond;
  // The wrapper's attributes (class 'widget Blog', data-version, id): a start tag left
  // open to the b:class and b:attr at the top of the widget's includable, as on Blogger.
  std::vector<std::pair<std::string, std::string>> attrs;
};

struct CompiledSection {
  bool has_cond = false;
  Expression cond;
  std::string open;          // "<div class='main section' id='main' name='Main'>"
  std::string close;         // "</div>"
  std::vector<int> widgets;  // indexes into Theme::Impl::widgets
};

struct Theme::Impl {
  std::string file;  // for error positions
  Nodes root;
  std::vector<SectionInfo> sections;
  std::vector<CompiledSection> compiled_sections;
  std::vector<CompiledWidget> widgets;
  std::vector<TypeLinks> types;                          // types[0] is the page outside any widget
  std::vector<std::unique_ptr<Includable>> includables;  // owner of every includable
  // Every includable name, for b:include expr:name (looked up when the page renders).
  std::map<std::string, int, std::less<>> names;
  int main_id = -1;        // the interned name "main"
  Value skin;              // data:skin ({vars: {name_with_underscores: value}})
  size_t static_size = 0;  // bytes of static markup, to reserve the output
};

}  // namespace samizdat::blogger

namespace samizdat::blogger {

// Builds the compiled theme from its XML and the built-in markup (theme_compile.cc).
Result<std::shared_ptr<Theme::Impl>> CompileTheme(std::string_view xml, std::string_view file_name);

// Renders one page (theme_render.cc).
Result<std::string> RenderTheme(const Theme::Impl& theme, const RenderInput& input,
                                const Limits& limits);

}  // namespace samizdat::blogger
