// XmlWriter: escaping, CDATA sections, tag bookkeeping and flushing to a stream.
#include "text/xml_writer.h"

#include <cassert>

#include "text/escape.h"
#include "text/utf8.h"

namespace samizdat::text {

namespace {
constexpr std::string_view kDeclaration = "<?xml version='1.0' encoding='UTF-8'?>";
}  // namespace

XmlWriter::XmlWriter() { out_ = kDeclaration; }

XmlWriter::XmlWriter(std::ostream& out) : stream_(&out) { out_ = kDeclaration; }

void XmlWriter::Text(std::string_view text) { AppendEscapedHtml(text, out_); }

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

void XmlWriter::EndTag(std::string_view name) {
  out_ += "</";
  out_ += name;
  out_ += '>';
  MaybeFlush();
}

void XmlWriter::MaybeFlush() {
  if (stream_ != nullptr && out_.size() >= kFlushBytes) {
    stream_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
  }
}

void XmlWriter::Open(std::string_view name, Attributes attributes) {
  StartTag(name, attributes);
  out_ += '>';
  open_.emplace_back(name);
}

void XmlWriter::Close() {
  assert(!open_.empty());
  EndTag(open_.back());
  open_.pop_back();
}

void XmlWriter::Element(std::string_view name, std::string_view text, Attributes attributes) {
  StartTag(name, attributes);
  out_ += '>';
  Text(text);
  EndTag(name);
}

void XmlWriter::CData(std::string_view name, std::string_view text, Attributes attributes) {
  StartTag(name, attributes);
  out_ += "><![CDATA[";
  const std::string clean = StripControlChars(text);
  std::string_view rest = clean;
  // "a]]>b" is written "a]]]]><![CDATA[>b": the first section ends with "]]", the next
  // starts with ">".
  for (size_t end = rest.find("]]>"); end != std::string_view::npos; end = rest.find("]]>")) {
    out_ += rest.substr(0, end + 2);
    out_ += "]]><![CDATA[";
    rest.remove_prefix(end + 2);
  }
  out_ += rest;
  out_ += "]]>";
  EndTag(name);
}

void XmlWriter::Empty(std::string_view name, Attributes attributes) {
  StartTag(name, attributes);
  out_ += "/>";
  MaybeFlush();
}

void XmlWriter::Newline() { out_ += '\n'; }

std::string XmlWriter::Finish() && {
  assert(open_.empty());
  if (stream_ == nullptr) return std::move(out_);
  stream_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
  stream_->flush();
  return {};
}

}  // namespace samizdat::text
