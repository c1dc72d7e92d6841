// CapNesting: a linear pre-pass that drops start tags nested deeper than a cap, so that
// gumbo never builds a deep tree. See nesting_guard.h; a depth guard, not a parser.
#include "text/nesting_guard.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <unordered_map>
#include <vector>

#include "text/html_parse.h"

namespace samizdat::text::internal {
namespace {

// What the model needs to know about a tag name, as bits.
enum TagFlag : unsigned {
  kVoid = 1u << 0,        // never has content or an end tag
  kRawText = 1u << 1,     // content read as text up to the end tag
  kFormatting = 1u << 2,  // re-opened by the parser after an implied end
  kMarker = 1u << 3,      // ends the re-opening of formatting elements opened inside it
  kSpecial = 1u << 4,     // "special" (less address, div, p): stops an implied </li>
  kClosesP = 1u << 5,     // its start tag closes an open <p>
  kScope = 1u << 6,       // bounds "has an element in scope"
  kHeading = 1u << 7,     // h1-h6
};

unsigned Classify(std::string_view name) {
  static const std::unordered_map<std::string_view, unsigned> kFlags = [] {
    std::unordered_map<std::string_view, unsigned> flags;
    auto add = [&](unsigned flag, std::initializer_list<std::string_view> names) {
      for (std::string_view name : names) flags[name] |= flag;
    };
    add(kVoid, {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img",
                "image", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"});
    add(kRawText, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                   "noscript"});
    add(kFormatting, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
                      "strong", "tt", "u"});
    add(kMarker, {"applet", "caption", "marquee", "object", "td", "th", "template"});
    add(kSpecial,
        {"applet",   "article",    "aside",  "blockquote", "body",     "button",   "caption",
         "center",   "colgroup",   "dd",     "details",    "dir",      "dl",       "dt",
         "fieldset", "figcaption", "figure", "footer",     "form",     "frameset", "h1",
         "h2",       "h3",         "h4",     "h5",         "h6",       "head",     "header",
         "hgroup",   "html",       "li",     "listing",    "main",     "marquee",  "menu",
         "nav",      "object",     "ol",     "pre",        "search",   "section",  "select",
         "summary",  "table",      "tbody",  "td",         "template", "tfoot",    "th",
         "thead",    "tr",         "ul"});
    add(kClosesP,
        {"address", "article", "aside",    "blockquote", "center", "details", "dialog", "dir",
         "div",     "dl",      "fieldset", "figcaption", "figure", "footer",  "form",   "h1",
         "h2",      "h3",      "h4",       "h5",         "h6",     "header",  "hgroup", "hr",
         "listing", "main",    "menu",     "nav",        "ol",     "p",       "pre",    "search",
         "section", "summary", "table",    "ul"});
    add(kScope,
        {"applet", "caption", "html", "marquee", "object", "table", "td", "th", "template"});
    add(kHeading, {"h1", "h2", "h3", "h4", "h5", "h6"});
    return flags;
  }();
  const auto it = kFlags.find(name);
  return it == kFlags.end() ? 0 : it->second;
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// kMaxReopenable (nesting_guard.h) bounds the unclosed formatting elements: every implied
// end (a new <p>, </div>...) makes the parser re-open all of them, so without a bound a few
// thousand distinct unclosed <b id=N> cost time and memory quadratic in their number.

// One element of the model's stack of open elements.
struct Open {
  std::string name;
  unsigned flags = 0;    // Classify(name)
  std::string key;       // a formatting element's attributes, for the "Noah's Ark" limit
  bool emitted = false;  // its start tag was kept (or the parser re-opens it)
  bool in_list = false;  // a formatting element the parser would re-open
};

// The model of the parser's stack of open elements. Every query costs O(log of the number
// of distinct tag names); every element is pushed and popped at most once per implied end.
class OpenStack {
 public:
  std::size_t depth() const { return depth_; }
  std::size_t size() const { return entries_.size(); }
  const Open& at(std::size_t index) const { return entries_[index]; }

  // Pushes `open`. A formatting element counts towards re-opening only while fewer than
  // three identical ones do (the parser's "Noah's Ark" clause); `reopened` ones already do.
  void Push(Open open, bool reopened) {
    if (!reopened && open.emitted && (open.flags & kFormatting)) {
      int& count = list_count_[open.name + open.key];
      open.in_list = count < 3;
      if (open.in_list) {
        ++count;
        ++reopenable_;
      }
    }
    const std::size_t index = entries_.size();
    by_name_[open.name].push_back(index);
    if (open.flags & kSpecial) special_.push_back(index);
    if (open.flags & kScope) scope_.push_back(index);
    if (!(open.flags & kFormatting)) non_formatting_.push_back(index);
    if (open.emitted) ++depth_;
    entries_.push_back(std::move(open));
  }

  // One more than the index of the innermost open element named `name`; 0 if none.
  std::size_t Innermost(std::string_view name) const {
    const auto it = by_name_.find(name);
    return (it == by_name_.end() || it->second.empty()) ? 0 : it->second.back() + 1;
  }
  // The innermost element that bounds a scope (see kScope), as Innermost.
  std::size_t InnermostScope() const { return scope_.empty() ? 0 : scope_.back() + 1; }
  std::size_t InnermostSpecial() const { return special_.empty() ? 0 : special_.back() + 1; }
  std::size_t InnermostNonFormatting() const {
    return non_formatting_.empty() ? 0 : non_formatting_.back() + 1;
  }

  // Pops the elements at `index` and above; returns them innermost first.
  std::vector<Open> PopFrom(std::size_t index) {
    std::vector<Open> popped;
    while (entries_.size() > index) {
      Open& top = entries_.back();
      const std::size_t at = entries_.size() - 1;
      by_name_[top.name].pop_back();
      if (!special_.empty() && special_.back() == at) special_.pop_back();
      if (!scope_.empty() && scope_.back() == at) scope_.pop_back();
      if (!non_formatting_.empty() && non_formatting_.back() == at) non_formatting_.pop_back();
      if (top.emitted) --depth_;
      popped.push_back(std::move(top));
      entries_.pop_back();
    }
    return popped;
  }

  // `open` will not be re-opened any more.
  void Forget(const Open& open) {
    if (!open.in_list) return;
    --list_count_[open.name + open.key];
    --reopenable_;
  }
  // How many open formatting elements the parser would re-open after an implied end.
  std::size_t reopenable() const { return reopenable_; }

 private:
  std::vector<Open> entries_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_name_;
  std::vector<std::size_t> special_;         // indices of open special elements
  std::vector<std::size_t> scope_;           // indices of open kScope elements
  std::vector<std::size_t> non_formatting_;  // indices of open non-formatting elements
  std::map<std::string, int> list_count_;
  std::size_t depth_ = 0;       // emitted elements on the stack
  std::size_t reopenable_ = 0;  // elements with in_list set
};

// Closes the element at `index` and everything inside it; the formatting elements inside
// it, up to a marker, are opened again (the parser reconstructs them).
void CloseFrom(OpenStack& stack, std::size_t index) {
  std::vector<Open> popped = stack.PopFrom(index);  // innermost first, `index` last
  std::vector<Open> reopen;
  for (std::size_t k = 0; k < popped.size(); ++k) {
    Open& open = popped[k];
    if (open.flags & kMarker) {
      for (const Open& gone : reopen) stack.Forget(gone);
      reopen.clear();
    }
    if (k + 1 < popped.size() && open.in_list) {
      reopen.push_back(std::move(open));
    } else {
      stack.Forget(open);  // the element closed is not re-opened
    }
  }
  for (auto it = reopen.rbegin(); it != reopen.rend(); ++it) stack.Push(std::move(*it), true);
}

// Closes the formatting element at `index` as an end tag would. If an element that is
// not a formatting element is open inside it, the parser's "adoption agency" keeps about
// as many elements open as before: the model leaves the stack as it is.
void CloseFormatting(OpenStack& stack, std::size_t index) {
  if (stack.InnermostNonFormatting() > index + 1) return;
  CloseFrom(stack, index);
}

// One tag as the tokenizer sees it.
struct Tag {
  std::string name;         // lower case
  std::size_t attrs_begin;  // offset of the text after the name
  std::size_t end;          // offset just past '>', or npos at end of input
  bool self_closing = false;
};

// Reads the tag whose name starts at `pos`, following the tokenizer's attribute states.
Tag ReadTag(std::string_view html, std::size_t pos) {
  Tag tag;
  std::size_t j = pos;
  while (j < html.size() && !IsHtmlSpace(html[j]) && html[j] != '/' && html[j] != '>') {
    tag.name += AsciiLower(html[j++]);
  }
  tag.attrs_begin = j;
  while (j < html.size()) {
    const char c = html[j];
    if (c == '>') {
      tag.end = j + 1;
      return tag;
    }
    if (IsHtmlSpace(c)) {
      ++j;
      continue;
    }
    if (c == '/') {
      if (j + 1 < html.size() && html[j + 1] == '>') {
        tag.self_closing = true;
        tag.end = j + 2;
        return tag;
      }
      ++j;
      continue;
    }
    ++j;  // an attribute name; its first character may be '='
    while (j < html.size() && !IsHtmlSpace(html[j]) && html[j] != '/' && html[j] != '>' &&
           html[j] != '=') {
      ++j;
    }
    while (j < html.size() && IsHtmlSpace(html[j])) ++j;
    if (j >= html.size() || html[j] != '=') continue;
    ++j;
    while (j < html.size() && IsHtmlSpace(html[j])) ++j;
    if (j < html.size() && (html[j] == '"' || html[j] == '\'')) {
      const std::size_t close = html.find(html[j], j + 1);
      j = close == std::string_view::npos ? html.size() : close + 1;
    } else {
      while (j < html.size() && !IsHtmlSpace(html[j]) && html[j] != '>') ++j;
    }
  }
  tag.end = std::string_view::npos;
  return tag;
}

// The offset just past the comment that starts at `pos` ("<!--"): after "-->" or "--!>",
// or the end of the input.
std::size_t CommentEnd(std::string_view html, std::size_t pos) {
  for (std::size_t gt = html.find('>', pos + 2); gt != std::string_view::npos;
       gt = html.find('>', gt + 1)) {
    const std::string_view before = html.substr(pos + 2, gt - (pos + 2));
    if (before.ends_with("--") || before.ends_with("--!")) return gt + 1;
  }
  return html.size();
}

// The offset of the end tag "</name" that ends a raw-text element, or the end of input.
std::size_t RawTextEnd(std::string_view html, std::size_t pos, std::string_view name) {
  for (std::size_t lt = html.find("</", pos); lt != std::string_view::npos;
       lt = html.find("</", lt + 2)) {
    const std::size_t after = lt + 2 + name.size();
    if (after > html.size()) break;
    bool same = true;
    for (std::size_t k = 0; k < name.size() && same; ++k) {
      same = AsciiLower(html[lt + 2 + k]) == name[k];
    }
    if (same && (after == html.size() || IsHtmlSpace(html[after]) || html[after] == '/' ||
                 html[after] == '>')) {
      return lt;
    }
  }
  return html.size();
}

// Closes what a start tag named `name` implicitly closes.
void ApplyImpliedEnds(OpenStack& stack, std::string_view name, unsigned flags) {
  if (name == "li" || name == "dd" || name == "dt") {
    const std::size_t item = name == "li" ? stack.Innermost("li")
                                          : std::max(stack.Innermost("dd"), stack.Innermost("dt"));
    if (item > 0 && item >= stack.InnermostSpecial()) CloseFrom(stack, item - 1);
  } else if (name == "tr") {
    const std::size_t row = stack.Innermost("tr");
    if (row > stack.Innermost("table")) CloseFrom(stack, row - 1);
  } else if (name == "td" || name == "th") {
    const std::size_t cell = std::max(stack.Innermost("td"), stack.Innermost("th"));
    if (cell > std::max(stack.Innermost("tr"), stack.Innermost("table"))) {
      CloseFrom(stack, cell - 1);
    }
  } else if (name == "tbody" || name == "thead" || name == "tfoot") {
    const std::size_t section =
        std::max({stack.Innermost("tbody"), stack.Innermost("thead"), stack.Innermost("tfoot")});
    if (section > stack.Innermost("table")) CloseFrom(stack, section - 1);
  } else if (name == "option" || name == "optgroup") {
    if (stack.size() > 0 && stack.at(stack.size() - 1).name == "option") {
      CloseFrom(stack, stack.size() - 1);
    }
  } else if (name == "a") {
    const std::size_t link = stack.Innermost("a");
    if (link > 0 && link > stack.InnermostScope()) CloseFormatting(stack, link - 1);
  }
  if (flags & kClosesP) {
    const std::size_t p = stack.Innermost("p");
    if (p > 0 && p > std::max(stack.InnermostScope(), stack.Innermost("button"))) {
      CloseFrom(stack, p - 1);
    }
  }
  if ((flags & kHeading) && stack.size() > 0 && (stack.at(stack.size() - 1).flags & kHeading)) {
    CloseFrom(stack, stack.size() - 1);
  }
}

// Handles the end tag `name`. Returns false if it must be dropped (its start tag was).
bool ApplyEndTag(OpenStack& stack, std::string_view name) {
  const std::size_t open = stack.Innermost(name);
  std::size_t boundary = stack.InnermostScope();
  if (name == "li") boundary = std::max({boundary, stack.Innermost("ul"), stack.Innermost("ol")});
  if (name == "p") boundary = std::max(boundary, stack.Innermost("button"));
  if (open == 0 || open < boundary) return true;  // the parser ignores it or copes
  const bool emitted = stack.at(open - 1).emitted;
  if (stack.at(open - 1).flags & kFormatting) {
    CloseFormatting(stack, open - 1);
  } else {
    CloseFrom(stack, open - 1);
  }
  return emitted;
}

}  // namespace

bool IsFormattingElement(std::string_view tag) { return (Classify(tag) & kFormatting) != 0; }

std::string CapNesting(std::string_view html, std::size_t max_depth, SanitizeReport* report) {
  const std::string too_deep = "nesting deeper than " + std::to_string(max_depth);
  const std::string too_many_formatting =
      "more than " + std::to_string(kMaxReopenable) + " unclosed formatting elements";
  std::string out;
  out.reserve(html.size());
  OpenStack stack;
  std::size_t i = 0;
  while (i < html.size()) {
    const std::size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) {
      out.append(html.substr(i));
      break;
    }
    out.append(html.substr(i, lt - i));
    i = lt + 1;
    if (i >= html.size()) {
      out += '<';
      break;
    }
    const char next = html[i];
    // Comments and other markup declarations are copied as they are.
    if (html.substr(lt).starts_with("<!--")) {
      i = CommentEnd(html, lt + 2);
      out.append(html.substr(lt, i - lt));
      continue;
    }
    if (next == '!' || next == '?' ||
        (next == '/' && i + 1 < html.size() && !IsAsciiAlpha(html[i + 1]))) {
      const std::size_t gt = html.find('>', i);
      i = gt == std::string_view::npos ? html.size() : gt + 1;
      out.append(html.substr(lt, i - lt));
      continue;
    }
    const bool is_end = next == '/';
    if (!IsAsciiAlpha(is_end ? html[i + 1] : next)) {
      out += '<';  // text
      continue;
    }
    const Tag tag = ReadTag(html, is_end ? i + 1 : i);
    if (tag.end == std::string_view::npos) {  // the parser drops a tag cut off by the end
      out.append(html.substr(lt));
      break;
    }
    const std::string_view text = html.substr(lt, tag.end - lt);
    i = tag.end;
    if (is_end) {
      if (ApplyEndTag(stack, tag.name)) out.append(text);
      continue;
    }
    if (tag.name == "plaintext") {  // the rest of the input is text
      out.append(html.substr(lt));
      break;
    }
    const unsigned flags = Classify(tag.name);
    if (flags & kRawText) {
      const std::size_t end = RawTextEnd(html, i, tag.name);
      out.append(html.substr(lt, end - lt));
      i = end;
      continue;
    }
    if ((flags & kVoid) ||
        (tag.self_closing && (stack.Innermost("svg") > 0 || stack.Innermost("math") > 0))) {
      out.append(text);
      continue;
    }
    ApplyImpliedEnds(stack, tag.name, flags);
    Open open{tag.name, flags, {}, stack.depth() < max_depth, false};
    if (flags & kFormatting) {
      open.key = std::string(html.substr(tag.attrs_begin, tag.end - tag.attrs_begin));
      open.emitted = open.emitted && stack.reopenable() < kMaxReopenable;
    }
    if (open.emitted) {
      out.append(text);
    } else if (report != nullptr) {
      report->Add(stack.depth() < max_depth ? too_many_formatting : too_deep);
    }
    stack.Push(std::move(open), false);
  }
  return out;
}

}  // namespace samizdat::text::internal
