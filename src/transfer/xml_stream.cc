// XmlStream: libxml2's reader fed through our own read callback, so that the bytes pass
// TagPositions on their way in (the positions of start tags), with libxml2's errors
// turned into plain sentences.
#include "transfer/xml_stream.h"

#include <libxml/xmlerror.h>

#include <cstring>

namespace samizdat::transfer {
namespace {

constexpr int kReaderOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA;

struct XmlCharFree {
  void operator()(xmlChar* p) const { xmlFree(p); }
};

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Result<std::unique_ptr<XmlStream>> XmlStream::Open(const std::string& path, std::size_t max_bytes) {
  auto stream = std::make_unique<XmlStream>(Key(), path);
  stream->io_.file.reset(std::fopen(path.c_str(), "rb"));
  if (stream->io_.file == nullptr) {
    return Status::NotFound(path + ": cannot open it (" + std::strerror(errno) + ")");
  }
  stream->io_.left = max_bytes;
  stream->reader_.reset(xmlReaderForIO(&XmlStream::ReadCallback, nullptr, &stream->io_,
                                       path.c_str(), nullptr, kReaderOptions));
  if (stream->reader_ == nullptr) {
    return Status::Internal(path + ": libxml2 could not start reading it");
  }
  xmlTextReaderSetStructuredErrorHandler(stream->reader_.get(), &XmlStream::ErrorCallback,
                                         stream.get());
  return stream;
}

XmlStream::~XmlStream() = default;

int XmlStream::ReadCallback(void* context, char* buffer, int len) {
  auto& io = *static_cast<Io*>(context);
  if (io.eof || io.cut_short || len <= 0) return 0;
  std::size_t want = static_cast<std::size_t>(len);
  if (want > io.left) want = io.left;
  if (want == 0) {
    io.cut_short = true;
    return 0;
  }
  const std::size_t got = std::fread(buffer, 1, want, io.file.get());
  if (got < want) {
    if (std::ferror(io.file.get())) {
      io.read_error = true;
      return -1;
    }
    io.eof = true;
  }
  io.left -= got;
  io.read += got;
  io.tags.Feed(std::string_view(buffer, got));
  return static_cast<int>(got);
}

void XmlStream::ErrorCallback(void* arg, ErrorPointer error) {
  auto& self = *static_cast<XmlStream*>(arg);
  if (error == nullptr || self.error_.set) return;
  // Undeclared prefixes (Blogger's own "app:draft") and other namespace slips are let
  // through: the element is still read, under its "prefix:name".
  if (error->domain == XML_FROM_NAMESPACE || error->level == XML_ERR_WARNING) return;
  self.error_.set = true;
  self.error_.code = error->code;
  self.error_.at = {error->line, error->int2};
  self.error_.message = error->message != nullptr ? error->message : "";
  while (!self.error_.message.empty() && IsBlank(self.error_.message.back())) {
    self.error_.message.pop_back();
  }
  self.error_.str1 = error->str1 != nullptr ? error->str1 : "";
  self.error_.str2 = error->str2 != nullptr ? error->str2 : "";
  self.error_.int1 = error->int1;
}

Result<bool> XmlStream::Read() {
  if (expanded_) return Next();
  return Landed(xmlTextReaderRead(reader_.get()));
}

Result<bool> XmlStream::Next() {
  if (AtElement() && !expanded_) {
    // The reader skips what the element contains without showing it; expanding first
    // accounts for the start tags inside.
    auto tree = Expand();
    if (!tree.ok()) return tree.status();
  }
  return Landed(xmlTextReaderNext(reader_.get()));
}

Result<bool> XmlStream::Landed(int ret) {
  expanded_ = false;
  expanded_positions_.clear();
  if (ret < 0 || error_.set || io_.read_error) return Broken();
  if (ret == 0) return false;
  if (AtElement()) {
    const xmlChar* name = xmlTextReaderConstName(reader_.get());
    current_ = TakePosition(name != nullptr ? reinterpret_cast<const char*>(name) : "");
  }
  return true;
}

Result<const xmlNode*> XmlStream::Expand() {
  const xmlNode* root = xmlTextReaderExpand(reader_.get());
  if (root == nullptr || error_.set || io_.read_error) return Broken();
  if (!expanded_) {
    expanded_ = true;
    // The start tags inside, in document order, as the tree holds them.
    const xmlNode* node = root->children;
    while (node != nullptr && node != root) {
      if (node->type == XML_ELEMENT_NODE) {
        expanded_positions_.emplace_back(node, TakePosition(QualifiedName(node)));
        if (node->children != nullptr) {
          node = node->children;
          continue;
        }
      }
      while (node != root && node->next == nullptr) node = node->parent;
      if (node != root) node = node->next;
    }
  }
  return root;
}

TextPosition XmlStream::TakePosition(std::string_view name) {
  TagPositions::Tag tag;
  if (lost_ || !io_.tags.Take(tag) || tag.name != name) {
    // Elements that do not come from start tags of the file (entities declared in a
    // DTD): positions are no longer known.
    lost_ = true;
    return {0, 0};
  }
  return tag.at;
}

SourceLocation XmlStream::Where(const xmlNode* element) const {
  for (const auto& [node, at] : expanded_positions_) {
    if (node == element) return Locate(at);
  }
  if (element == xmlTextReaderCurrentNode(reader_.get())) return Where();
  return Locate({0, 0});
}

SourceLocation XmlStream::Locate(TextPosition at) const {
  return SourceLocation{path_, at.line, at.column};
}

Status XmlStream::ErrorAt(const SourceLocation& where, std::string_view reason) const {
  std::string message = where.file;
  if (where.line > 0) {
    message += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
  }
  message += ": ";
  message += reason;
  return Status::InvalidArgument(std::move(message));
}

Status XmlStream::Broken() const {
  if (io_.read_error) {
    return Status::Internal(path_ + ": reading failed (" + std::strerror(errno) + ")");
  }
  const TextPosition end = io_.tags.end();
  if (!error_.set) return ErrorAt(Locate(end), "the XML could not be read");
  const SourceLocation at = Locate(error_.at);
  const bool nothing = end.line == 1 && end.column == 1;  // no character but a BOM
  if (nothing) return ErrorAt(at, "the file is empty");
  // The whole file was read and elements are still open: it stops before the document
  // does. libxml2 says so at the last byte, or (for a file cut at a line boundary) as
  // "extra content at the end of the document", which would mislead.
  const auto& open = io_.tags.open();
  const bool at_end = error_.at.line == end.line && error_.at.column == end.column;
  if (io_.eof && !open.empty() &&
      (at_end || error_.code == XML_ERR_DOCUMENT_END || error_.code == XML_ERR_TAG_NOT_FINISHED)) {
    const TagPositions::Tag& inner = open.back();
    return ErrorAt(Locate(end),
                   "the file ends before the document does: it was cut short (it "
                   "stops inside <" +
                       inner.name + ">, opened at " + std::to_string(inner.at.line) + ":" +
                       std::to_string(inner.at.column) + ")");
  }
  switch (error_.code) {
    case XML_ERR_DOCUMENT_EMPTY:
      return ErrorAt(at, "not XML: there is no element where the document should start");
    case XML_ERR_DOCUMENT_END:
      return ErrorAt(at, "not XML: there is more after the end of the document");
    case XML_ERR_TAG_NAME_MISMATCH:
      return ErrorAt(at, "not well-formed XML: <" + error_.str1 + "> (line " +
                             std::to_string(error_.int1) + ") is closed by </" + error_.str2 + ">");
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      return ErrorAt(at, "not well-formed XML: the entity &" + error_.str1 +
                             "; is not defined (XML knows only &amp; &lt; &gt; &quot; "
                             "&apos; and numeric references)");
    default: return ErrorAt(at, "not well-formed XML: " + error_.message);
  }
}

// --- Trees ----------------------------------------------------------------------------

ElementName NameOf(const xmlNode* element) {
  ElementName out;
  std::string_view name = reinterpret_cast<const char*>(element->name);
  if (element->ns != nullptr) {
    if (element->ns->href != nullptr) out.ns = reinterpret_cast<const char*>(element->ns->href);
    out.local = name;
    return out;
  }
  if (const auto colon = name.find(':'); colon != std::string_view::npos) {
    out.undeclared_prefix = name.substr(0, colon);
    out.local = name.substr(colon + 1);
  } else {
    out.local = name;
  }
  return out;
}

std::string QualifiedName(const xmlNode* element) {
  std::string name;
  if (element->ns != nullptr && element->ns->prefix != nullptr) {
    name = reinterpret_cast<const char*>(element->ns->prefix);
    name += ':';
  }
  name += reinterpret_cast<const char*>(element->name);
  return name;
}

bool Is(const xmlNode* element, std::string_view ns, std::string_view local) {
  const ElementName name = NameOf(element);
  return name.local == local && name.ns == ns && name.undeclared_prefix.empty();
}

std::vector<const xmlNode*> ChildElements(const xmlNode* parent) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) out.push_back(c);
  }
  return out;
}

std::string TextOf(const xmlNode* node) {
  std::unique_ptr<xmlChar, XmlCharFree> text(xmlNodeGetContent(node));
  return text ? std::string(reinterpret_cast<const char*>(text.get())) : std::string();
}

std::string_view TrimWhite(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

std::string TrimmedTextOf(const xmlNode* node) { return std::string(TrimWhite(TextOf(node))); }

std::string AttributeOf(const xmlNode* element, const char* name) {
  std::unique_ptr<xmlChar, XmlCharFree> value(
      xmlGetNoNsProp(element, reinterpret_cast<const xmlChar*>(name)));
  return value ? std::string(reinterpret_cast<const char*>(value.get())) : std::string();
}

}  // namespace samizdat::transfer
