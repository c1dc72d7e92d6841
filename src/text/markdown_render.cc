// RenderMarkdownPass: md4c's parser events rendered to HTML (see markdown_render.h).
#include "text/markdown_render.h"

#include <md4c.h>

#include <algorithm>
#include <cstdint>
#include <functional>

#include "text/escape.h"
#include "text/html_parse.h"
#include "text/markdown_footnotes.h"
#include "text/markdown_raw_html.h"
#include "text/utf8.h"

namespace samizdat::text::internal {
namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";

// & < > " as md4c-html escapes them, for text and quoted attribute values.
void AppendEscaped(std::string_view text, std::string& out) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
}

// A URL as md4c-html writes one: letters, digits and -_.+!*(),%#@?=;:/$ as they are, '&'
// as "&amp;", every other byte percent-encoded.
void AppendUrlEscaped(std::string_view url, std::string& out) {
  static constexpr std::string_view kKept = "-_.+!*(),%#@?=;:/$";
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        kKept.find(c) != std::string_view::npos) {
      out += c;
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
}

// The text an entity md4c recognised ("&amp;", "&#x41;", "&#65;") stands for. Named
// entities are decoded by gumbo, which knows HTML's whole list.
std::string DecodeEntity(std::string_view entity) {
  std::string decoded;
  if (entity.size() > 3 && entity[1] == '#') {
    const bool hex = entity[2] == 'x' || entity[2] == 'X';
    std::uint32_t code_point = 0;
    for (char c : entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3))) {
      const std::uint32_t digit = (c >= '0' && c <= '9')   ? c - '0'
                                  : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                                                           : c - 'A' + 10;
      code_point = std::min<std::uint32_t>(code_point * (hex ? 16 : 10) + digit, 0x110000);
    }
    const bool scalar =
        code_point != 0 && code_point < 0x110000 && (code_point < 0xD800 || code_point > 0xDFFF);
    if (scalar) {
      AppendUtf8(static_cast<char32_t>(code_point), decoded);
    } else {
      decoded = kReplacementChar;
    }
    return decoded;
  }
  const ParsedFragment fragment(entity);
  const GumboVector* nodes = fragment.nodes();
  if (nodes != nullptr && nodes->length == 1) {
    const auto* node = static_cast<const GumboNode*>(nodes->data[0]);
    if (node->type == GUMBO_NODE_TEXT) return node->v.text.text;
  }
  return std::string(entity);
}

// An attribute md4c parsed (a link's URL or title, a code block's language).
void AppendAttribute(const MD_ATTRIBUTE& attribute, bool url, std::string& out) {
  for (int i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
    const MD_OFFSET offset = attribute.substr_offsets[i];
    const std::string_view text(attribute.text + offset, attribute.substr_offsets[i + 1] - offset);
    switch (attribute.substr_types[i]) {
      case MD_TEXT_NULLCHAR: out += kReplacementChar; break;
      case MD_TEXT_ENTITY:
        if (url) {
          AppendUrlEscaped(DecodeEntity(text), out);
        } else {
          out += text;
        }
        break;
      default:
        if (url) {
          AppendUrlEscaped(text, out);
        } else {
          AppendEscaped(text, out);
        }
    }
  }
}

class Renderer {
 public:
  Renderer(std::string_view doc, const MarkdownPlan& plan)
      : doc_(doc), footnotes_(plan.footnotes), raw_html_(plan.closed_iframes) {}

  static int EnterBlock(MD_BLOCKTYPE type, void* detail, void* self) {
    static_cast<Renderer*>(self)->OnEnterBlock(type, detail);
    return 0;
  }
  static int LeaveBlock(MD_BLOCKTYPE type, void* detail, void* self) {
    static_cast<Renderer*>(self)->OnLeaveBlock(type, detail);
    return 0;
  }
  static int EnterSpan(MD_SPANTYPE type, void* detail, void* self) {
    static_cast<Renderer*>(self)->OnEnterSpan(type, detail);
    return 0;
  }
  static int LeaveSpan(MD_SPANTYPE type, void* detail, void* self) {
    static_cast<Renderer*>(self)->OnLeaveSpan(type, detail);
    return 0;
  }
  static int Text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
    static_cast<Renderer*>(self)->OnText(type, std::string_view(text, size));
    return 0;
  }

  MarkdownPass Finish() {
    Flush();
    footnotes_.AppendSection(pass_.html);
    pass_.found.closed_iframes = ClosedIframes(raw_html_.iframe_tags());
    return std::move(pass_);
  }

 private:
  enum class Pending { kNone, kText, kHtml };

  void OnEnterBlock(MD_BLOCKTYPE type, void* detail) {
    Flush();
    paragraph_fresh_ = false;
    html_block_fresh_ = type == MD_BLOCK_HTML;
    if (type != MD_BLOCK_P) WriteCheckbox();
    std::string& out = *out_;
    switch (type) {
      case MD_BLOCK_QUOTE: out += "<blockquote>\n"; break;
      case MD_BLOCK_UL: out += "<ul>\n"; break;
      case MD_BLOCK_OL: {
        const unsigned start = static_cast<const MD_BLOCK_OL_DETAIL*>(detail)->start;
        out += start == 1 ? "<ol>\n" : "<ol start=\"" + std::to_string(start) + "\">\n";
        break;
      }
      case MD_BLOCK_LI: {
        const auto* li = static_cast<const MD_BLOCK_LI_DETAIL*>(detail);
        if (!li->is_task) {
          out += "<li>";
          break;
        }
        out += "<li class=\"task-list-item\">";
        checkbox_ = li->task_mark == ' ' ? "<input type=\"checkbox\" disabled> "
                                         : "<input type=\"checkbox\" disabled checked> ";
        break;
      }
      case MD_BLOCK_HR: out += "<hr>\n"; break;
      case MD_BLOCK_H:
        out += "<h" + std::to_string(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level) + ">";
        break;
      case MD_BLOCK_CODE: {
        const auto* code = static_cast<const MD_BLOCK_CODE_DETAIL*>(detail);
        out += "<pre><code";
        if (code->lang.text != nullptr) {
          out += " class=\"language-";
          AppendAttribute(code->lang, /*url=*/false, out);
          out += '"';
        }
        out += '>';
        break;
      }
      case MD_BLOCK_P:
        paragraph_start_ = out.size();
        out += "<p>";
        paragraph_fresh_ = checkbox_.empty();
        WriteCheckbox();
        break;
      case MD_BLOCK_TABLE: out += "<table>\n"; break;
      case MD_BLOCK_THEAD: out += "<thead>\n"; break;
      case MD_BLOCK_TBODY: out += "<tbody>\n"; break;
      case MD_BLOCK_TR: out += "<tr>\n"; break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        out += type == MD_BLOCK_TH ? "<th" : "<td";
        switch (static_cast<const MD_BLOCK_TD_DETAIL*>(detail)->align) {
          case MD_ALIGN_LEFT: out += " align=\"left\""; break;
          case MD_ALIGN_CENTER: out += " align=\"center\""; break;
          case MD_ALIGN_RIGHT: out += " align=\"right\""; break;
          default: break;
        }
        out += '>';
        break;
      }
      default: break;  // the document and HTML blocks have no tags of their own
    }
  }

  void OnLeaveBlock(MD_BLOCKTYPE type, void* detail) {
    Flush();
    paragraph_fresh_ = false;
    html_block_fresh_ = false;
    std::string& out = *out_;
    switch (type) {
      case MD_BLOCK_QUOTE: out += "</blockquote>\n"; break;
      case MD_BLOCK_UL: out += "</ul>\n"; break;
      case MD_BLOCK_OL: out += "</ol>\n"; break;
      case MD_BLOCK_LI:
        WriteCheckbox();
        out += "</li>\n";
        break;
      case MD_BLOCK_H:
        out += "</h" + std::to_string(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level) + ">\n";
        break;
      case MD_BLOCK_CODE: out += "</code></pre>\n"; break;
      case MD_BLOCK_P:
        if (in_definition_) {
          in_definition_ = false;
          out_ = &pass_.html;
        } else {
          out += "</p>\n";
        }
        break;
      case MD_BLOCK_TABLE: out += "</table>\n"; break;
      case MD_BLOCK_THEAD: out += "</thead>\n"; break;
      case MD_BLOCK_TBODY: out += "</tbody>\n"; break;
      case MD_BLOCK_TR: out += "</tr>\n"; break;
      case MD_BLOCK_TH: out += "</th>\n"; break;
      case MD_BLOCK_TD: out += "</td>\n"; break;
      default: break;
    }
  }

  void OnEnterSpan(MD_SPANTYPE type, void* detail) {
    Flush();
    WriteCheckbox();
    paragraph_fresh_ = false;
    if (image_depth_ > 0) {
      // Inside an image's alt text only the text counts, as in md4c-html.
      if (type == MD_SPAN_IMG) ++image_depth_;
      return;
    }
    std::string& out = *out_;
    switch (type) {
      case MD_SPAN_EM: out += "<em>"; break;
      case MD_SPAN_STRONG: out += "<strong>"; break;
      case MD_SPAN_U: out += "<u>"; break;
      case MD_SPAN_CODE: out += "<code>"; break;
      case MD_SPAN_DEL: out += "<del>"; break;
      case MD_SPAN_A: {
        const auto* a = static_cast<const MD_SPAN_A_DETAIL*>(detail);
        ++link_depth_;
        out += "<a href=\"";
        AppendAttribute(a->href, /*url=*/true, out);
        if (a->title.text != nullptr) {
          out += "\" title=\"";
          AppendAttribute(a->title, /*url=*/false, out);
        }
        out += "\">";
        break;
      }
      case MD_SPAN_IMG:
        out += "<img src=\"";
        AppendAttribute(static_cast<const MD_SPAN_IMG_DETAIL*>(detail)->src, /*url=*/true, out);
        out += "\" alt=\"";
        image_depth_ = 1;
        break;
      default: break;  // LaTeX and wiki links: their flags are not set
    }
  }

  void OnLeaveSpan(MD_SPANTYPE type, void* detail) {
    Flush();
    std::string& out = *out_;
    if (image_depth_ > 0) {
      if (type != MD_SPAN_IMG || --image_depth_ > 0) return;
      const MD_ATTRIBUTE& title = static_cast<const MD_SPAN_IMG_DETAIL*>(detail)->title;
      if (title.text != nullptr) {
        out += "\" title=\"";
        AppendAttribute(title, /*url=*/false, out);
      }
      out += "\">";
      return;
    }
    switch (type) {
      case MD_SPAN_EM: out += "</em>"; break;
      case MD_SPAN_STRONG: out += "</strong>"; break;
      case MD_SPAN_U: out += "</u>"; break;
      case MD_SPAN_CODE: out += "</code>"; break;
      case MD_SPAN_DEL: out += "</del>"; break;
      case MD_SPAN_A:
        --link_depth_;
        out += "</a>";
        break;
      default: break;
    }
  }

  void OnText(MD_TEXTTYPE type, std::string_view text) {
    const std::optional<std::size_t> offset = OffsetInDoc(text);
    if (offset) pass_.text_ranges.emplace_back(*offset, *offset + text.size());
    if (html_block_fresh_ && type == MD_TEXT_HTML) {
      html_block_fresh_ = false;
      if (offset && StartsWithSwallowingTag(text)) pass_.swallowing_blocks.push_back(*offset);
    }
    if (type == MD_TEXT_NORMAL || type == MD_TEXT_HTML) {
      // Runs md4c splits (at brackets, at line ends in HTML) are joined: a "[^label]" or
      // a tag is recognised whole.
      const Pending kind = type == MD_TEXT_NORMAL ? Pending::kText : Pending::kHtml;
      if (pending_kind_ != kind) Flush();
      pending_kind_ = kind;
      pending_ += text;
      return;
    }
    Flush();
    WriteCheckbox();
    paragraph_fresh_ = false;
    std::string& out = *out_;
    switch (type) {
      case MD_TEXT_NULLCHAR: out += kReplacementChar; break;
      case MD_TEXT_BR: out += image_depth_ > 0 ? " " : "<br>\n"; break;
      case MD_TEXT_SOFTBR: out += image_depth_ > 0 ? " " : "\n"; break;
      case MD_TEXT_ENTITY: out += text; break;  // decoded by whoever reads the HTML
      default: AppendEscaped(text, out); break;
    }
  }

  // Where `text` is in the document; nullopt for text md4c made up (line breaks,
  // indentation) or that is empty.
  std::optional<std::size_t> OffsetInDoc(std::string_view text) const {
    const std::less_equal<const char*> at_or_before;
    if (text.empty() || !at_or_before(doc_.data(), text.data()) ||
        !at_or_before(text.data() + text.size(), doc_.data() + doc_.size())) {
      return std::nullopt;
    }
    return static_cast<std::size_t>(text.data() - doc_.data());
  }

  // Writes the joined run of text or raw HTML.
  void Flush() {
    if (pending_kind_ == Pending::kNone) return;
    WriteCheckbox();
    if (pending_kind_ == Pending::kText) {
      WriteText(pending_);
    } else if (image_depth_ > 0) {
      paragraph_fresh_ = false;
      AppendEscaped(pending_, *out_);
    } else {
      paragraph_fresh_ = false;
      raw_html_.Append(pending_, *out_);
    }
    pending_.clear();
    pending_kind_ = Pending::kNone;
  }

  // Text outside code: a footnote definition's start, or footnote references.
  void WriteText(std::string_view text) {
    const bool plain = link_depth_ == 0 && image_depth_ == 0;
    if (paragraph_fresh_ && plain) {
      if (std::optional<FootnoteMark> definition = FootnoteDefinitionAt(text)) {
        StartDefinition(definition->label);
        if (!in_definition_) AppendEscaped(text.substr(0, definition->end), *out_);  // again
        text.remove_prefix(definition->end);
        if (in_definition_) {
          text.remove_prefix(std::min(text.find_first_not_of(" \t"), text.size()));
        }
      }
    }
    paragraph_fresh_ = false;
    std::string& out = *out_;
    std::size_t written = 0;
    for (auto mark = FindFootnoteReference(text, 0); plain && mark;
         mark = FindFootnoteReference(text, mark->end)) {
      if (!footnotes_.IsDefined(mark->label)) continue;
      AppendEscaped(text.substr(written, mark->begin - written), out);
      written = mark->end;
      const Footnotes::Reference reference = footnotes_.Refer(mark->label);
      const std::string label = FootnoteId(mark->label);
      out += "<sup class=\"footnote-ref\"><a href=\"#fn-" + label + "\"";
      if (reference.first) out += " id=\"fnref-" + label + "\"";
      out += ">" + std::to_string(reference.number) + "</a></sup>";
    }
    AppendEscaped(text.substr(written), out);
  }

  // The paragraph being written is the definition of `label`, if that is the label's
  // first definition: what was written of it goes, the rest goes to the note.
  void StartDefinition(std::string_view label) {
    if (std::find(pass_.found.footnotes.begin(), pass_.found.footnotes.end(), label) ==
        pass_.found.footnotes.end()) {
      pass_.found.footnotes.emplace_back(label);
    }
    std::string* note = footnotes_.BeginDefinition(label);
    if (note == nullptr) return;
    out_->resize(paragraph_start_);
    out_ = note;
    in_definition_ = true;
  }

  void WriteCheckbox() {
    out_->append(checkbox_);
    checkbox_.clear();
  }

  std::string_view doc_;
  Footnotes footnotes_;
  RawHtmlGuard raw_html_;
  MarkdownPass pass_;
  std::string* out_ = &pass_.html;  // the post, or the note being defined
  Pending pending_kind_ = Pending::kNone;
  std::string pending_;
  std::string checkbox_;  // a task item's checkbox, written before its first content
  int image_depth_ = 0;
  int link_depth_ = 0;
  std::size_t paragraph_start_ = 0;  // where the current paragraph's <p> is in *out_
  bool paragraph_fresh_ = false;     // nothing written yet in the paragraph but <p>
  bool in_definition_ = false;
  bool html_block_fresh_ = false;  // an HTML block began; its first text is to come
};

}  // namespace

std::optional<MarkdownPass> RenderMarkdownPass(std::string_view doc, const MarkdownPlan& plan) {
  Renderer renderer(doc, plan);
  if (doc.empty()) return renderer.Finish();
  const MD_PARSER parser = {
      .abi_version = 0,
      .flags = MD_DIALECT_GITHUB,
      .enter_block = &Renderer::EnterBlock,
      .leave_block = &Renderer::LeaveBlock,
      .enter_span = &Renderer::EnterSpan,
      .leave_span = &Renderer::LeaveSpan,
      .text = &Renderer::Text,
      .debug_log = nullptr,
      .syntax = nullptr,
  };
  if (md_parse(doc.data(), static_cast<MD_SIZE>(doc.size()), &parser, &renderer) != 0) {
    return std::nullopt;
  }
  return renderer.Finish();
}

}  // namespace samizdat::text::internal
