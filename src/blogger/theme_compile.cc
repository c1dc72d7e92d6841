// CompileTheme: a Blogger theme's XML (libxml2 DOM) and the built-in markup turned into
// the evaluation tree Theme::Render walks; macros expanded, skins substituted, includes
// linked to their includables.
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "blogger/builtin_markup.h"
#include "blogger/designer_css.h"
#include "blogger/skin.h"
#include "blogger/theme_nodes.h"
#include "text/escape.h"

namespace samizdat::blogger {
namespace {

std::string_view Str(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

// One parsed XML document with what turns its nodes into FILE:LINE:COLUMN positions.
class XmlUnit {
 public:
  XmlUnit(std::string_view source, std::string file) : file_(std::move(file)), source_(source) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < source.size(); ++i) {
      if (source[i] == '\n') line_starts_.push_back(i + 1);
    }
  }
  XmlUnit(const XmlUnit&) = delete;
  XmlUnit& operator=(const XmlUnit&) = delete;
  ~XmlUnit() {
    if (ctxt_ != nullptr) {
      if (ctxt_->myDoc != nullptr) xmlFreeDoc(ctxt_->myDoc);
      xmlFreeParserCtxt(ctxt_);
    }
  }

  Status Parse() {
    static std::once_flag init;
    std::call_once(init, [] { xmlInitParser(); });
    ctxt_ = xmlCreateMemoryParserCtxt(source_.data(), static_cast<int>(source_.size()));
    if (ctxt_ == nullptr) return Status::Internal("cannot make an XML parser");
    xmlCtxtUseOptions(ctxt_, XML_PARSE_NONET);
    ctxt_->sax->serror = &XmlUnit::OnError;
    ctxt_->sax->startElementNs = &XmlUnit::OnStartElement;
    ctxt_->_private = this;
    xmlParseDocument(ctxt_);
    if (!ctxt_->wellFormed || ctxt_->myDoc == nullptr) {
      if (error_.empty()) error_ = file_ + ":1:1: not well-formed XML";
      return Status::InvalidArgument(error_);
    }
    if (xmlDocGetRootElement(ctxt_->myDoc) == nullptr) {
      return Status::InvalidArgument(file_ + ":1:1: no root element");
    }
    return Status::Ok();
  }

  xmlNode* root() const { return xmlDocGetRootElement(ctxt_->myDoc); }
  const std::string& file() const { return file_; }

  // Where `node` (an element) starts: its '<'.
  Position PositionOf(const xmlNode* node) const {
    auto it = starts_.find(node);
    if (it == starts_.end()) return Position{static_cast<int>(xmlGetLineNo(node)), 1};
    return PositionAt(it->second);
  }

  // Where the value of `node`'s attribute `qname` starts (after its quote).
  Position AttributePosition(const xmlNode* node, std::string_view qname) const {
    auto it = starts_.find(node);
    if (it == starts_.end()) return PositionOf(node);
    size_t i = it->second;
    const size_t n = source_.size();
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    ++i;  // '<'
    while (i < n && !blank(source_[i]) && source_[i] != '>' && source_[i] != '/') ++i;
    while (i < n) {
      while (i < n && blank(source_[i])) ++i;
      if (i >= n || source_[i] == '>' || source_[i] == '/') break;
      size_t name_start = i;
      while (i < n && !blank(source_[i]) && source_[i] != '=') ++i;
      std::string_view name = source_.substr(name_start, i - name_start);
      while (i < n && (blank(source_[i]) || source_[i] == '=')) ++i;
      if (i >= n) break;
      char quote = source_[i++];
      if (name == qname) return PositionAt(i);
      while (i < n && source_[i] != quote) ++i;
      ++i;
    }
    return PositionOf(node);
  }

  std::string Where(Position at) const { return file_ + ":" + ToString(at); }
  Status Error(Position at, std::string_view message) const {
    return Status::InvalidArgument(Where(at) + ": " + std::string(message));
  }

 private:
  Position PositionAt(size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    size_t line = static_cast<size_t>(it - line_starts_.begin());
    size_t start = line_starts_[line - 1];
    int column = 1;
    for (size_t i = start; i < offset && i < source_.size(); ++i) {
      if ((static_cast<unsigned char>(source_[i]) & 0xC0) != 0x80) ++column;
    }
    return Position{static_cast<int>(line), column};
  }

  // Builds the DOM as libxml2 does and notes where the element's start tag began: the
  // parser stands at its end, and XML allows no '<' inside a start tag.
  static void OnStartElement(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                             const xmlChar* uri, int nb_namespaces, const xmlChar** namespaces,
                             int nb_attributes, int nb_defaulted, const xmlChar** attributes) {
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                          nb_defaulted, attributes);
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    auto* self = static_cast<XmlUnit*>(ctxt->_private);
    if (ctxt->node == nullptr || ctxt->input == nullptr) return;
    size_t end = static_cast<size_t>(ctxt->input->consumed) +
                 static_cast<size_t>(ctxt->input->cur - ctxt->input->base);
    size_t start = std::min(end, self->source_.size());
    while (start > 0 && self->source_[start] != '<') --start;
    self->starts_[ctxt->node] = start;
  }

  static void OnError(void* ctx, xmlErrorPtr error) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    if (ctxt == nullptr || error == nullptr) return;
    auto* self = static_cast<XmlUnit*>(ctxt->_private);
    if (self == nullptr || !self->error_.empty()) return;
    if (error->level < XML_ERR_ERROR || error->domain == XML_FROM_NAMESPACE) return;
    std::string message = error->message != nullptr ? error->message : "not well-formed";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    self->error_ = self->file_ + ":" + std::to_string(error->line) + ":" +
                   std::to_string(std::max(1, error->int2)) + ": " + message;
  }

  std::string file_;
  std::string_view source_;
  std::vector<size_t> line_starts_;
  xmlParserCtxtPtr ctxt_ = nullptr;
  std::string error_;
  std::unordered_map<const xmlNode*, size_t> starts_;  // element -> offset of its '<'
};

// An element's or attribute's prefix and local name, whether or not the prefix is
// declared (Blogger's own backups use macro: and mexpr: undeclared).
struct QName {
  std::string_view prefix;
  std::string_view local;
};

QName NameOf(const xmlNode* node) {
  if (node->ns != nullptr && node->ns->prefix != nullptr)
    return {Str(node->ns->prefix), Str(node->name)};
  std::string_view name = Str(node->name);
  size_t colon = name.find(':');
  if (colon == std::string_view::npos) return {{}, name};
  return {name.substr(0, colon), name.substr(colon + 1)};
}

QName NameOf(const xmlAttr* attr) {
  if (attr->ns != nullptr && attr->ns->prefix != nullptr)
    return {Str(attr->ns->prefix), Str(attr->name)};
  std::string_view name = Str(attr->name);
  size_t colon = name.find(':');
  if (colon == std::string_view::npos) return {{}, name};
  return {name.substr(0, colon), name.substr(colon + 1)};
}

std::string QualifiedName(QName q) {
  return q.prefix.empty() ? std::string(q.local)
                          : std::string(q.prefix) + ":" + std::string(q.local);
}

std::string AttrValue(const xmlAttr* attr) {
  xmlChar* value = xmlNodeListGetString(attr->doc, attr->children, 1);
  std::string out(Str(value));
  xmlFree(value);
  return out;
}

// The attribute with this prefix and local name, or nullptr.
const xmlAttr* FindAttr(const xmlNode* node, std::string_view prefix, std::string_view local) {
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    QName q = NameOf(a);
    if (q.prefix == prefix && q.local == local) return a;
  }
  return nullptr;
}

std::string Attr(const xmlNode* node, std::string_view local) {
  const xmlAttr* a = FindAttr(node, "", local);
  return a != nullptr ? AttrValue(a) : std::string();
}

bool IsElement(const xmlNode* node) { return node->type == XML_ELEMENT_NODE; }
bool IsB(const xmlNode* node, std::string_view local) {
  if (!IsElement(node)) return false;
  QName q = NameOf(node);
  return q.prefix == "b" && q.local == local;
}
bool IsMacro(const xmlNode* node, std::string_view local) {
  if (!IsElement(node)) return false;
  QName q = NameOf(node);
  return q.prefix == "macro" && q.local == local;
}

std::string TextContent(const xmlNode* node) {
  std::string out;
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) out += Str(c->content);
  }
  return out;
}

bool IsVoidElement(std::string_view name) {
  static const std::set<std::string_view> kVoid = {"area",  "base",   "br",    "col",  "embed",
                                                   "hr",    "img",    "input", "link", "meta",
                                                   "param", "source", "track", "wbr"};
  return kVoid.contains(name);
}

void AppendAttribute(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "='";
  text::AppendEscapedHtml(value, out);
  out += '\'';
}

// Appends static markup, joined to the previous text node when there is one.
void Emit(Nodes& out, std::string_view markup) {
  if (markup.empty()) return;
  if (!out.empty() && out.back().kind == NodeKind::kText) {
    out.back().text += markup;
    return;
  }
  Node node;
  node.kind = NodeKind::kText;
  node.text = std::string(markup);
  out.push_back(std::move(node));
}

// Values the macros of designer-era themes bind: macro:param default='…'.
Value MacroLiteral(const std::string& text) {
  if (text == "true") return Value::Boolean(true);
  if (text == "false") return Value::Boolean(false);
  char* end = nullptr;
  double n = std::strtod(text.c_str(), &end);
  if (!text.empty() && end == text.c_str() + text.size()) return Value::Number(n);
  return Value::String(text);
}

// The names a macro expansion binds, over its caller's.
class MacroScope final : public Scope {
 public:
  MacroScope(const MacroScope* parent, std::string name, Value value)
      : parent_(parent), name_(std::move(name)), value_(std::move(value)) {}
  const Value* Lookup(std::string_view name) const override {
    for (const MacroScope* s = this; s != nullptr; s = s->parent_) {
      if (s->name_ == name) return &s->value_;
    }
    return nullptr;
  }
  int depth() const { return parent_ == nullptr ? 1 : parent_->depth() + 1; }

 private:
  const MacroScope* parent_;
  std::string name_;
  Value value_;
};

// Where a node is being compiled.
struct Ctx {
  const XmlUnit* unit = nullptr;
  int layer = -1;                     // the layer of the includable being compiled; -1 outside
  const MacroScope* macro = nullptr;  // inside a macro expansion
  int widget = -1;                    // inside this widget (index into impl.widgets)
};

struct PendingInclude {
  int name_id;
  std::string where;
  std::string name;
};

struct WidgetDraft {
  std::vector<std::pair<int, const Includable*>> own;
};

class Compiler {
 public:
  explicit Compiler(Theme::Impl& impl) : impl_(impl) { impl_.main_id = Intern("main"); }

  // Reads a unit before compiling anything: macros, section contents, skin variables,
  // and the includables that set their parent's attributes.
  Status Scan(const XmlUnit& unit, const xmlNode* node) {
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      QName q = NameOf(c);
      if (q.prefix == "macro" && q.local == "includable") {
        macros_[Attr(c, "id")] = c;
        continue;
      }
      if (q.prefix == "b") {
        if (q.local == "section-contents") section_contents_[Attr(c, "id")] = c;
        if (q.local == "includable" && HasModifiers(c, false)) modifying_.insert(Attr(c, "id"));
        if (q.local == "skin" || q.local == "template-skin") {
          Result<std::string> css = skin_.Collect(TextContent(c));
          if (!css.ok()) return unit.Error(unit.PositionOf(c), css.status().message());
          for (const xmlNode* v = c->children; v != nullptr; v = v->next) {
            if (IsB(v, "variable")) {
              std::string value = Attr(v, "value");
              skin_.Define(Attr(v, "name"), value.empty() ? Attr(v, "default") : value);
            }
          }
        }
      }
      SAMIZDAT_RETURN_IF_ERROR(Scan(unit, c));
    }
    return Status::Ok();
  }

  // Compiles the b:defaultmarkup blocks under `node` into the theme's or built-in layers.
  Status CompileDefaultMarkups(const XmlUnit& unit, const xmlNode* node, bool builtin) {
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      if (!IsB(c, "defaultmarkup")) {
        SAMIZDAT_RETURN_IF_ERROR(CompileDefaultMarkups(unit, c, builtin));
        continue;
      }
      std::string types = Attr(c, "type");
      std::vector<std::string> list;
      size_t pos = 0;
      while (pos <= types.size()) {
        size_t comma = types.find(',', pos);
        if (comma == std::string::npos) comma = types.size();
        std::string type(TrimCopy(std::string_view(types).substr(pos, comma - pos)));
        if (!type.empty()) list.push_back(type);
        pos = comma + 1;
      }
      for (const xmlNode* inc = c->children; inc != nullptr; inc = inc->next) {
        if (!IsB(inc, "includable")) continue;
        for (const std::string& type : list) {
          const bool common = type == "Common";
          int layer = builtin ? (common ? kBuiltinCommon : kBuiltinType)
                              : (common ? kThemeCommon : kThemeType);
          Result<const Includable*> compiled = CompileIncludable(unit, inc, layer, -1);
          if (!compiled.ok()) return compiled.status();
          int id = Intern((*compiled)->id);
          auto& table = common ? (builtin ? builtin_common_ : theme_common_)
                               : (builtin ? builtin_type_[type] : theme_type_[type]);
          table.emplace(id, *compiled);
        }
      }
    }
    return Status::Ok();
  }

  Status CompileRoot(const XmlUnit& unit) {
    const xmlNode* root = unit.root();
    std::string version = Attr(root, "defaultwidgetversion");
    if (const xmlAttr* a = FindAttr(root, "b", "defaultwidgetversion")) version = AttrValue(a);
    default_widget_version_ = version.empty() ? 1 : std::max(1, std::atoi(version.c_str()));
    Emit(impl_.root, "<!DOCTYPE html>\n");
    Ctx ctx{&unit, -1, nullptr, -1};
    return CompileNode(ctx, root, impl_.root);
  }

  Status Link() {
    const size_t n = names_.size();
    std::vector<bool> defined(n, false);
    for (const auto& inc : impl_.includables) defined[static_cast<size_t>(Intern(inc->id))] = true;
    for (const PendingInclude& p : includes_) {
      if (!defined[static_cast<size_t>(p.name_id)]) {
        return Status::InvalidArgument(p.where + ": no includable named '" + p.name + "'");
      }
    }
    std::map<std::string, int> type_index;
    auto links_for = [&](const std::string& type) {
      auto [it, fresh] = type_index.emplace(type, static_cast<int>(impl_.types.size()));
      if (!fresh) return it->second;
      TypeLinks links;
      links.type = type;
      for (auto& layer : links.from) layer.assign(n, nullptr);
      auto fill = [&](int layer, const std::unordered_map<int, const Includable*>* table) {
        for (size_t id = 0; id < n; ++id) {
          const Includable* found = nullptr;
          if (table != nullptr) {
            auto f = table->find(static_cast<int>(id));
            if (f != table->end()) found = f->second;
          }
          if (found == nullptr && layer + 1 < kLayerCount) found = links.from[layer + 1][id];
          links.from[layer][id] = found;
        }
      };
      auto typed = [&](std::map<std::string, std::unordered_map<int, const Includable*>>& m) {
        auto f = m.find(type);
        return f == m.end() ? nullptr : &f->second;
      };
      fill(kBuiltinCommon, &builtin_common_);
      fill(kBuiltinType, type.empty() ? nullptr : typed(builtin_type_));
      fill(kThemeCommon, &theme_common_);
      fill(kThemeType, type.empty() ? nullptr : typed(theme_type_));
      impl_.types.push_back(std::move(links));
      return it->second;
    };
    links_for("");
    for (size_t w = 0; w < impl_.widgets.size(); ++w) {
      CompiledWidget& widget = impl_.widgets[w];
      const WidgetInfo& info = impl_.sections[static_cast<size_t>(widget.section)]
                                   .widgets[static_cast<size_t>(widget.position)];
      widget.type_links = links_for(info.type);
      widget.own.assign(n, nullptr);
      for (const auto& [id, inc] : drafts_[w].own) {
        if (widget.own[static_cast<size_t>(id)] == nullptr)
          widget.own[static_cast<size_t>(id)] = inc;
      }
    }
    impl_.skin = skin_.ToValue();
    impl_.names.insert(names_.begin(), names_.end());
    return Status::Ok();
  }

 private:
  static std::string_view TrimCopy(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t'))
      s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t'))
      s.remove_suffix(1);
    return s;
  }

  int Intern(const std::string& name) {
    auto [it, fresh] = names_.emplace(name, static_cast<int>(names_.size()));
    return it->second;
  }

  // Whether b:attr or b:class can reach `node`'s start tag: directly, through b:if,
  // b:with, b:switch or b:loop, or (with `includes`) through an include of an
  // includable that starts with them.
  bool HasModifiers(const xmlNode* node, bool includes) const {
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      QName q = NameOf(c);
      if (q.prefix == "b") {
        if (q.local == "attr" || q.local == "class") return true;
        if (q.local == "include" && includes && modifying_.contains(Attr(c, "name"))) return true;
        static const std::set<std::string_view> kTransparent = {
            "if", "elseif", "else", "with", "switch", "case", "default", "loop"};
        if (kTransparent.contains(q.local) && HasModifiers(c, includes)) return true;
      } else if (q.prefix == "macro" && (q.local == "if" || q.local == "else")) {
        if (HasModifiers(c, includes)) return true;
      }
    }
    return false;
  }

  Result<Expression> Parse(const Ctx& ctx, const xmlNode* node, const xmlAttr* attr) {
    std::string qname = QualifiedName(NameOf(attr));
    Result<Expression> e =
        Expression::Parse(AttrValue(attr), ctx.unit->AttributePosition(node, qname));
    if (!e.ok()) return Status::InvalidArgument(ctx.unit->file() + ":" + e.status().message());
    return e;
  }

  // The expression of `local` or expr:`local` (a b: tag's attribute), if present.
  Result<bool> ParseOptional(const Ctx& ctx, const xmlNode* node, std::string_view local,
                             Expression& out) {
    const xmlAttr* a = FindAttr(node, "", local);
    if (a == nullptr) a = FindAttr(node, "expr", local);
    if (a == nullptr) return false;
    Result<Expression> e = Parse(ctx, node, a);
    if (!e.ok()) return e.status();
    out = std::move(*e);
    return true;
  }

  Status ParseCond(const Ctx& ctx, const xmlNode* node, Node& out) {
    Result<bool> has = ParseOptional(ctx, node, "cond", out.cond);
    if (!has.ok()) return has.status();
    out.has_cond = *has;
    return Status::Ok();
  }

  // Evaluates a macro:if condition or mexpr: attribute now.
  Result<Value> EvaluateMacro(const Ctx& ctx, const xmlNode* node, const xmlAttr* attr) {
    Result<Expression> e = Parse(ctx, node, attr);
    if (!e.ok()) return e.status();
    static const MacroScope kEmpty(nullptr, "", Value());
    Budget budget{1'000'000};
    Result<Value> v = e->Evaluate(ctx.macro != nullptr ? *ctx.macro : kEmpty, budget);
    if (!v.ok()) return ctx.unit->Error(ctx.unit->PositionOf(node), v.status().message());
    return v;
  }

  Status CompileChildren(const Ctx& ctx, const xmlNode* node, Nodes& out) {
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      SAMIZDAT_RETURN_IF_ERROR(CompileNode(ctx, c, out));
    }
    return Status::Ok();
  }

  Status CompileNode(const Ctx& ctx, const xmlNode* node, Nodes& out) {
    switch (node->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE: Emit(out, Str(node->content)); return Status::Ok();
      case XML_COMMENT_NODE: {
        // Kept, except commented-out theme markup, which would show the theme's inside.
        std::string_view comment = Str(node->content);
        for (std::string_view markup : {"<b:", "</b:", "<data:", "expr:", "<macro:"}) {
          if (comment.find(markup) != std::string_view::npos) return Status::Ok();
        }
        Emit(out, "<!--");
        Emit(out, Str(node->content));
        Emit(out, "-->");
        return Status::Ok();
      }
      case XML_ELEMENT_NODE: break;
      default: return Status::Ok();
    }
    QName q = NameOf(node);
    if (q.prefix == "b") return CompileB(ctx, node, q.local, out);
    if (q.prefix == "macro") return CompileMacro(ctx, node, q.local, out);
    if (q.prefix == "data") return CompileData(ctx, node, q.local, out);
    return CompileElement(ctx, node, QualifiedName(q), out);
  }

  // True when `node` or an element beneath it is <b:include name='all-head-content'>.
  static bool IncludesHeadContent(const xmlNode* node) {
    if (IsB(node, "include") && Attr(node, "name") == "all-head-content") return true;
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (IsElement(c) && IncludesHeadContent(c)) return true;
    }
    return false;
  }

  // Blogger writes its head content into every theme: a page's <head> that does not
  // include all-head-content starts with data:blog.samizdatHead.
  static void InjectHeadContent(const Ctx& ctx, const xmlNode* node, const std::string& name,
                                Nodes& out) {
    if (name != "head" || ctx.layer >= 0 || ctx.widget >= 0 || IncludesHeadContent(node)) return;
    static const Expression kHead = Expression::Parse("data:blog.samizdatHead", Position{}).value();
    Node data;
    data.kind = NodeKind::kData;
    data.at = ctx.unit->PositionOf(node);
    data.expr = kHead;
    data.has_expr = true;
    out.push_back(std::move(data));
  }

  Status CompileElement(const Ctx& ctx, const xmlNode* node, const std::string& name, Nodes& out) {
    const bool is_void = IsVoidElement(name);
    if (HasModifiers(node, true)) {
      Node element;
      element.kind = NodeKind::kElement;
      element.at = ctx.unit->PositionOf(node);
      element.text = name;
      element.flag = is_void;
      SAMIZDAT_RETURN_IF_ERROR(CompileAttributes(ctx, node, &element, nullptr));
      InjectHeadContent(ctx, node, name, element.children);
      SAMIZDAT_RETURN_IF_ERROR(CompileChildren(ctx, node, element.children));
      out.push_back(std::move(element));
      return Status::Ok();
    }
    Emit(out, "<" + name);
    SAMIZDAT_RETURN_IF_ERROR(CompileAttributes(ctx, node, nullptr, &out));
    Emit(out, is_void ? "/>" : ">");
    InjectHeadContent(ctx, node, name, out);
    SAMIZDAT_RETURN_IF_ERROR(CompileChildren(ctx, node, out));
    if (!is_void) Emit(out, "</" + name + ">");
    return Status::Ok();
  }

  // An element's attributes: into `element`'s lists, or as markup and kExprAttr nodes
  // into `out`. b: attributes are the layout's and dropped; mexpr: ones are evaluated now.
  Status CompileAttributes(const Ctx& ctx, const xmlNode* node, Node* element, Nodes* out,
                           const std::set<std::string_view>& skip = {}) {
    for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
      QName q = NameOf(a);
      if (q.prefix == "b" || q.prefix == "xmlns") continue;
      if (q.prefix.empty() && skip.contains(q.local)) continue;
      // expr:X replaces a plain X on the same element.
      if (q.prefix.empty() && FindAttr(node, "expr", q.local) != nullptr) continue;
      if (q.prefix == "expr") {
        if (skip.contains(q.local)) continue;
        Result<Expression> e = Parse(ctx, node, a);
        if (!e.ok()) return e.status();
        if (element != nullptr) {
          element->expr_attrs.push_back(ExprAttr{std::string(q.local), std::move(*e)});
        } else {
          Node attr;
          attr.kind = NodeKind::kExprAttr;
          attr.at = ctx.unit->AttributePosition(node, QualifiedName(q));
          attr.text = std::string(q.local);
          attr.expr = std::move(*e);
          out->push_back(std::move(attr));
        }
        continue;
      }
      std::string name = q.prefix == "mexpr" ? std::string(q.local) : QualifiedName(q);
      std::string value;
      if (q.prefix == "mexpr") {
        Result<Value> v = EvaluateMacro(ctx, node, a);
        if (!v.ok()) return v.status();
        value = v->ToText();
      } else {
        value = AttrValue(a);
      }
      if (element != nullptr) {
        element->attrs.emplace_back(std::move(name), std::move(value));
      } else {
        std::string markup;
        AppendAttribute(markup, name, value);
        Emit(*out, markup);
      }
    }
    return Status::Ok();
  }

  Status CompileData(const Ctx& ctx, const xmlNode* node, std::string_view path, Nodes& out) {
    Node data;
    data.kind = NodeKind::kData;
    data.at = ctx.unit->PositionOf(node);
    if (path.find('-') != std::string_view::npos) {
      size_t pos = 0;
      while (pos <= path.size()) {
        size_t dot = path.find('.', pos);
        if (dot == std::string_view::npos) dot = path.size();
        data.path.emplace_back(path.substr(pos, dot - pos));
        pos = dot + 1;
      }
    } else {
      Position at = data.at;
      at.column += 1;
      Result<Expression> e = Expression::Parse("data:" + std::string(path), at);
      if (!e.ok()) return Status::InvalidArgument(ctx.unit->file() + ":" + e.status().message());
      data.expr = std::move(*e);
      data.has_expr = true;
    }
    out.push_back(std::move(data));
    return Status::Ok();
  }

  Status CompileMacro(const Ctx& ctx, const xmlNode* node, std::string_view local, Nodes& out) {
    if (local == "includable" || local == "param" || local == "else" || local == "elseif") {
      return Status::Ok();
    }
    if (local == "if") {
      // The children up to macro:else/elseif are the first branch.
      const xmlAttr* cond = FindAttr(node, "", "cond");
      if (cond == nullptr)
        return ctx.unit->Error(ctx.unit->PositionOf(node), "macro:if without cond");
      Result<Value> v = EvaluateMacro(ctx, node, cond);
      if (!v.ok()) return v.status();
      bool taking = v->Truthy();
      bool taken = taking;
      for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
        if (IsMacro(c, "else") || IsMacro(c, "elseif")) {
          if (taken) {
            taking = false;
            continue;
          }
          if (IsMacro(c, "else")) {
            taking = true;
          } else if (const xmlAttr* ec = FindAttr(c, "", "cond")) {
            Result<Value> ev = EvaluateMacro(ctx, c, ec);
            if (!ev.ok()) return ev.status();
            taking = ev->Truthy();
          }
          taken = taking;
          if (taking) SAMIZDAT_RETURN_IF_ERROR(CompileChildren(ctx, c, out));
          continue;
        }
        if (taking) SAMIZDAT_RETURN_IF_ERROR(CompileNode(ctx, c, out));
      }
      return Status::Ok();
    }
    if (local == "include") {
      std::string name = Attr(node, "name");
      auto it = macros_.find(name);
      if (it == macros_.end()) {
        return ctx.unit->Error(ctx.unit->PositionOf(node),
                               "no macro:includable named '" + name + "'");
      }
      if (ctx.macro != nullptr && ctx.macro->depth() > 16) {
        return ctx.unit->Error(ctx.unit->PositionOf(node), "macros nest deeper than 16");
      }
      Map params;
      for (const xmlNode* p = node->children; p != nullptr; p = p->next) {
        if (!IsMacro(p, "param")) continue;
        std::string value = Attr(p, "value");
        if (value.empty()) value = Attr(p, "default");
        params.Set(Attr(p, "name"), MacroLiteral(value));
      }
      std::string var = Attr(it->second, "var");
      MacroScope scope(ctx.macro, var, Value::OfMap(std::move(params)));
      Ctx inner = ctx;
      inner.macro = &scope;
      return CompileChildren(inner, it->second, out);
    }
    return ctx.unit->Error(ctx.unit->PositionOf(node), "unknown tag macro:" + std::string(local));
  }

  Result<const Includable*> CompileIncludable(const XmlUnit& unit, const xmlNode* node, int layer,
                                              int widget) {
    auto inc = std::make_unique<Includable>();
    inc->id = Attr(node, "id");
    inc->var = Attr(node, "var");
    inc->file = unit.file();
    inc->at = unit.PositionOf(node);
    if (inc->id.empty()) return unit.Error(inc->at, "b:includable without an id");
    Ctx ctx{&unit, layer, nullptr, widget};
    SAMIZDAT_RETURN_IF_ERROR(CompileChildren(ctx, node, inc->body));
    Intern(inc->id);
    impl_.includables.push_back(std::move(inc));
    return impl_.includables.back().get();
  }

  // b:if's and b:switch's children split at their marker tags into branches.
  Status CompileBranches(const Ctx& ctx, const xmlNode* node, bool is_switch, Node& out) {
    Branch* current = nullptr;
    if (!is_switch) {
      out.branches.emplace_back();
      current = &out.branches.back();
      Result<bool> has = ParseOptional(ctx, node, "cond", current->cond);
      if (!has.ok()) return has.status();
      if (!*has) return ctx.unit->Error(ctx.unit->PositionOf(node), "b:if without cond");
      current->has_cond = true;
    }
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      const bool marker =
          is_switch ? (IsB(c, "case") || IsB(c, "default")) : (IsB(c, "elseif") || IsB(c, "else"));
      if (marker) {
        out.branches.emplace_back();
        current = &out.branches.back();
        if (IsB(c, "elseif")) {
          Result<bool> has = ParseOptional(ctx, c, "cond", current->cond);
          if (!has.ok()) return has.status();
          current->has_cond = *has;
        } else if (IsB(c, "case")) {
          current->value = Attr(c, "value");
        } else {
          current->is_default = true;
        }
        SAMIZDAT_RETURN_IF_ERROR(CompileChildren(ctx, c, current->body));
        continue;
      }
      if (current == nullptr) continue;  // text before a switch's first case
      SAMIZDAT_RETURN_IF_ERROR(CompileNode(ctx, c, current->body));
    }
    return Status::Ok();
  }

  Status CompileB(const Ctx& ctx, const xmlNode* node, std::string_view local, Nodes& out) {
    const XmlUnit& unit = *ctx.unit;
    Node n;
    n.at = unit.PositionOf(node);
    if (local == "comment" || local == "defaultmarkups" || local == "defaultmarkup" ||
        local == "section-contents" || local == "template-script" || local == "includable" ||
        local == "widget-settings" || local == "widget-setting" || local == "variable" ||
        local == "param" || local == "else" || local == "elseif" || local == "case" ||
        local == "default") {
      return Status::Ok();
    }
    if (local == "if" || local == "switch") {
      n.kind = local == "if" ? NodeKind::kIf : NodeKind::kSwitch;
      if (n.kind == NodeKind::kSwitch) {
        Result<bool> has = ParseOptional(ctx, node, "var", n.expr);
        if (!has.ok()) return has.status();
        if (!*has) return unit.Error(n.at, "b:switch without var");
      }
      SAMIZDAT_RETURN_IF_ERROR(CompileBranches(ctx, node, n.kind == NodeKind::kSwitch, n));
      out.push_back(std::move(n));
      return Status::Ok();
    }
    if (local == "loop") {
      n.kind = NodeKind::kLoop;
      n.text = Attr(node, "var");
      n.text2 = Attr(node, "index");
      n.flag = Attr(node, "reverse") == "true";
      Result<bool> has = ParseOptional(ctx, node, "values", n.expr);
      if (!has.ok()) return has.status();
      if (!*has || n.text.empty()) return unit.Error(n.at, "b:loop needs var and values");
      SAMIZDAT_RETURN_IF_ERROR(CompileChildren(ctx, node, n.children));
      out.push_back(std::move(n));
      return Status::Ok();
    }
    if (local == "with") {
      n.kind = NodeKind::kWith;
      n.text = Attr(node, "var");
      Result<bool> has = ParseOptional(ctx, node, "value", n.expr);
      if (!has.ok()) return has.status();
      if (!*has || n.text.empty()) return unit.Error(n.at, "b:with needs var and value");
      SAMIZDAT_RETURN_IF_ERROR(CompileChildren(ctx, node, n.children));
      out.push_back(std::move(n));
      return Status::Ok();
    }
    if (local == "include") {
      n.kind = NodeKind::kInclude;
      std::string name = Attr(node, "name");
      if (const xmlAttr* computed = FindAttr(node, "expr", "name");
          computed != nullptr && name.empty()) {
        // expr:name: the includable is looked up by name when the page renders.
        Result<Expression> e = Parse(ctx, node, computed);
        if (!e.ok()) return e.status();
        n.expr2 = std::move(*e);
        n.has_expr2 = true;
        SAMIZDAT_RETURN_IF_ERROR(ParseCond(ctx, node, n));
        Result<bool> has = ParseOptional(ctx, node, "data", n.expr);
        if (!has.ok()) return has.status();
        n.has_expr = *has;
        out.push_back(std::move(n));
        return Status::Ok();
      }
      if (name.empty()) return unit.Error(n.at, "b:include without a name");
      if (name.starts_with("super.")) {
        name = name.substr(6);
        if (ctx.layer < 0) return unit.Error(n.at, "super." + name + " outside an includable");
        n.start_layer = ctx.layer + 1;
      }
      n.name_id = Intern(name);
      n.text = name;
      includes_.push_back(PendingInclude{n.name_id, unit.Where(n.at), name});
      SAMIZDAT_RETURN_IF_ERROR(ParseCond(ctx, node, n));
      Result<bool> has = ParseOptional(ctx, node, "data", n.expr);
      if (!has.ok()) return has.status();
      n.has_expr = *has;
      out.push_back(std::move(n));
      return Status::Ok();
    }
    if (local == "attr" || local == "class") {
      n.kind = local == "attr" ? NodeKind::kAttr : NodeKind::kClass;
      SAMIZDAT_RETURN_IF_ERROR(ParseCond(ctx, node, n));
      n.text = Attr(node, "name");
      if (const xmlAttr* a = FindAttr(node, "expr", "name")) {
        Result<Expression> e = Parse(ctx, node, a);
        if (!e.ok()) return e.status();
        n.expr2 = std::move(*e);
        n.has_expr2 = true;
      }
      if (n.text.empty() && !n.has_expr2)
        return unit.Error(n.at, "b:" + std::string(local) + " without a name");
      if (n.kind == NodeKind::kAttr) {
        n.text2 = Attr(node, "value");
        if (const xmlAttr* a = FindAttr(node, "expr", "value")) {
          Result<Expression> e = Parse(ctx, node, a);
          if (!e.ok()) return e.status();
          n.expr = std::move(*e);
          n.has_expr = true;
        }
      }
      out.push_back(std::move(n));
      return Status::Ok();
    }
    if (local == "eval") {
      n.kind = NodeKind::kData;
      Result<bool> has = ParseOptional(ctx, node, "expr", n.expr);
      if (!has.ok()) return has.status();
      if (!*has) return unit.Error(n.at, "b:eval without expr");
      n.has_expr = true;
      out.push_back(std::move(n));
      return Status::Ok();
    }
    if (local == "message") {
      n.kind = NodeKind::kMessage;
      n.text = Attr(node, "name");
      if (n.text.empty()) return unit.Error(n.at, "b:message without a name");
      for (const xmlNode* p = node->children; p != nullptr; p = p->next) {
        if (!IsB(p, "param")) continue;
        ExprAttr param;
        param.name = Attr(p, "name");
        if (const xmlAttr* a = FindAttr(p, "expr", "value")) {
          Result<Expression> e = Parse(ctx, p, a);
          if (!e.ok()) return e.status();
          param.value = std::move(*e);
        } else {
          std::string literal = Attr(p, "value");
          std::string quoted = "\"";
          for (char c : literal) {
            if (c == '"' || c == '\\') quoted += '\\';
            quoted += c;
          }
          quoted += '"';
          Result<Expression> e = Expression::Parse(quoted, unit.PositionOf(p));
          if (!e.ok()) return Status::InvalidArgument(unit.file() + ":" + e.status().message());
          param.value = std::move(*e);
        }
        n.expr_attrs.push_back(std::move(param));
      }
      out.push_back(std::move(n));
      return Status::Ok();
    }
    if (local == "tag") {
      n.kind = NodeKind::kTag;
      n.text = Attr(node, "name");
      if (const xmlAttr* a = FindAttr(node, "expr", "name")) {
        Result<Expression> e = Parse(ctx, node, a);
        if (!e.ok()) return e.status();
        n.expr2 = std::move(*e);
        n.has_expr2 = true;
      }
      if (n.text.empty() && !n.has_expr2) return unit.Error(n.at, "b:tag without a name");
      SAMIZDAT_RETURN_IF_ERROR(ParseCond(ctx, node, n));
      SAMIZDAT_RETURN_IF_ERROR(CompileAttributes(ctx, node, &n, nullptr, {"name", "cond"}));
      SAMIZDAT_RETURN_IF_ERROR(CompileChildren(ctx, node, n.children));
      out.push_back(std::move(n));
      return Status::Ok();
    }
    if (local == "skin" || local == "template-skin") {
      // $startSide and $endSide follow the blog's direction: two variants, chosen by
      // data:blog.languageDirection when they differ.
      Result<std::string> css = skin_.Collect(TextContent(node));
      Result<std::string> ltr = css, rtl = css;
      if (css.ok()) ltr = skin_.Directed(false).Substitute(*css);
      if (ltr.ok()) rtl = skin_.Directed(true).Substitute(*css);
      if (!ltr.ok()) return unit.Error(n.at, ltr.status().message());
      if (!rtl.ok()) return unit.Error(n.at, rtl.status().message());
      if (local == "template-skin") Emit(out, internal::kDesignerLayoutStyle);
      Emit(out, local == "skin" ? "<style id='page-skin-1' type='text/css'><!--\n"
                                : "<style id='template-skin-1' type='text/css'><!--\n");
      if (*ltr == *rtl) {
        Emit(out, *ltr);
      } else {
        static const Expression kRightToLeft =
            Expression::Parse("data:blog.languageDirection == \"rtl\"", Position{}).value();
        n.kind = NodeKind::kIf;
        n.branches.resize(2);
        n.branches[0].has_cond = true;
        n.branches[0].cond = kRightToLeft;
        Emit(n.branches[0].body, *rtl);
        n.branches[1].is_default = true;
        Emit(n.branches[1].body, *ltr);
        out.push_back(std::move(n));
      }
      Emit(out, "\n--></style>");
      return Status::Ok();
    }
    if (local == "section") return CompileSection(ctx, node, out);
    if (local == "widget") return unit.Error(n.at, "b:widget outside a b:section");
    return unit.Error(n.at, "unknown tag b:" + std::string(local));
  }

  Status CompileSection(const Ctx& ctx, const xmlNode* node, Nodes& out) {
    const XmlUnit& unit = *ctx.unit;
    Node n;
    n.kind = NodeKind::kSection;
    n.at = unit.PositionOf(node);
    n.index = static_cast<int>(impl_.sections.size());
    SectionInfo info;
    CompiledSection section;
    std::string cls;
    std::string tag = "div";
    // Attributes: the layout's own are dropped; mexpr: ones are evaluated (macros).
    std::vector<std::pair<std::string, std::string>> extra;
    for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
      QName q = NameOf(a);
      std::string value;
      if (q.prefix == "mexpr") {
        Result<Value> v = EvaluateMacro(ctx, node, a);
        if (!v.ok()) return v.status();
        value = v->ToText();
      } else if (q.prefix.empty()) {
        value = AttrValue(a);
      } else {
        continue;
      }
      if (q.local == "id") {
        info.id = value;
      } else if (q.local == "class") {
        cls = value;
      } else if (q.local == "name") {
        info.name = value;
      } else if (q.local == "tag") {
        tag = value;
      } else if (q.local == "cond") {
        Result<Expression> e = Parse(ctx, node, a);
        if (!e.ok()) return e.status();
        section.cond = std::move(*e);
        section.has_cond = true;
      } else if (q.local != "maxwidgets" && q.local != "maxwidget" && q.local != "showaddelement" &&
                 q.local != "preferred" && q.local != "ads" && q.local != "locked") {
        extra.emplace_back(std::string(q.local), value);
      }
    }
    if (info.id.empty()) return unit.Error(n.at, "b:section without an id");
    if (!section_ids_.insert(info.id).second) {
      return unit.Error(n.at, "a second b:section with id '" + info.id + "'");
    }
    impl_.sections.push_back(info);
    impl_.compiled_sections.emplace_back();
    auto add_widgets = [&](const XmlUnit& from, const xmlNode* parent) -> Status {
      for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
        if (IsB(c, "widget")) SAMIZDAT_RETURN_IF_ERROR(CompileWidget(from, c, n.index));
      }
      return Status::Ok();
    };
    SAMIZDAT_RETURN_IF_ERROR(add_widgets(unit, node));
    auto contents = section_contents_.find(info.id);
    if (contents != section_contents_.end())
      SAMIZDAT_RETURN_IF_ERROR(add_widgets(unit, contents->second));
    CompiledSection& compiled = impl_.compiled_sections[static_cast<size_t>(n.index)];
    compiled.has_cond = section.has_cond;
    compiled.cond = std::move(section.cond);
    const bool empty = impl_.sections[static_cast<size_t>(n.index)].widgets.empty();
    std::string classes = cls.empty() ? "" : cls + " ";
    if (empty) classes += "no-items ";
    classes += "section";
    compiled.open = "<" + tag;
    AppendAttribute(compiled.open, "class", classes);
    AppendAttribute(compiled.open, "id", info.id);
    if (!info.name.empty()) AppendAttribute(compiled.open, "name", info.name);
    for (const auto& [name, value] : extra) AppendAttribute(compiled.open, name, value);
    compiled.open += ">";
    compiled.close = "</" + tag + ">";
    out.push_back(std::move(n));
    return Status::Ok();
  }

  Status CompileWidget(const XmlUnit& unit, const xmlNode* node, int section) {
    WidgetInfo info;
    info.id = Attr(node, "id");
    info.type = Attr(node, "type");
    info.title = Attr(node, "title");
    info.section_id = impl_.sections[static_cast<size_t>(section)].id;
    info.visible = Attr(node, "visible") != "false";
    info.locked = Attr(node, "locked") == "true";
    std::string version = Attr(node, "version");
    info.version =
        version.empty() ? default_widget_version_ : std::max(1, std::atoi(version.c_str()));
    info.at = unit.PositionOf(node);
    if (info.id.empty() || info.type.empty())
      return unit.Error(info.at, "b:widget needs id and type");
    if (!widget_ids_.insert(info.id).second) {
      return unit.Error(info.at, "a second b:widget with id '" + info.id + "'");
    }
    const int index = static_cast<int>(impl_.widgets.size());
    CompiledWidget widget;
    widget.section = section;
    widget.position = static_cast<int>(impl_.sections[static_cast<size_t>(section)].widgets.size());
    if (const xmlAttr* cond = FindAttr(node, "", "cond")) {
      Ctx ctx{&unit, -1, nullptr, index};
      Result<Expression> e = Parse(ctx, node, cond);
      if (!e.ok()) return e.status();
      widget.cond = std::move(*e);
      widget.has_cond = true;
    }
    widget.attrs = {{"class", "widget " + info.type},
                    {"data-version", std::to_string(info.version)},
                    {"id", info.id}};
    impl_.widgets.push_back(std::move(widget));
    drafts_.emplace_back();
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (IsB(c, "widget-settings")) {
        for (const xmlNode* s = c->children; s != nullptr; s = s->next) {
          if (IsB(s, "widget-setting")) info.settings.emplace_back(Attr(s, "name"), TextContent(s));
        }
      } else if (IsB(c, "includable")) {
        Result<const Includable*> inc = CompileIncludable(unit, c, kWidgetOwn, index);
        if (!inc.ok()) return inc.status();
        drafts_[static_cast<size_t>(index)].own.emplace_back(Intern((*inc)->id), *inc);
      }
    }
    impl_.sections[static_cast<size_t>(section)].widgets.push_back(std::move(info));
    impl_.compiled_sections[static_cast<size_t>(section)].widgets.push_back(index);
    return Status::Ok();
  }

  Theme::Impl& impl_;
  std::unordered_map<std::string, int> names_;
  std::set<std::string, std::less<>> modifying_;
  std::set<std::string> section_ids_;
  std::set<std::string> widget_ids_;
  std::map<std::string, const xmlNode*, std::less<>> macros_;
  std::map<std::string, const xmlNode*, std::less<>> section_contents_;
  SkinVariables skin_;
  int default_widget_version_ = 1;
  std::vector<PendingInclude> includes_;
  std::vector<WidgetDraft> drafts_;
  std::map<std::string, std::unordered_map<int, const Includable*>> theme_type_;
  std::map<std::string, std::unordered_map<int, const Includable*>> builtin_type_;
  std::unordered_map<int, const Includable*> theme_common_;
  std::unordered_map<int, const Includable*> builtin_common_;
};

size_t StaticSize(const Nodes& nodes) {
  size_t size = 0;
  for (const Node& n : nodes) {
    if (n.kind == NodeKind::kText) size += n.text.size();
    size += StaticSize(n.children);
  }
  return size;
}

}  // namespace

Result<std::shared_ptr<Theme::Impl>> CompileTheme(std::string_view xml,
                                                  std::string_view file_name) {
  auto impl = std::make_shared<Theme::Impl>();
  impl->file = std::string(file_name);
  Compiler compiler(*impl);
  XmlUnit theme(xml, std::string(file_name));
  SAMIZDAT_RETURN_IF_ERROR(theme.Parse());
  std::vector<std::unique_ptr<XmlUnit>> builtins;
  for (size_t i = 0; i < internal::kBuiltinMarkupFilesCount; ++i) {
    const internal::EmbeddedFile& file = internal::kBuiltinMarkupFiles[i];
    auto unit = std::make_unique<XmlUnit>(file.bytes, "themes/blogger/" + std::string(file.name));
    SAMIZDAT_RETURN_IF_ERROR(unit->Parse());
    SAMIZDAT_RETURN_IF_ERROR(compiler.Scan(*unit, unit->root()));
    builtins.push_back(std::move(unit));
  }
  SAMIZDAT_RETURN_IF_ERROR(compiler.Scan(theme, theme.root()));
  for (const auto& unit : builtins) {
    SAMIZDAT_RETURN_IF_ERROR(compiler.CompileDefaultMarkups(*unit, unit->root(), true));
  }
  // The root itself may be a b:defaultmarkups only in built-in files.
  SAMIZDAT_RETURN_IF_ERROR(compiler.CompileDefaultMarkups(theme, theme.root(), false));
  SAMIZDAT_RETURN_IF_ERROR(compiler.CompileRoot(theme));
  SAMIZDAT_RETURN_IF_ERROR(compiler.Link());
  impl->static_size = StaticSize(impl->root);
  return impl;
}

}  // namespace samizdat::blogger
