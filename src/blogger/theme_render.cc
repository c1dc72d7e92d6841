// RenderTheme: walks a compiled theme against one page's data, writing the HTML.
#include <string>
#include <vector>

#include "blogger/message_format.h"
#include "blogger/theme_nodes.h"
#include "text/escape.h"

namespace samizdat::blogger {
namespace {

// One link of the scope chain: a single name, or a map's fields as names. Lives on the
// renderer's stack; lookups walk towards the page's globals.
class Frame final : public Scope {
 public:
  Frame(const Scope* parent, std::string_view name, const Value* value)
      : parent_(parent), name_(name), value_(value) {}
  Frame(const Scope* parent, const Map* fields) : parent_(parent), fields_(fields) {}

  const Value* Lookup(std::string_view name) const override {
    if (fields_ != nullptr) {
      if (const Value* v = fields_->Find(name)) return v;
    } else if (name_ == name) {
      return value_;
    }
    return parent_ != nullptr ? parent_->Lookup(name) : nullptr;
  }

 private:
  const Scope* parent_;
  std::string_view name_;
  const Value* value_ = nullptr;
  const Map* fields_ = nullptr;
};

// A start tag still open to b:attr and b:class.
struct OpenTag {
  std::string name;
  bool is_void = false;
  std::vector<std::pair<std::string, std::string>> attrs;
  std::string whitespace;  // blank text met while the tag was open, written after it

  void Set(std::string attr, std::string value) {
    for (auto& [n, v] : attrs) {
      if (n == attr) {
        v = std::move(value);
        return;
      }
    }
    attrs.emplace_back(std::move(attr), std::move(value));
  }
  void AddClass(std::string_view cls) {
    for (auto& [n, v] : attrs) {
      if (n != "class") continue;
      // Already there?
      size_t pos = 0;
      while (pos <= v.size()) {
        size_t space = v.find(' ', pos);
        if (space == std::string::npos) space = v.size();
        if (std::string_view(v).substr(pos, space - pos) == cls) return;
        pos = space + 1;
      }
      if (!v.empty()) v += ' ';
      v += cls;
      return;
    }
    attrs.emplace_back("class", std::string(cls));
  }
};

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') return false;
  }
  return true;
}

class Renderer {
 public:
  Renderer(const Theme::Impl& theme, const RenderInput& input, const Limits& limits)
      : theme_(theme), input_(input), limits_(limits), budget_{limits.max_steps} {
    out_.reserve(theme.static_size + theme.static_size / 2);
  }

  Result<std::string> Run() {
    Frame skin(nullptr, "skin", &theme_.skin);
    const Map* globals = &input_.globals.map();
    Frame page(&skin, globals);
    if (!RenderNodes(theme_.root, page)) return status_;
    FlushTag();
    return std::move(out_);
  }

 private:
  // --- output ---
  void FlushTag() {
    if (open_ == nullptr) return;
    OpenTag* tag = open_;
    open_ = nullptr;
    out_ += '<';
    out_ += tag->name;
    for (const auto& [n, v] : tag->attrs) {
      out_ += ' ';
      out_ += n;
      out_ += "='";
      text::AppendEscapedHtml(v, out_);
      out_ += '\'';
    }
    out_ += tag->is_void ? "/>" : ">";
    out_ += tag->whitespace;
  }
  void Write(std::string_view s) {
    if (open_ != nullptr) {
      if (IsBlank(s)) {
        open_->whitespace += s;
        return;
      }
      FlushTag();
    }
    out_ += s;
  }
  void WriteValue(const Value& v) {
    switch (v.kind()) {
      case Value::Kind::kNull: return;
      case Value::Kind::kHtml: Write(v.text()); return;
      case Value::Kind::kString:
        FlushTag();
        text::AppendEscapedHtml(v.text(), out_);
        return;
      default: {
        std::string s = v.ToText();
        FlushTag();
        text::AppendEscapedHtml(s, out_);
      }
    }
  }

  // --- errors and limits ---
  bool Fail(const Node& node, std::string_view message, const std::string& file) {
    status_ = Status::InvalidArgument(file + ":" + ToString(node.at) + ": " + std::string(message));
    return false;
  }
  bool Step(const Node& node) {
    if (budget_.Take()) return true;
    return Fail(node, "the theme takes more than " + std::to_string(limits_.max_steps) + " steps",
                File());
  }
  bool Enter(const Node& node) {
    if (++depth_ <= limits_.max_depth) return true;
    return Fail(node,
                "the theme recurses deeper than " + std::to_string(limits_.max_depth) + " includes",
                File());
  }
  const std::string& File() const { return file_ != nullptr ? *file_ : theme_.file; }

  bool Eval(const Node& node, const Expression& e, const Scope& scope, Value& out) {
    Result<Value> v = e.Evaluate(scope, budget_);
    if (!v.ok()) return Fail(node, v.status().message(), File());
    out = std::move(*v);
    return true;
  }
  bool Cond(const Node& node, const Scope& scope, bool& holds) {
    if (!node.has_cond) {
      holds = true;
      return true;
    }
    Value v;
    if (!Eval(node, node.cond, scope, v)) return false;
    holds = v.Truthy();
    return true;
  }

  // --- the walk ---
  bool RenderNodes(const Nodes& nodes, const Scope& scope) {
    for (const Node& node : nodes) {
      if (!RenderNode(node, scope)) return false;
    }
    return true;
  }

  bool RenderNode(const Node& node, const Scope& scope) {
    if (node.kind == NodeKind::kText) {
      Write(node.text);
      return true;
    }
    if (!Step(node)) return false;
    switch (node.kind) {
      case NodeKind::kText: return true;
      case NodeKind::kExprAttr: {
        Value v;
        if (!Eval(node, node.expr, scope, v)) return false;
        if (v.is_null()) return true;
        out_ += ' ';
        out_ += node.text;
        out_ += "='";
        if (v.is_string_like()) {
          text::AppendEscapedHtml(v.text(), out_);
        } else {
          text::AppendEscapedHtml(v.ToText(), out_);
        }
        out_ += '\'';
        return true;
      }
      case NodeKind::kData: {
        if (node.has_expr) {
          Value v;
          if (!Eval(node, node.expr, scope, v)) return false;
          WriteValue(v);
          return true;
        }
        const Value* v = scope.Lookup(node.path.front());
        for (size_t i = 1; v != nullptr && i < node.path.size(); ++i) v = v->Field(node.path[i]);
        if (v != nullptr) WriteValue(*v);
        return true;
      }
      case NodeKind::kIf: {
        for (const Branch& b : node.branches) {
          if (b.has_cond) {
            Result<Value> r = b.cond.Evaluate(scope, budget_);
            if (!r.ok()) return Fail(node, r.status().message(), File());
            if (!r->Truthy()) continue;
          }
          return RenderNodes(b.body, scope);
        }
        return true;
      }
      case NodeKind::kSwitch: {
        Value v;
        if (!Eval(node, node.expr, scope, v)) return false;
        std::string text = v.ToText();
        const Branch* chosen = nullptr;
        for (const Branch& b : node.branches) {
          if (b.is_default) {
            if (chosen == nullptr) chosen = &b;
            continue;
          }
          if (b.value == text) {
            chosen = &b;
            break;
          }
        }
        // A default before the matching case must not win over it.
        for (const Branch& b : node.branches) {
          if (!b.is_default && b.value == text) chosen = &b;
        }
        return chosen == nullptr || RenderNodes(chosen->body, scope);
      }
      case NodeKind::kLoop: return RenderLoop(node, scope);
      case NodeKind::kWith: {
        Value v;
        if (!Eval(node, node.expr, scope, v)) return false;
        if (!Enter(node)) return false;
        Frame frame(&scope, node.text, &v);
        bool ok = RenderNodes(node.children, frame);
        --depth_;
        return ok;
      }
      case NodeKind::kInclude: return RenderInclude(node, scope);
      case NodeKind::kAttr:
      case NodeKind::kClass: return RenderModifier(node, scope);
      case NodeKind::kMessage: return RenderMessage(node, scope);
      case NodeKind::kElement: return RenderElement(node, scope, node.text, true);
      case NodeKind::kTag: {
        bool holds = true;
        if (!Cond(node, scope, holds)) return false;
        if (!holds) return RenderNodes(node.children, scope);
        std::string name = node.text;
        if (node.has_expr2) {
          Value v;
          if (!Eval(node, node.expr2, scope, v)) return false;
          name = v.ToText();
        }
        if (name.empty()) return RenderNodes(node.children, scope);
        return RenderElement(node, scope, name, false);
      }
      case NodeKind::kSection: return RenderSection(node, scope);
      case NodeKind::kWidget: return true;
    }
    return true;
  }

  bool RenderElement(const Node& node, const Scope& scope, const std::string& name,
                     bool known_void) {
    FlushTag();
    OpenTag tag;
    tag.name = name;
    static constexpr std::string_view kVoid[] = {"area",  "base",   "br",    "col",  "embed",
                                                 "hr",    "img",    "input", "link", "meta",
                                                 "param", "source", "track", "wbr"};
    tag.is_void = known_void ? node.flag : false;
    if (!known_void) {
      for (std::string_view v : kVoid) tag.is_void = tag.is_void || v == name;
    }
    tag.attrs = node.attrs;
    for (const ExprAttr& attr : node.expr_attrs) {
      Value v;
      if (!Eval(node, attr.value, scope, v)) return false;
      if (!v.is_null()) tag.Set(attr.name, v.ToText());
    }
    open_ = &tag;
    if (!RenderNodes(node.children, scope)) {
      open_ = nullptr;
      return false;
    }
    FlushTag();
    if (!tag.is_void) {
      out_ += "</";
      out_ += name;
      out_ += '>';
    }
    return true;
  }

  bool RenderModifier(const Node& node, const Scope& scope) {
    if (open_ == nullptr) return true;  // its element's start tag is already written
    bool holds = true;
    if (!Cond(node, scope, holds)) return false;
    if (!holds) return true;
    std::string name = node.text;
    if (node.has_expr2) {
      Value v;
      if (!Eval(node, node.expr2, scope, v)) return false;
      name = v.ToText();
    }
    if (name.empty()) return true;
    if (node.kind == NodeKind::kClass) {
      open_->AddClass(name);
      return true;
    }
    std::string value = node.text2;
    if (node.has_expr) {
      Value v;
      if (!Eval(node, node.expr, scope, v)) return false;
      value = v.ToText();
    }
    open_->Set(std::move(name), std::move(value));
    return true;
  }

  bool RenderLoop(const Node& node, const Scope& scope) {
    Value values;
    if (!Eval(node, node.expr, scope, values)) return false;
    if (!Enter(node)) return false;
    // A list's items, or a map's values in their order.
    const List& list = values.list();
    std::vector<const Value*> map_values;
    if (values.kind() == Value::Kind::kMap) {
      for (const auto& entry : values.map()) map_values.push_back(&entry.second);
    }
    const size_t n = map_values.empty() ? list.size() : map_values.size();
    for (size_t k = 0; k < n; ++k) {
      if (!Step(node)) return false;
      const size_t i = node.flag ? n - 1 - k : k;
      const Value* item = map_values.empty() ? &list[i] : map_values[i];
      Value index = Value::Number(static_cast<double>(i));
      Frame with_index(&scope, node.text2, &index);
      Frame frame(node.text2.empty() ? &scope : &with_index, node.text, item);
      if (!RenderNodes(node.children, frame)) return false;
    }
    --depth_;
    return true;
  }

  const Includable* Resolve(int name_id, int start_layer) const {
    const size_t id = static_cast<size_t>(name_id);
    const TypeLinks& type =
        theme_.types[static_cast<size_t>(widget_ != nullptr ? widget_->type_links : 0)];
    if (start_layer == kWidgetOwn) {
      if (widget_ != nullptr && widget_->own[id] != nullptr) return widget_->own[id];
      return type.from[kThemeType][id];
    }
    return start_layer < kLayerCount ? type.from[static_cast<size_t>(start_layer)][id] : nullptr;
  }

  bool RenderIncludable(const Node& node, const Includable& inc, const Scope& scope) {
    if (!Enter(node)) return false;
    const std::string* saved = file_;
    file_ = &inc.file;
    bool ok = RenderNodes(inc.body, scope);
    file_ = saved;
    --depth_;
    return ok;
  }

  bool RenderInclude(const Node& node, const Scope& scope) {
    bool holds = true;
    if (!Cond(node, scope, holds)) return false;
    if (!holds) return true;
    int name_id = node.name_id;
    if (node.has_expr2) {
      Value name;
      if (!Eval(node, node.expr2, scope, name)) return false;
      auto it = theme_.names.find(name.ToText());
      if (it == theme_.names.end()) return true;
      name_id = it->second;
    }
    const Includable* inc = Resolve(name_id, node.start_layer);
    if (inc == nullptr) return true;
    if (!node.has_expr) return RenderIncludable(node, *inc, scope);
    Value data;
    if (!Eval(node, node.expr, scope, data)) return false;
    if (!inc->var.empty()) {
      Frame frame(&scope, inc->var, &data);
      return RenderIncludable(node, *inc, frame);
    }
    if (data.kind() == Value::Kind::kMap) {
      Frame frame(&scope, &data.map());
      return RenderIncludable(node, *inc, frame);
    }
    return RenderIncludable(node, *inc, scope);
  }

  bool RenderMessage(const Node& node, const Scope& scope) {
    // name='messages.numberOfComments': a path from the scope.
    std::string_view path = node.text;
    size_t dot = path.find('.');
    const Value* v = scope.Lookup(path.substr(0, dot));
    while (v != nullptr && dot != std::string_view::npos) {
      size_t start = dot + 1;
      dot = path.find('.', start);
      v = v->Field(
          path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    }
    if (v == nullptr) return true;
    const bool html = v->kind() == Value::Kind::kHtml;
    std::string message = v->ToText();
    if (IsIcuPattern(message)) return RenderIcuMessage(node, scope, message, html);
    std::vector<std::pair<std::string, std::string>> params;
    for (size_t i = 0; i < node.expr_attrs.size(); ++i) {
      Value p;
      if (!Eval(node, node.expr_attrs[i].value, scope, p)) return false;
      std::string text = p.kind() == Value::Kind::kHtml ? p.text() : text::EscapeHtml(p.ToText());
      params.emplace_back("{" + node.expr_attrs[i].name + "}", text);
      params.emplace_back("{" + std::to_string(i) + "}", std::move(text));
    }
    std::string result;
    size_t pos = 0;
    while (pos < message.size()) {
      size_t open = message.find('{', pos);
      if (open == std::string::npos) break;
      std::string chunk = message.substr(pos, open - pos);
      result += html ? chunk : text::EscapeHtml(chunk);
      size_t close = message.find('}', open);
      bool replaced = false;
      if (close != std::string::npos) {
        std::string_view key = std::string_view(message).substr(open, close - open + 1);
        for (const auto& [k, text] : params) {
          if (k == key) {
            result += text;
            replaced = true;
            break;
          }
        }
      }
      if (replaced) {
        pos = close + 1;
      } else {
        result += '{';
        pos = open + 1;
      }
    }
    if (pos < message.size()) {
      std::string chunk = message.substr(pos);
      result += html ? chunk : text::EscapeHtml(chunk);
    }
    Write(result);
    return true;
  }

  // A plural or select pattern, formatted by ICU in the blog's language (data:blog.locale).
  bool RenderIcuMessage(const Node& node, const Scope& scope, const std::string& message,
                        bool html) {
    std::vector<std::pair<std::string, Value>> args;
    args.reserve(node.expr_attrs.size());
    bool html_args = false;
    for (const ExprAttr& param : node.expr_attrs) {
      Value p;
      if (!Eval(node, param.value, scope, p)) return false;
      html_args = html_args || p.kind() == Value::Kind::kHtml;
      args.emplace_back(param.name, std::move(p));
    }
    // A text message is escaped as a whole; beside HTML arguments, its text ones alone.
    const bool escape_args = !html && html_args;
    if (escape_args) {
      for (auto& [name, value] : args) {
        if (value.kind() == Value::Kind::kString)
          value = Value::String(text::EscapeHtml(value.text()));
      }
    }
    std::string locale;
    if (const Value* blog = scope.Lookup("blog")) {
      if (const Value* tag = blog->Field("locale")) locale = tag->ToText();
    }
    std::string result = FormatIcuMessage(message, locale, args);
    Write(html || escape_args ? result : text::EscapeHtml(result));
    return true;
  }

  bool RenderSection(const Node& node, const Scope& scope) {
    const CompiledSection& section = theme_.compiled_sections[static_cast<size_t>(node.index)];
    if (section.has_cond) {
      Value v;
      if (!Eval(node, section.cond, scope, v)) return false;
      if (!v.Truthy()) return true;
    }
    Write(section.open);
    const SectionInfo& info = theme_.sections[static_cast<size_t>(node.index)];
    for (size_t i = 0; i < section.widgets.size(); ++i) {
      const CompiledWidget& widget = theme_.widgets[static_cast<size_t>(section.widgets[i])];
      if (!RenderWidget(node, widget, info.widgets[i], scope)) return false;
    }
    Write(section.close);
    return true;
  }

  bool RenderWidget(const Node& node, const CompiledWidget& widget, const WidgetInfo& info,
                    const Scope& scope) {
    if (!info.visible) return true;
    if (!Step(node)) return false;
    Value data = input_.widget_data ? input_.widget_data(info) : Value();
    Frame fields(&scope, &data.map());
    Frame self(&fields, "this", &data);
    if (widget.has_cond) {
      Value v;
      Result<Value> r = widget.cond.Evaluate(self, budget_);
      if (!r.ok()) return Fail(node, r.status().message(), theme_.file);
      if (!r->Truthy()) return true;
    }
    // The wrapper stays open to the b:class/b:attr at the top of the includable (Plus
    // UI's LinkList adds its 'navS' class so): the first output writes it.
    FlushTag();
    OpenTag tag{"div", false, widget.attrs, {}};
    open_ = &tag;
    const CompiledWidget* saved = widget_;
    widget_ = &widget;
    bool ok = true;
    if (const Includable* main = Resolve(theme_.main_id, kWidgetOwn)) {
      Frame var(&self, main->var, &data);
      ok = RenderIncludable(node, *main, main->var.empty() ? static_cast<const Scope&>(self) : var);
    }
    widget_ = saved;
    if (!ok) {
      open_ = nullptr;
      return false;
    }
    FlushTag();
    Write("</div>");
    return true;
  }

  const Theme::Impl& theme_;
  const RenderInput& input_;
  const Limits& limits_;
  Budget budget_;
  std::string out_;
  Status status_;
  OpenTag* open_ = nullptr;
  int depth_ = 0;
  const CompiledWidget* widget_ = nullptr;
  const std::string* file_ = nullptr;
};

}  // namespace

Result<std::string> RenderTheme(const Theme::Impl& theme, const RenderInput& input,
                                const Limits& limits) {
  Renderer renderer(theme, input, limits);
  return renderer.Run();
}

}  // namespace samizdat::blogger
