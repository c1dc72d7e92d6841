// XmlWriter: a small streaming XML writer (feeds, sitemaps, exports), escaping every
// value once.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samizdat::text {

// Writes an XML 1.0 document in UTF-8, element by element. Attribute values are quoted
// with ' (as Blogger writes them); text and attribute values have the characters XML
// forbids removed (StripControlChars, utf8.h) and & < > ' " escaped, so any input text,
// including "]]>", is written as character data. Names are written as given and must be
// valid XML names. Not thread-safe; one writer per document.
//
// The document goes either into a string that Finish() returns, or, for documents of any
// size, to a std::ostream in chunks of about kFlushBytes as it is written (the stream's
// errors are the caller's to check, after Finish()).
class XmlWriter {
 public:
  using Attributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  static constexpr std::size_t kFlushBytes = 64 * 1024;

  // Starts the document with <?xml version='1.0' encoding='UTF-8'?>, kept in memory.
  XmlWriter();
  // The same, written to `out`, which must outlive the writer.
  explicit XmlWriter(std::ostream& out);

  // <name a='v'…> ; closed by the matching Close().
  void Open(std::string_view name, Attributes attributes = {});
  void Close();
  // <name a='v'…>text</name>
  void Element(std::string_view name, std::string_view text, Attributes attributes = {});
  // <name a='v'…><![CDATA[text]]></name>, as WordPress writes bodies: the text is kept
  // as it is (forbidden characters dropped), and each "]]>" in it is split across two
  // CDATA sections, so a parser reads back exactly the text.
  void CData(std::string_view name, std::string_view text, Attributes attributes = {});
  // <name a='v'…/>
  void Empty(std::string_view name, Attributes attributes = {});
  // A line break between elements, to keep a long document readable; no meaning.
  void Newline();

  // Ends the document; every opened element must have been closed. In memory: returns
  // the document. To a stream: writes what is left, flushes the stream, returns "".
  std::string Finish() &&;

 private:
  void StartTag(std::string_view name, Attributes attributes);
  void EndTag(std::string_view name);
  void Text(std::string_view text);
  void MaybeFlush();

  std::ostream* stream_ = nullptr;  // null: the document stays in out_
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace samizdat::text
