// XmlWriter: escaping and tag bookkeeping.
#include "feeds/xml_writer.h"

#include <cassert>

#include "text/escape.h"

namespace samizdat::feeds {

XmlWriter::XmlWriter() { out_ = "<?xml version='1.0' encoding='UTF-8'?>"; }

void XmlWriter::Text(std::string_view text) {
  for (char c : text::StripXmlForbiddenChars(text)) {
    switch (c) {
      case '&':
        out_ += "&amp;";
        break;
      case '<':
        out_ += "&lt;";
        break;
      case '>':
        out_ += "&gt;";
        break;
      case '\'':
        out_ += "&#39;";
        break;
      case '"':
        out_ += "&quot;";
        break;
      default:
        out_ += c;
    }
  }
}

void XmlWriter::StartTag(std::string_view name, Attributes attributes) {
  out_ += '<';
  out_ += name;
  for (const auto& [key, value] : attributes) {
    out_ += ' ';
    out_ += key;
    out_ += "='";
    Text(value);
    out_ += '\'';
  }
}

void XmlWriter::Open(std::string_view name, Attributes attributes) {
  StartTag(name, attributes);
  out_ += '>';
  open_.emplace_back(name);
}

void XmlWriter::Close() {
  assert(!open_.empty());
  out_ += "</";
  out_ += open_.back();
  out_ += '>';
  open_.pop_back();
}

void XmlWriter::Element(std::string_view name, std::string_view text, Attributes attributes) {
  StartTag(name, attributes);
  out_ += '>';
  Text(text);
  out_ += "</";
  out_ += name;
  out_ += '>';
}

void XmlWriter::Empty(std::string_view name, Attributes attributes) {
  StartTag(name, attributes);
  out_ += "/>";
}

std::string XmlWriter::Finish() && {
  assert(open_.empty());
  return std::move(out_);
}

}  // namespace samizdat::feeds
