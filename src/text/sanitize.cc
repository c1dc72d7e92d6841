// SanitizeHtml: parse with gumbo, walk the tree keeping what the policy allows, and
// serialize the result (gumbo has no serializer). See sanitize.h for the contract.
#include "text/sanitize.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "text/escape.h"
#include "text/html_parse.h"
#include "text/nesting_guard.h"
#include "text/plain_comment.h"
#include "text/sanitize_policy.h"
#include "text/text_builder.h"

namespace samizdat::text {
namespace {

using internal::ElementRule;

// Escapes text content. A carriage return (only a character reference such as &#13; gets
// one past the parser) is written as a line feed, as a browser re-parsing the output would
// read it, so that the output is a fixed point ("&#13;" would be a parse error). In comment
// mode line breaks become <br>.
void AppendText(std::string_view text, SanitizePolicy policy, std::string& out) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\r':
      case '\n': out += policy == SanitizePolicy::kComment ? "<br>" : "\n"; break;
      default: out += c;
    }
  }
}

// Adds what HtmlToText finds in `text` once AppendText has written it: its characters but
// those the output's StripControlChars removes; under kComment each line break (a <br>)
// starts a new line.
void AddText(std::string_view text, SanitizePolicy policy, internal::TextBuilder& words) {
  std::string stripped;
  const bool may_strip = std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte >= 0x7f;
  });
  if (may_strip) {
    stripped = StripControlChars(text);
    text = stripped;
  }
  if (policy != SanitizePolicy::kComment) {
    words.Text(text);
    return;
  }
  for (char c : text) {
    if (c == '\r' || c == '\n') {
      words.Line();
    } else if (internal::IsTextSpace(c)) {
      words.Space();
    } else {
      words.Char(c);
    }
  }
}

// Writes ` name="value"`, escaped, a carriage return as a line feed (as in AppendText).
void AppendAttribute(std::string_view name, std::string_view value, std::string& out) {
  out += ' ';
  out += name;
  out += "=\"";
  std::string escaped = EscapeHtml(value);
  std::replace(escaped.begin(), escaped.end(), '\r', '\n');
  out += escaped;
  out += '"';
}

void Report(SanitizeReport* report, const std::string& what) {
  if (report != nullptr) report->Add(what);
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiLower(x) == AsciiLower(y);
         });
}

// The value of attribute `name` of `element`, or nullptr.
const char* AttrValue(const GumboElement& element, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&element.attributes, name);
  return attr == nullptr ? nullptr : attr->value;
}

// Attributes dropped without a word: those the sanitizer writes itself (our allow list
// grants fullscreen; an allowfullscreen beside it makes browsers warn), and the markers
// Blogger's editor leaves in every post (trbidi="on", imageanchor="1", an image's
// data-original-width/-height), which carry nothing a reader sees.
bool IsDroppedSilently(std::string_view tag, std::string_view name) {
  if (name == "trbidi" || name == "imageanchor" || name == "data-original-width" ||
      name == "data-original-height") {
    return true;
  }
  if (tag == "iframe") {
    return name == "sandbox" || name == "allow" || name == "loading" || name == "allowfullscreen";
  }
  return tag == "a" && name == "rel";
}

// True for a post link's target that opens another window or tab ("_blank", Blogger's
// "ext", WordPress's "_new"): written as target="_blank" with rel="noopener". "_self",
// "_top" and "_parent" name the page itself.
bool OpensNewWindow(std::string_view target) {
  return !target.empty() && target != "_self" && target != "_top" && target != "_parent";
}

// Elements that are removed, content and all, without a usable src.
bool NeedsSrc(std::string_view tag) {
  return tag == "img" || tag == "iframe" || tag == "source" || tag == "track";
}

// What every embedded iframe may do: run its own scripts in its own origin (players need
// both), open the provider's page in a new window, go full screen.
constexpr std::string_view kIframeSandbox =
    "allow-scripts allow-same-origin allow-popups allow-presentation";
constexpr std::string_view kIframeAllow =
    "accelerometer; autoplay; clipboard-write; encrypted-media; fullscreen; gyroscope; "
    "picture-in-picture";

// Writes a Markdown task list's checkbox: <input type="checkbox" disabled>, with the
// author's class and checked state. Returns false (writing nothing) for any other input.
bool AppendCheckbox(const GumboElement& element, SanitizeReport* report, std::string& out) {
  const char* type = AttrValue(element, "type");
  if (type == nullptr || !EqualsIgnoreCase(type, "checkbox")) {
    Report(report, "<input> element");
    return false;
  }
  out += "<input type=\"checkbox\"";
  if (const char* cls = AttrValue(element, "class")) {
    static constexpr internal::AttrRule kClassRule{"class", internal::AttrKind::kClass};
    if (auto value = internal::CheckAttrValue(kClassRule, cls, report)) {
      AppendAttribute("class", *value, out);
    }
  }
  out += " disabled";
  if (AttrValue(element, "checked") != nullptr) out += " checked";
  out += '>';
  return true;
}

// The ids written so far in one output: a later element with the same id loses it.
using WrittenIds = std::set<std::string, std::less<>>;

// Writes the start tag of an allowed element with its allowed attributes, under the
// name it is written as (internal::WrittenName: <strike> as <s>...). Returns false
// (writing nothing) if the element must go with its content: an <img>, <source>, <track>
// or <iframe> without a usable src, an <input> other than a checkbox. `jump_break`: the
// element is the post's jump break (<a name="more">), which may keep data-more-text.
// A link without a usable href gets no rel or target (HTML allows them only on links),
// and its name becomes its id, the same anchor in the form HTML5 keeps; an <img>
// without alt gets alt="" (HTML requires the attribute).
bool AppendStartTag(const GumboElement& element, const std::string& tag, const ElementRule& rule,
                    SanitizePolicy policy, bool jump_break, WrittenIds& ids, SanitizeReport* report,
                    std::string& out) {
  if (tag == "input") return AppendCheckbox(element, report, out);
  std::string attrs;
  bool has_src = false;
  bool src_refused = false;
  bool has_href = false;
  bool has_id = false;
  bool has_alt = false;
  std::optional<std::string> anchor_name;
  bool new_window = false;
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    const std::string_view name = attr->name;
    if (jump_break && name == "data-more-text") {
      AppendAttribute(name, attr->value, attrs);
      continue;
    }
    if (tag == "a" && policy == SanitizePolicy::kPostBody && name == "target") {
      new_window = OpensNewWindow(attr->value);
      continue;
    }
    const internal::AttrRule* attr_rule = attr->attr_namespace == GUMBO_ATTR_NAMESPACE_NONE
                                              ? internal::FindAttrRule(policy, rule, name)
                                              : nullptr;
    if (attr_rule == nullptr) {
      if (!IsDroppedSilently(tag, name)) Report(report, std::string(name) + " attribute");
      continue;
    }
    std::optional<std::string> value = internal::CheckAttrValue(*attr_rule, attr->value, report);
    if (attr_rule->name == "src") (value ? has_src : src_refused) = true;
    if (!value) continue;
    if (attr_rule->name == "href") has_href = true;
    if (attr_rule->name == "alt") has_alt = true;
    if (attr_rule->kind == internal::AttrKind::kId) {
      if (!ids.insert(*value).second) {
        Report(report, "repeated id");
        continue;
      }
      has_id = true;
    }
    if (tag == "a" && attr_rule->name == "name" && !jump_break) {
      anchor_name = std::move(value);
      continue;
    }
    AppendAttribute(attr_rule->name, *value, attrs);
  }
  if (NeedsSrc(tag) && !has_src) {
    if (!src_refused) Report(report, "<" + tag + "> without src");
    return false;
  }
  if (anchor_name && has_href) AppendAttribute("name", *anchor_name, attrs);
  if (anchor_name && !has_href && !has_id && internal::IsIdValue(*anchor_name) &&
      ids.insert(*anchor_name).second) {
    AppendAttribute("id", *anchor_name, attrs);
  }
  if (tag == "a" && has_href && policy == SanitizePolicy::kComment) {
    AppendAttribute("rel", "nofollow ugc", attrs);
  }
  if (new_window && has_href) {
    AppendAttribute("target", "_blank", attrs);
    AppendAttribute("rel", "noopener", attrs);
  }
  if (tag == "iframe") {
    AppendAttribute("sandbox", kIframeSandbox, attrs);
    AppendAttribute("allow", kIframeAllow, attrs);
    AppendAttribute("loading", "lazy", attrs);
  }
  if (tag == "center") AppendAttribute("align", "center", attrs);
  if (tag == "img" && !has_alt) AppendAttribute("alt", "", attrs);  // HTML requires one
  out += '<';
  out += internal::WrittenName(tag);
  out += attrs;
  out += '>';
  return true;
}

// If `comment` (an HTML comment's text) is a jump-break marker, trimmed "more" or "more "
// followed by the text for the link, returns that text, trimmed ("" if there is none).
std::optional<std::string_view> JumpBreakText(std::string_view comment) {
  comment = internal::TrimHtmlSpace(comment);
  if (comment == "more") return std::string_view();
  if (!comment.starts_with("more ")) return std::nullopt;
  return internal::TrimHtmlSpace(comment.substr(5));
}

// One element being written. The walk uses an explicit stack so that deeply nested
// input cannot exhaust the call stack.
struct Frame {
  const GumboVector* children;
  unsigned next;
  std::string end_tag;  // empty when the element was unwrapped
  // For the text: the written element ends a line, ends a cell, or hides its content.
  bool block = false;
  bool cell = false;
  bool mutes = false;
};

bool IsOneOf(std::string_view tag, std::initializer_list<std::string_view> tags) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

// The allowed elements whose start tag closes an open <p> when HTML is parsed.
bool ClosesParagraph(std::string_view tag) {
  return IsOneOf(tag,
                 {"blockquote", "center", "details", "div",     "dl",      "figcaption", "figure",
                  "h1",         "h2",     "h3",      "h4",      "h5",      "h6",         "hr",
                  "ol",         "p",      "pre",     "section", "summary", "table",      "ul"});
}

// The elements written and not yet closed, with an index from name to nesting depth so
// that each question below costs the same however deep the input nests, and the count of
// open formatting elements as the nesting guard counts them.
class OpenElements {
 public:
  // `start_tag` as written: formatting elements with the same one are identical.
  void Push(const std::string& tag, std::string_view start_tag) {
    std::string counted;  // "": not counted as re-openable
    if (internal::IsFormattingElement(tag)) {
      int& identical = identical_[std::string(start_tag)];
      if (identical < 3) {
        ++identical;
        ++reopenable_;
        counted = start_tag;
      }
    }
    counted_.push_back(std::move(counted));
    depths_[tag].push_back(names_.size());
    names_.push_back(tag);
  }
  void Pop() {
    if (!counted_.back().empty()) {
      --identical_[counted_.back()];
      --reopenable_;
    }
    counted_.pop_back();
    depths_[names_.back()].pop_back();
    names_.pop_back();
  }
  // How many elements are open.
  std::size_t Depth() const { return names_.size(); }
  // True when the nesting guard would drop a formatting element opened now.
  bool FormattingFull() const { return reopenable_ >= internal::kMaxReopenable; }
  // The innermost written element, or "" at the top level.
  std::string_view Parent() const {
    return names_.empty() ? std::string_view() : std::string_view(names_.back());
  }
  // True if one of `targets` is open and no element of `stops` is open inside it.
  bool IsOpen(std::initializer_list<std::string_view> targets,
              std::initializer_list<std::string_view> stops) const {
    return Innermost(targets) > Innermost(stops);
  }

 private:
  // One more than the depth of the innermost open element among `tags`; 0 if none is open.
  std::size_t Innermost(std::initializer_list<std::string_view> tags) const {
    std::size_t innermost = 0;
    for (std::string_view tag : tags) {
      const auto it = depths_.find(tag);
      if (it != depths_.end() && !it->second.empty()) {
        innermost = std::max(innermost, it->second.back() + 1);
      }
    }
    return innermost;
  }

  std::vector<std::string> names_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> depths_;
  std::vector<std::string> counted_;      // per open element: its start tag if counted, or ""
  std::map<std::string, int> identical_;  // counted open formatting elements by start tag
  std::size_t reopenable_ = 0;
};

// The first child of `element` that a reader sees (not white space, not a comment), or
// nullptr.
const GumboNode* FirstContent(const GumboElement& element) {
  for (unsigned i = 0; i < element.children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(element.children.data[i]);
    if (child->type != GUMBO_NODE_WHITESPACE && child->type != GUMBO_NODE_COMMENT) return child;
  }
  return nullptr;
}

// True if `node` is a <summary> element.
bool IsSummary(const GumboNode* node) {
  return node != nullptr && node->type == GUMBO_NODE_ELEMENT &&
         node->v.element.tag == GUMBO_TAG_SUMMARY &&
         node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

// True if `node` is the first content of a <details> element, its parent.
bool IsFirstInDetails(const GumboNode* node) {
  const GumboNode* parent = node->parent;
  return parent != nullptr && parent->type == GUMBO_NODE_ELEMENT &&
         parent->v.element.tag == GUMBO_TAG_DETAILS &&
         parent->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
         FirstContent(parent->v.element) == node;
}

// True if an element named `tag` may be written inside the elements written so far, so
// that a browser parsing the output builds the same tree. Unwrapping elements can put an
// allowed element where the parser would not have let it stand (a <div> left directly in
// a <p>, a <tr> whose <table> was inside something removed, a link inside a link); such
// elements are unwrapped too. This keeps the sanitizer's output a fixed point.
bool FitsContext(std::string_view tag, const OpenElements& open) {
  const std::string_view parent = open.Parent();
  if (tag == "tr") return IsOneOf(parent, {"table", "thead", "tbody", "tfoot"});
  if (tag == "td" || tag == "th") return parent == "tr";
  if (IsOneOf(tag, {"thead", "tbody", "tfoot", "caption", "colgroup"})) return parent == "table";
  if (tag == "col") return parent == "colgroup";
  if (tag == "source" || tag == "track") return parent == "video" || parent == "audio";
  if (IsOneOf(parent, {"table", "thead", "tbody", "tfoot", "tr", "colgroup"})) return false;
  if (tag == "a") return !open.IsOpen({"a"}, {});
  if (tag == "li") return parent == "ul" || parent == "ol";
  if (tag == "dd" || tag == "dt") return parent == "dl";
  if (tag == "figcaption") return parent == "figure";
  if (tag == "summary") return parent == "details";
  // Interactive content has no place inside a link.
  if (IsOneOf(tag, {"iframe", "video", "audio", "details", "input"}) && open.IsOpen({"a"}, {})) {
    return false;
  }
  if (IsOneOf(tag, {"h1", "h2", "h3", "h4", "h5", "h6"}) &&
      IsOneOf(parent, {"h1", "h2", "h3", "h4", "h5", "h6"})) {
    return false;
  }
  // HTML's content models: an element that only flow content may hold (a <p>, a <div>)
  // is not written inside one that holds only phrasing content (<b>, <span>, <p>, <h1>),
  // unless an element that holds flow content (<li>, <td>...) stands between them.
  if (ClosesParagraph(tag) || IsOneOf(tag, {"figcaption", "li", "dd", "dt"})) {
    return !open.IsOpen(
        {"p",    "h1",     "h2",   "h3",   "h4",    "h5",   "h6",   "pre", "b",      "i",
         "em",   "strong", "u",    "s",    "small", "mark", "sub",  "sup", "code",   "kbd",
         "samp", "var",    "abbr", "cite", "dfn",   "time", "span", "q",   "summary"},
        {"table", "td", "th", "caption", "div", "blockquote", "li", "dd", "dt", "figure",
         "figcaption", "section", "details"});
  }
  return true;
}

}  // namespace

void SanitizeReport::Add(std::string_view what, int count) {
  for (Removed& entry : removed) {
    if (entry.what == what) {
      entry.count += count;
      return;
    }
  }
  removed.push_back({std::string(what), count});
}

void SanitizeReport::Merge(const SanitizeReport& other) {
  for (const Removed& entry : other.removed) Add(entry.what, entry.count);
}

int SanitizeReport::Total() const {
  int total = 0;
  for (const Removed& entry : removed) total += entry.count;
  return total;
}

std::string SanitizeReport::Describe() const {
  std::string out;
  for (const Removed& entry : removed) {
    if (!out.empty()) out += ", ";
    out += std::to_string(entry.count) + " \u00d7 " + entry.what;
  }
  return out;
}

std::string SanitizeHtml(std::string_view html, SanitizePolicy policy, SanitizeReport* report) {
  if (policy == SanitizePolicy::kComment && internal::IsPlainText(html)) {
    return internal::SanitizePlainComment(html).html;
  }
  return internal::SanitizeParsed(html, policy, report, nullptr);
}

SanitizedBody SanitizeWithText(std::string_view html, SanitizePolicy policy,
                               SanitizeReport* report) {
  if (policy == SanitizePolicy::kComment && internal::IsPlainText(html)) {
    return internal::SanitizePlainComment(html);
  }
  SanitizedBody body;
  body.html = internal::SanitizeParsed(html, policy, report, &body.text);
  return body;
}

std::string internal::SanitizeParsed(std::string_view html, SanitizePolicy policy,
                                     SanitizeReport* report, std::string* text_out) {
  if (policy == SanitizePolicy::kComment) html = internal::TrimHtmlSpace(html);
  const internal::ParsedFragment fragment(html, report);
  const GumboVector* nodes = fragment.nodes();
  if (nodes == nullptr) return {};

  std::string out;
  out.reserve(html.size());
  std::vector<Frame> stack;
  stack.push_back({nodes, 0, {}});
  OpenElements open;
  bool at_pre_start = false;  // nothing written yet since the last <pre> start tag
  bool jump_break_written = false;
  WrittenIds ids;
  const bool post = policy == SanitizePolicy::kPostBody;
  // The text HtmlToText would find in the output, written as the output is (when
  // text_out asks for it): the parser reading the output builds the tree written.
  internal::TextBuilder words;
  std::size_t muted = 0;  // written elements open whose content HtmlToText skips
  const bool with_text = text_out != nullptr;
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next == frame.children->length) {
      if (!frame.end_tag.empty()) {
        out += "</" + frame.end_tag + ">";
        open.Pop();
        at_pre_start = false;
        if (frame.mutes) --muted;
        if (frame.block) words.Line();
        if (frame.cell) words.Space();
      }
      stack.pop_back();
      continue;
    }
    const auto* node = static_cast<const GumboNode*>(frame.children->data[frame.next++]);
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: {
        const std::string_view text = node->v.text.text;
        if (text.empty()) break;
        // The HTML parser drops one line feed right after <pre>; a line feed that is
        // content needs another in front of it.
        if (at_pre_start && text.front() == '\n') out += '\n';
        at_pre_start = false;
        AppendText(text, policy, out);
        if (with_text && muted == 0) AddText(text, policy, words);
        break;
      }
      case GUMBO_NODE_ELEMENT: {
        const GumboElement& element = node->v.element;
        const std::string tag = internal::TagName(*node);
        const ElementRule* rule = element.tag_namespace == GUMBO_NAMESPACE_HTML
                                      ? internal::FindElementRule(policy, tag)
                                      : nullptr;
        if (rule == nullptr && (element.tag_namespace != GUMBO_NAMESPACE_HTML ||
                                internal::IsDroppedWithContent(tag))) {
          Report(report, "<" + tag + "> element");
          break;
        }
        // Only the first jump break counts; later ones go silently.
        bool jump_break = false;
        if (post && tag == "a") {
          const char* name = AttrValue(element, "name");
          jump_break = name != nullptr && std::string_view(name) == "more";
          if (jump_break && jump_break_written) rule = nullptr;
        }
        // A <summary> is written only as the first thing in its own <details> (one whose
        // parent was unwrapped could land after other content of an outer one).
        if (tag == "summary" && !IsFirstInDetails(node)) rule = nullptr;
        // The parsed tree can nest deeper, and hold more open formatting elements, than the
        // nesting guard let the input (the parser re-opens formatting elements); an element
        // the guard would cut on a second pass is unwrapped now. A <details> needs room for
        // its <summary> a level deeper.
        const std::size_t depth = open.Depth() + (tag == "details" ? 1 : 0);
        const bool too_deep = depth >= internal::kMaxNesting && !internal::IsVoidElement(tag);
        const bool too_many = internal::IsFormattingElement(tag) && open.FormattingFull();
        Frame inner{&element.children, 0, {}};
        const std::size_t start_tag = out.size();
        if (rule != nullptr && !too_deep && !too_many && FitsContext(tag, open)) {
          if (!AppendStartTag(element, tag, *rule, policy, jump_break, ids, report, out)) break;
          jump_break_written = jump_break_written || jump_break;
          at_pre_start = tag == "pre";
          const bool shown = with_text && muted == 0;
          if (internal::IsVoidElement(tag)) {
            if (shown && internal::IsBlock(tag)) words.Line();
            break;
          }
          if (tag == "iframe") {  // its content is what browsers without frames showed
            out += "</iframe>";
            break;
          }
          inner.end_tag = internal::WrittenName(tag);
          open.Push(inner.end_tag, std::string_view(out).substr(start_tag));
          inner.mutes = internal::IsDroppedWithContent(inner.end_tag);
          inner.block = shown && !inner.mutes && internal::IsBlock(inner.end_tag);
          inner.cell = shown && !inner.mutes && internal::IsCell(inner.end_tag);
          if (inner.mutes) ++muted;
          if (inner.block) words.Line();
          if (inner.cell) words.Space();
          // HTML requires a <details> to start with its <summary>; browsers show
          // "Details" when it has none.
          if (tag == "details" && !IsSummary(FirstContent(element))) {
            out += "<summary>Details</summary>";
            if (shown) {
              words.Line();
              words.Text("Details");
              words.Line();
            }
          }
        } else if (rule != nullptr && too_deep) {
          Report(report, "nesting deeper than " + std::to_string(internal::kMaxNesting));
        } else if (rule != nullptr && too_many) {
          Report(report, "more than " + std::to_string(internal::kMaxReopenable) +
                             " unclosed formatting elements");
        } else if (rule != nullptr) {
          Report(report, "misplaced <" + tag + "> element");
        } else if (!jump_break) {
          Report(report, "<" + tag + "> element");
        }
        stack.push_back(std::move(inner));
        break;
      }
      case GUMBO_NODE_COMMENT: {
        const std::optional<std::string_view> more =
            post ? JumpBreakText(node->v.text.text) : std::nullopt;
        // Other comments go unreported: readers never saw them (WordPress's block editor
        // writes dozens per post).
        if (more && !jump_break_written && open.Depth() < internal::kMaxNesting &&
            !open.FormattingFull() && FitsContext("a", open)) {
          out += "<a name=\"more\"";
          if (!more->empty()) AppendAttribute("data-more-text", *more, out);
          out += "></a>";
          jump_break_written = true;
          at_pre_start = false;
        }
        break;
      }
      case GUMBO_NODE_DOCUMENT:
      case GUMBO_NODE_TEMPLATE: break;
    }
  }
  out = StripControlChars(out);
  // Dropped elements can leave white space at the ends of a comment; trim it again.
  if (policy == SanitizePolicy::kComment) out = std::string(internal::TrimHtmlSpace(out));
  if (with_text) *text_out = words.Take();
  return out;
}

}  // namespace samizdat::text
