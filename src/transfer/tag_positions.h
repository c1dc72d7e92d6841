// TagPositions: where each start tag of an XML byte stream begins (line and column), for
// messages. libxml2's reader says where an error is, but not where an element starts.
// Internal to transfer/.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace samizdat::transfer {

struct TextPosition {
  int line = 1;
  int column = 1;  // in code points, as libxml2 counts them
};

// Fed the bytes of a document in order (any chunking), it queues the qualified name and
// position of every start tag, in document order, skipping comments, CDATA sections,
// processing instructions and declarations; and it keeps the stack of open elements, so
// that a file that ends early can say which element it ends in. Lines are counted at
// each '\n'; columns count code points from 1. A UTF-8 byte order mark is not counted.
// Not thread-safe.
class TagPositions {
 public:
  struct Tag {
    std::string name;
    TextPosition at;
  };

  void Feed(std::string_view bytes);

  // The oldest start tag not yet taken; false when there is none.
  bool Take(Tag& tag);

  // Where the next byte would be: the end of the document once all of it was fed.
  TextPosition end() const { return pos_; }
  // The elements opened and not closed so far, outermost first.
  const std::vector<Tag>& open() const { return open_; }

 private:
  enum class State {
    kText,
    kLt,          // after '<'
    kStartName,   // in a start tag's name
    kStartTag,    // in a start tag, after its name
    kStartQuote,  // in a quoted attribute value
    kEndTag,      // in an end tag
    kBang,        // after "<!": deciding between comment, CDATA and declaration
    kComment,
    kCData,
    kPi,
    kDecl,  // <!DOCTYPE …>, with its internal subset
    kDeclQuote,
  };

  void Step(unsigned char c);
  // The one byte that can end the current state's run, or 0 when there is none.
  char StopByte() const;
  // Passes over a run of bytes that changes nothing but the position (and what the
  // ends of comments, sections and tags look back at).
  void Skip(std::string_view run);

  State state_ = State::kText;
  TextPosition pos_;
  TextPosition tag_at_;  // where the current '<' is
  std::string name_;     // the tag name being read
  std::string bang_;     // what follows "<!" so far
  char quote_ = 0;
  unsigned char prev_ = 0;  // the previous byte inside a tag or section
  unsigned char prev2_ = 0;
  int decl_depth_ = 0;   // '[' nesting inside <!DOCTYPE
  std::size_t fed_ = 0;  // bytes fed
  std::size_t bom_ = 0;  // bytes of a byte order mark skipped
  std::deque<Tag> queue_;
  std::vector<Tag> open_;
};

}  // namespace samizdat::transfer
