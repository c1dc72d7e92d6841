// XmlStream: one XML file read with libxml2's streaming reader (xmlTextReader), with
// where each element starts and, for a broken file, an error that says where and why
// ("FILE:LINE:COLUMN: reason"). Helpers for the small trees of expanded elements.
// Internal to transfer/.
#pragma once

#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlversion.h>

#include <cstddef>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "transfer/source.h"
#include "transfer/tag_positions.h"

namespace samizdat::transfer {

inline constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";

// Streams one file. Namespace errors (a prefix used without its declaration, as in
// Blogger's own exports) are let through: the element keeps its "prefix:name" name and
// no namespace. Every other error ends the stream. External entities and DTDs are never
// loaded. Memory stays bounded: the reader keeps only the current element's tree.
// Not thread-safe; one stream per file.
class XmlStream {
 public:
  // NotFound ("FILE: no such file") when `path` cannot be opened. With `max_bytes`, the
  // stream sees only the file's first max_bytes bytes (and then an early end).
  static Result<std::unique_ptr<XmlStream>> Open(
      const std::string& path, std::size_t max_bytes = std::numeric_limits<std::size_t>::max());

  struct Key {  // only Open() makes streams
   private:
    friend class XmlStream;
    Key() = default;
  };
  XmlStream(Key, std::string path) : path_(std::move(path)) {}
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Moves to the next node in document order: true on a node, false after the end of
  // the document, InvalidArgument "FILE:LINE:COLUMN: reason" for a broken file.
  Result<bool> Read();
  // Moves past the current node and all it contains, to what follows it.
  Result<bool> Next();
  // The current element with all it contains, as a tree that lives until the next Read
  // or Next. The positions of its elements are then known to Where(node).
  Result<const xmlNode*> Expand();

  int node_type() const { return xmlTextReaderNodeType(reader_.get()); }
  int depth() const { return xmlTextReaderDepth(reader_.get()); }
  bool AtElement() const { return node_type() == XML_READER_TYPE_ELEMENT; }
  // The current node, for the name helpers below (valid until the next Read or Next).
  const xmlNode* node() const { return xmlTextReaderCurrentNode(reader_.get()); }

  // Where the current element starts (the reader is on an element).
  SourceLocation Where() const { return Locate(current_); }
  // Where an element of the last Expand() starts.
  SourceLocation Where(const xmlNode* element) const;

  // InvalidArgument "FILE:LINE:COLUMN: reason".
  Status ErrorAt(const SourceLocation& where, std::string_view reason) const;

  const std::string& path() const { return path_; }
  // How many bytes of the file libxml2 has been given so far (it reads ahead of the
  // current node by a few KiB).
  std::size_t bytes_read() const { return io_.read; }
  // True when the stream stopped at max_bytes rather than at the end of the file.
  bool cut_short() const { return io_.cut_short; }

 private:
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  struct ReaderFreer {
    void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
  };
  struct Io {
    std::unique_ptr<std::FILE, FileCloser> file;
    std::size_t left = 0;  // bytes the stream may still read
    std::size_t read = 0;  // bytes read so far
    bool eof = false;      // the whole file was read
    bool cut_short = false;
    bool read_error = false;
    TagPositions tags;
  };
  struct XmlError {
    bool set = false;
    int code = 0;
    TextPosition at;
    std::string message;
    std::string str1;
    std::string str2;
    int int1 = 0;
  };

  static int ReadCallback(void* context, char* buffer, int len);
  // libxml2 2.12 made the error const.
#if LIBXML_VERSION >= 21200
  using ErrorPointer = const xmlError*;
#else
  using ErrorPointer = xmlError*;
#endif
  static void ErrorCallback(void* arg, ErrorPointer error);

  Result<bool> Landed(int ret);
  Status Broken() const;
  SourceLocation Locate(TextPosition at) const;
  TextPosition TakePosition(std::string_view name);

  std::string path_;
  Io io_;
  XmlError error_;
  std::unique_ptr<xmlTextReader, ReaderFreer> reader_;
  TextPosition current_;
  bool expanded_ = false;
  bool lost_ = false;  // the start tags no longer match the reader's elements
  std::vector<std::pair<const xmlNode*, TextPosition>> expanded_positions_;
};

// --- The trees of Expand() -------------------------------------------------------------

// An element's name: its namespace ("" for none) and local name. For an undeclared
// prefix ("app:draft" with no xmlns:app), the prefix and local name are split and the
// namespace is "".
struct ElementName {
  std::string_view ns;
  std::string_view local;
  std::string_view undeclared_prefix;
};
ElementName NameOf(const xmlNode* element);
// The name as written in the file: "app:draft", "thr:in-reply-to", "entry".
std::string QualifiedName(const xmlNode* element);

// True for an element `local` in namespace `ns`.
bool Is(const xmlNode* element, std::string_view ns, std::string_view local);

// The element children of `parent`, in order.
std::vector<const xmlNode*> ChildElements(const xmlNode* parent);

// All the text inside `node` (entities decoded, CDATA included).
std::string TextOf(const xmlNode* node);
// The same, without leading and trailing white space.
std::string TrimmedTextOf(const xmlNode* node);
// The value of the attribute `name` (no namespace); "" when it is absent.
std::string AttributeOf(const xmlNode* element, const char* name);

std::string_view TrimWhite(std::string_view s);

}  // namespace samizdat::transfer
