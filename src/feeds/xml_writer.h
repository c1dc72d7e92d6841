// XmlWriter: a small streaming writer for the feeds' XML, escaping every value once.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samizdat::feeds {

// Writes an XML 1.0 document in UTF-8, element by element. Attribute values are quoted
// with ' (as Blogger writes them); text and attribute values have the characters XML
// forbids removed (text::StripXmlForbiddenChars) and & < > ' " escaped, so any input
// text, including "]]>", is written as character data. Names are written as given and
// must be valid XML names. Not thread-safe; one writer per document.
class XmlWriter {
 public:
  using Attributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  // Starts the document with <?xml version='1.0' encoding='UTF-8'?>.
  XmlWriter();

  // <name a='v'…> ; closed by the matching Close().
  void Open(std::string_view name, Attributes attributes = {});
  void Close();
  // <name a='v'…>text</name>
  void Element(std::string_view name, std::string_view text, Attributes attributes = {});
  // <name a='v'…/>
  void Empty(std::string_view name, Attributes attributes = {});

  // The document; every opened element must have been closed.
  std::string Finish() &&;

 private:
  void StartTag(std::string_view name, Attributes attributes);
  void Text(std::string_view text);

  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace samizdat::feeds
