// Layout: a theme's sections and widgets read from, and changed in, libxml2's DOM of the
// theme's XML (blogger/layout.h).
#include "blogger/layout.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

#include <algorithm>
#include <new>
#include <optional>

#include "core/strings.h"

namespace samizdat::blogger {

struct Layout::Doc {
  struct Free {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
  };
  std::unique_ptr<xmlDoc, Free> doc;
  bool declaration = true;  // the text began with <?xml …?>, so Xml() writes one
};

namespace {

constexpr std::string_view kBNamespace = "http://www.google.com/2005/gml/b";
constexpr int kParseOptions = XML_PARSE_NONET;
constexpr int kSaveOptions = XML_SAVE_NO_XHTML;  // as XML, even under an XHTML doctype

struct ContextFree {
  void operator()(xmlParserCtxt* context) const { xmlFreeParserCtxt(context); }
};
struct XmlCharFree {
  void operator()(xmlChar* p) const { xmlFree(p); }
};
struct BufferFree {
  void operator()(xmlBuffer* buffer) const { xmlBufferFree(buffer); }
};

// libxml2 2.12 made the error const.
#if LIBXML_VERSION >= 21200
using ErrorPointer = const xmlError*;
#else
using ErrorPointer = xmlError*;
#endif

const xmlChar* X(std::string_view text) { return reinterpret_cast<const xmlChar*>(text.data()); }
std::string_view View(const xmlChar* text) {
  return text == nullptr ? std::string_view() : reinterpret_cast<const char*>(text);
}

// The first error of a parse, but for namespace errors: Blogger's own backups use the
// prefixes macro: and mexpr: without declaring them, and libxml2 keeps such a node
// under its "prefix:name".
struct ParseError {
  bool set = false;
  int line = 0;
  int column = 0;
  std::string message;
};

void OnParseError(void* data, ErrorPointer error) {
  auto* context = static_cast<xmlParserCtxt*>(data);
  auto& first = *static_cast<ParseError*>(context->_private);
  if (error == nullptr || first.set || error->domain == XML_FROM_NAMESPACE ||
      error->level == XML_ERR_WARNING) {
    return;
  }
  first.set = true;
  first.line = error->line;
  first.column = error->int2;
  first.message = std::string(TrimBlank(error->message != nullptr ? error->message : ""));
}

// A b: element named `local`: in Blogger's namespace, or written b:local with the prefix
// undeclared.
bool IsB(const xmlNode* node, std::string_view local) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return false;
  const std::string_view name = View(node->name);
  if (node->ns != nullptr) {
    return name == local && (View(node->ns->href) == kBNamespace || View(node->ns->prefix) == "b");
  }
  return name.size() == local.size() + 2 && name.starts_with("b:") && name.substr(2) == local;
}

// An attribute's value (no namespace: "id", not "mexpr:id"), nullopt when absent.
std::optional<std::string> Attr(const xmlNode* node, std::string_view name) {
  std::unique_ptr<xmlChar, XmlCharFree> value(xmlGetNoNsProp(node, X(name)));
  if (value == nullptr) return std::nullopt;
  return std::string(View(value.get()));
}

std::string Content(const xmlNode* node) {
  std::unique_ptr<xmlChar, XmlCharFree> content(xmlNodeGetContent(node));
  return std::string(View(content.get()));
}

std::string Quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

bool IsSection(const xmlNode* node) {
  return (IsB(node, "section") || IsB(node, "section-contents")) &&
         xmlHasNsProp(node, X("id"), nullptr) != nullptr;
}

void CollectSections(xmlNode* parent, std::vector<xmlNode*>& out) {
  for (xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    if (IsSection(child)) {
      out.push_back(child);
    } else {
      CollectSections(child, out);
    }
  }
}

std::vector<xmlNode*> Sections(xmlDoc* doc) {
  std::vector<xmlNode*> out;
  if (xmlNode* root = xmlDocGetRootElement(doc); root != nullptr) CollectSections(root, out);
  return out;
}

std::vector<xmlNode*> ElementChildren(xmlNode* parent, std::string_view local) {
  std::vector<xmlNode*> out;
  for (xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (IsB(child, local)) out.push_back(child);
  }
  return out;
}

std::vector<xmlNode*> Widgets(xmlNode* section) {
  std::vector<xmlNode*> out = ElementChildren(section, "widget");
  std::erase_if(out, [](xmlNode* w) { return xmlHasNsProp(w, X("id"), nullptr) == nullptr; });
  return out;
}

xmlNode* FindSection(xmlDoc* doc, std::string_view id) {
  for (xmlNode* section : Sections(doc)) {
    if (Attr(section, "id") == id) return section;
  }
  return nullptr;
}

struct Found {
  xmlNode* section = nullptr;
  xmlNode* widget = nullptr;
};

Found FindWidget(xmlDoc* doc, std::string_view id) {
  for (xmlNode* section : Sections(doc)) {
    for (xmlNode* widget : Widgets(section)) {
      if (Attr(widget, "id") == id) return {section, widget};
    }
  }
  return {};
}

Status NoWidget(std::string_view id) {
  return Status::InvalidArgument("The theme has no gadget " + Quoted(id) + ".");
}
Status NoSection(std::string_view id) {
  return Status::InvalidArgument("The theme has no section " + Quoted(id) + ".");
}

std::string SectionName(const xmlNode* section) {
  return Attr(section, "name").value_or(Attr(section, "id").value_or(""));
}

int MaxWidgets(const xmlNode* section) {
  if (!IsB(section, "section")) return 0;
  const std::optional<int> max = ParseInteger<int>(Attr(section, "maxwidgets").value_or(""));
  return max && *max > 0 ? *max : 0;
}

bool TakesNew(const xmlNode* section) {
  const std::string show = AsciiLower(Attr(section, "showaddelement").value_or("yes"));
  return show != "no" && show != "false";
}

Status CheckRoom(xmlNode* section) {
  const int max = MaxWidgets(section);
  if (max > 0 && static_cast<int>(Widgets(section).size()) >= max) {
    return Status::InvalidArgument("The section " + Quoted(SectionName(section)) +
                                   " holds at most " + std::to_string(max) +
                                   (max == 1 ? " gadget" : " gadgets") + " and is full.");
  }
  return Status::Ok();
}

Status CheckSettings(const WidgetSettings& settings) {
  for (auto it = settings.begin(); it != settings.end(); ++it) {
    if (it->first.empty()) return Status::InvalidArgument("A setting needs a name.");
    if (std::any_of(settings.begin(), it, [&](const auto& s) { return s.first == it->first; })) {
      return Status::InvalidArgument("The setting " + Quoted(it->first) + " is given twice.");
    }
  }
  return Status::Ok();
}

bool IsBlankText(const xmlNode* node) {
  return node != nullptr && node->type == XML_TEXT_NODE && TrimBlank(View(node->content)).empty();
}

// The blank text just before `node` (its line break and indentation), or null.
xmlNode* IndentBefore(xmlNode* node) { return IsBlankText(node->prev) ? node->prev : nullptr; }

// What follows the last line break of `blank` ("\n    " -> "    ").
std::string IndentOf(const xmlNode* blank) {
  if (blank == nullptr) return "";
  const std::string_view text = View(blank->content);
  const std::size_t newline = text.rfind('\n');
  return std::string(newline == std::string_view::npos ? text : text.substr(newline + 1));
}

xmlNode* NewText(xmlDoc* doc, std::string_view text) {
  return xmlNewDocTextLen(doc, X(text), static_cast<int>(text.size()));
}

void FreeNode(xmlNode* node) {
  xmlUnlinkNode(node);
  xmlFreeNode(node);
}

// Takes `node` out of its parent with the indentation before it.
void Detach(xmlNode* node) {
  if (xmlNode* blank = IndentBefore(node)) FreeNode(blank);
  xmlUnlinkNode(node);
}

// `node` before `anchor`, indented as `anchor` is.
void InsertBefore(xmlNode* anchor, xmlNode* node) {
  xmlNode* blank = IndentBefore(anchor);
  xmlAddPrevSibling(anchor, node);
  if (blank != nullptr) xmlAddPrevSibling(anchor, xmlCopyNode(blank, 1));
}

// `node` after `anchor`, indented as `anchor` is.
void InsertAfter(xmlNode* anchor, xmlNode* node) {
  xmlNode* blank = IndentBefore(anchor);
  xmlAddNextSibling(anchor, node);
  if (blank != nullptr) xmlAddPrevSibling(node, xmlCopyNode(blank, 1));
}

// `node` as the last element of `parent`: after its last element child, else before its
// closing tag's indentation, one step further in.
void Append(xmlNode* parent, xmlNode* node) {
  xmlNode* last = parent->last;
  while (last != nullptr && last->type != XML_ELEMENT_NODE) last = last->prev;
  if (last != nullptr) return InsertAfter(last, node);
  if (IsBlankText(parent->last) && parent->last->prev == nullptr) {
    xmlNode* closing = parent->last;
    xmlAddPrevSibling(closing, node);
    xmlAddPrevSibling(node, NewText(parent->doc, std::string(View(closing->content)) + "  "));
    return;
  }
  xmlAddChild(parent, node);
}

// A new b: element beside `near` (in Blogger's namespace as `near`'s document declares
// it; written b:name when it does not).
xmlNode* NewB(xmlNode* near, std::string_view local) {
  xmlNs* ns = xmlSearchNsByHref(near->doc, near, X(kBNamespace));
  if (ns == nullptr) ns = xmlSearchNs(near->doc, near, X("b"));
  if (ns != nullptr) return xmlNewDocNode(near->doc, ns, X(local), nullptr);
  return xmlNewDocNode(near->doc, nullptr, X("b:" + std::string(local)), nullptr);
}

bool HasCdata(const xmlNode* node) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_CDATA_SECTION_NODE) return true;
  }
  return false;
}

// The setting's value as its only content: CDATA when it was CDATA or holds markup (as
// Blogger writes an HTML gadget's content), else text.
void SetValue(xmlNode* setting, std::string_view value) {
  const bool cdata = (HasCdata(setting) || value.find_first_of("<&") != std::string_view::npos) &&
                     value.find("]]>") == std::string_view::npos;
  while (setting->children != nullptr) FreeNode(setting->children);
  if (value.empty()) return;
  xmlAddChild(setting,
              cdata ? xmlNewCDataBlock(setting->doc, X(value), static_cast<int>(value.size()))
                    : NewText(setting->doc, value));
}

xmlNode* NewSetting(xmlNode* near, const std::string& name, std::string_view value) {
  xmlNode* setting = NewB(near, "widget-setting");
  xmlSetProp(setting, X("name"), X(name));
  SetValue(setting, value);
  return setting;
}

// The usual settings of a new gadget, as Blogger writes them.
WidgetSettings NewWidgetSettings(std::string_view type) {
  if (type == "HTML") return {{"content", ""}};
  if (type == "LinkList" || type == "TextList") return {{"shownum", ""}, {"sorting", "NONE"}};
  if (type == "Image") {
    return {{"displayUrl", ""},       {"displayHeight", ""}, {"sectionWidth", ""},
            {"shrinkToFit", "false"}, {"displayWidth", ""},  {"link", ""},
            {"caption", ""}};
  }
  return {};
}

LayoutWidget ReadWidget(xmlNode* widget) {
  LayoutWidget out;
  out.id = Attr(widget, "id").value_or("");
  out.type = Attr(widget, "type").value_or("");
  out.title = Attr(widget, "title").value_or("");
  out.visible = Attr(widget, "visible") != "false";
  out.locked = Attr(widget, "locked") == "true";
  // The first b:widget-settings, the one SetSettings changes (Blogger writes one).
  const std::vector<xmlNode*> lists = ElementChildren(widget, "widget-settings");
  if (!lists.empty()) {
    for (xmlNode* setting : ElementChildren(lists.front(), "widget-setting")) {
      out.settings.emplace_back(Attr(setting, "name").value_or(""), Content(setting));
    }
  }
  return out;
}

}  // namespace

Layout::Layout(std::unique_ptr<Doc> doc) : doc_(std::move(doc)) {}
Layout::Layout(Layout&&) noexcept = default;
Layout& Layout::operator=(Layout&&) noexcept = default;
Layout::~Layout() = default;

Result<Layout> Layout::Parse(std::string_view xml, std::string_view file_name) {
  std::unique_ptr<xmlParserCtxt, ContextFree> context(xmlNewParserCtxt());
  if (context == nullptr) return Status::Internal("libxml2 could not start a parser");
  ParseError error;
  context->_private = &error;
  context->sax->serror = &OnParseError;
  const std::string url(file_name);
  auto doc = std::make_unique<Doc>();
  doc->doc.reset(xmlCtxtReadMemory(context.get(), xml.data(), static_cast<int>(xml.size()),
                                   url.c_str(), nullptr, kParseOptions));
  if (doc->doc == nullptr || error.set) {
    if (!error.set) error.message = "not a theme (libxml2 read no document)";
    return Status::InvalidArgument(url + ":" + std::to_string(error.line) + ":" +
                                   std::to_string(error.column) + ": " + error.message);
  }
  std::string_view start = xml;
  if (start.starts_with("\xEF\xBB\xBF")) start.remove_prefix(3);
  doc->declaration = start.starts_with("<?xml");
  return Layout(std::move(doc));
}

std::vector<LayoutSection> Layout::Sections() const {
  std::vector<LayoutSection> out;
  for (xmlNode* node : blogger::Sections(doc_->doc.get())) {
    LayoutSection& section = out.emplace_back();
    section.id = Attr(node, "id").value_or("");
    section.name = SectionName(node);
    section.max_widgets = MaxWidgets(node);
    section.takes_new = TakesNew(node);
    for (xmlNode* widget : Widgets(node)) section.widgets.push_back(ReadWidget(widget));
  }
  return out;
}

Status Layout::Move(std::string_view id, std::string_view section_id, std::size_t position) {
  xmlDoc* doc = doc_->doc.get();
  const Found found = FindWidget(doc, id);
  if (found.widget == nullptr) return NoWidget(id);
  xmlNode* section = FindSection(doc, section_id);
  if (section == nullptr) return NoSection(section_id);
  if (section != found.section) SAMIZDAT_RETURN_IF_ERROR(CheckRoom(section));

  std::vector<xmlNode*> others = Widgets(section);
  const auto now = std::find(others.begin(), others.end(), found.widget);
  if (now != others.end()) {
    if (static_cast<std::size_t>(now - others.begin()) == position) return Status::Ok();
    others.erase(now);
  }
  position = std::min(position, others.size());
  Detach(found.widget);
  if (position < others.size()) {
    InsertBefore(others[position], found.widget);
  } else {
    Append(section, found.widget);
  }
  return Status::Ok();
}

Status Layout::SetTitle(std::string_view id, std::string_view title) {
  const Found found = FindWidget(doc_->doc.get(), id);
  if (found.widget == nullptr) return NoWidget(id);
  xmlSetProp(found.widget, X("title"), X(std::string(title)));
  return Status::Ok();
}

Status Layout::SetVisible(std::string_view id, bool visible) {
  const Found found = FindWidget(doc_->doc.get(), id);
  if (found.widget == nullptr) return NoWidget(id);
  // A widget without the attribute shows; it is written only when it changes that.
  if (visible && !Attr(found.widget, "visible")) return Status::Ok();
  xmlSetProp(found.widget, X("visible"), X(visible ? "true" : "false"));
  return Status::Ok();
}

Status Layout::SetSettings(std::string_view id, const WidgetSettings& settings) {
  const Found found = FindWidget(doc_->doc.get(), id);
  if (found.widget == nullptr) return NoWidget(id);
  SAMIZDAT_RETURN_IF_ERROR(CheckSettings(settings));

  std::vector<xmlNode*> lists = ElementChildren(found.widget, "widget-settings");
  if (lists.empty()) {
    if (settings.empty()) return Status::Ok();
    xmlNode* list = NewB(found.widget, "widget-settings");
    xmlNode* first = found.widget->children;
    while (first != nullptr && first->type != XML_ELEMENT_NODE) first = first->next;
    if (first != nullptr) {
      InsertBefore(first, list);
    } else {
      Append(found.widget, list);
    }
    lists.push_back(list);
  }
  xmlNode* list = lists.front();
  std::vector<bool> kept(settings.size(), false);
  for (xmlNode* setting : ElementChildren(list, "widget-setting")) {
    const std::string name = Attr(setting, "name").value_or("");
    const auto given = std::find_if(settings.begin(), settings.end(),
                                    [&](const auto& s) { return s.first == name; });
    if (given == settings.end()) {
      Detach(setting);
      xmlFreeNode(setting);
      continue;
    }
    kept[given - settings.begin()] = true;
    if (Content(setting) != given->second) SetValue(setting, given->second);
  }
  for (std::size_t i = 0; i < settings.size(); ++i) {
    if (!kept[i]) Append(list, NewSetting(list, settings[i].first, settings[i].second));
  }
  return Status::Ok();
}

Status Layout::Remove(std::string_view id) {
  const Found found = FindWidget(doc_->doc.get(), id);
  if (found.widget == nullptr) return NoWidget(id);
  if (Attr(found.widget, "locked") == "true") {
    return Status::InvalidArgument("The gadget " + Quoted(id) +
                                   " is locked by the theme: it can be moved, hidden or edited, "
                                   "not removed.");
  }
  Detach(found.widget);
  xmlFreeNode(found.widget);
  return Status::Ok();
}

Result<std::string> Layout::Add(std::string_view section_id, std::string_view type,
                                std::string_view title, const WidgetSettings& settings) {
  xmlDoc* doc = doc_->doc.get();
  if (std::find(std::begin(kAddableWidgetTypes), std::end(kAddableWidgetTypes), type) ==
      std::end(kAddableWidgetTypes)) {
    return Status::InvalidArgument("A gadget of type " + Quoted(type) +
                                   " cannot be added; the types are HTML, LinkList, TextList "
                                   "and Image.");
  }
  xmlNode* section = FindSection(doc, section_id);
  if (section == nullptr) return NoSection(section_id);
  if (!TakesNew(section)) {
    return Status::InvalidArgument("The section " + Quoted(SectionName(section)) +
                                   " takes no new gadgets (the theme says showaddelement='no').");
  }
  SAMIZDAT_RETURN_IF_ERROR(CheckRoom(section));
  SAMIZDAT_RETURN_IF_ERROR(CheckSettings(settings));

  std::string id;
  for (int n = 1; id.empty(); ++n) {
    std::string candidate = std::string(type) + std::to_string(n);
    if (FindWidget(doc, candidate).widget == nullptr) id = std::move(candidate);
  }
  WidgetSettings all = NewWidgetSettings(type);
  for (const auto& setting : settings) {
    auto same = std::find_if(all.begin(), all.end(),
                             [&](const auto& s) { return s.first == setting.first; });
    if (same != all.end()) {
      same->second = setting.second;
    } else {
      all.push_back(setting);
    }
  }

  // Blogger's order of attributes, and its indentation one step in per level.
  xmlNode* widget = NewB(section, "widget");
  xmlSetProp(widget, X("id"), X(id));
  xmlSetProp(widget, X("locked"), X("false"));
  xmlSetProp(widget, X("title"), X(std::string(title)));
  xmlSetProp(widget, X("type"), X(std::string(type)));
  xmlSetProp(widget, X("visible"), X("true"));
  Append(section, widget);
  const std::string indent = IndentOf(IndentBefore(widget));
  xmlNode* list = NewB(section, "widget-settings");
  xmlAddChild(widget, NewText(doc, "\n" + indent + "  "));
  xmlAddChild(widget, list);
  xmlAddChild(widget, NewText(doc, "\n" + indent));
  for (const auto& [name, value] : all) {
    xmlAddChild(list, NewText(doc, "\n" + indent + "    "));
    xmlAddChild(list, NewSetting(section, name, value));
  }
  xmlAddChild(list, NewText(doc, "\n" + indent + "  "));
  return id;
}

std::string Layout::Xml() const {
  // libxml2 fails here only when it cannot allocate.
  std::unique_ptr<xmlBuffer, BufferFree> buffer(xmlBufferCreate());
  if (buffer == nullptr) throw std::bad_alloc();
  xmlSaveCtxt* save = xmlSaveToBuffer(buffer.get(), "UTF-8",
                                      kSaveOptions | (doc_->declaration ? 0 : XML_SAVE_NO_DECL));
  if (save == nullptr) throw std::bad_alloc();
  xmlSaveDoc(save, doc_->doc.get());
  xmlSaveClose(save);
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer.get())),
                     static_cast<std::size_t>(xmlBufferLength(buffer.get())));
}

}  // namespace samizdat::blogger
