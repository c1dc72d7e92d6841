// Value: what the Blogger theme language computes with, and what the data model
// (data:blog, data:view, data:posts, widget data) is made of.
//
// A Value is null, a boolean, a number, a string, an HTML string, a list or a map.
// Strings are text: a theme's <data:x/> and expr: attributes escape them. HTML strings
// are trusted markup (a sanitized post body, a theme's own markup): <data:x/> writes
// them as they are. Lists and maps are immutable once made and shared between copies,
// so copying a Value costs a reference count, never a deep copy; a data model built
// once (a blog's messages, its widgets' data) may be kept and shared between requests.
//
// Truthiness is Blogger's: null, false, 0, "" and an empty list are false; everything
// else (every map) is true.
//
// Thread safety: a Value is immutable; any number of threads may read one at once.
// Errors: none; reading the wrong kind gives that kind's empty value (number() of a
// string is 0, list() of a map is an empty list).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace samizdat::blogger {

class Value;
class Map;
using List = std::vector<Value>;

class Value {
 public:
  enum class Kind { kNull, kBoolean, kNumber, kString, kHtml, kList, kMap };

  Value() = default;  // null
  static Value Boolean(bool b);
  static Value Number(double n);
  static Value String(std::string text);  // text, escaped where written
  // Text that also answers fields, as Blogger's objects that write as text do:
  // data:post.author writes the name and has .name and .profileUrl; data:post.url
  // writes the URL and has .canonical; data:post.date writes the date and has
  // .iso8601. It is a string in every other respect (kind, text, ==, truthiness).
  static Value String(std::string text, Map fields);
  static Value Html(std::string markup);  // trusted markup, written as is
  static Value OfList(List items);
  static Value OfMap(Map fields);

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_string_like() const { return kind() == Kind::kString || kind() == Kind::kHtml; }
  bool Truthy() const;

  bool boolean() const;
  double number() const;
  // The characters of a string or HTML string; "" for other kinds.
  const std::string& text() const;
  const List& list() const;
  const Map& map() const;

  // A map's field, or a field of a string made with fields; nullptr when absent (or
  // when this is neither).
  const Value* Field(std::string_view name) const;

  // How the value reads when written or joined to a string: numbers without a needless
  // ".0" (3, 2.5), true/false, "" for null, a list's items joined by ",", "" for a map.
  std::string ToText() const;

  // Blogger's ==: numbers by value, strings (and HTML strings) by characters, a
  // number and a numeric string by number, booleans (a boolean and the string "true"
  // or "false" by that word), null equal only to null, lists and maps by identity.
  friend bool operator==(const Value& a, const Value& b);

 private:
  struct Str {
    std::shared_ptr<const std::string> s;
    std::shared_ptr<const Map> fields;  // null for plain text
  };
  struct HtmlStr {
    std::shared_ptr<const std::string> s;
  };
  using Data = std::variant<std::monostate, bool, double, Str, HtmlStr, std::shared_ptr<const List>,
                            std::shared_ptr<const Map>>;
  Data data_;
};

// A map from names to values that keeps its fields in insertion order (a theme's
// b:loop over a map, and JSON-like literals, see them in that order). Lookups are by
// exact name. Set on an existing name replaces its value in place.
class Map {
 public:
  Map() = default;
  Map(std::initializer_list<std::pair<std::string, Value>> fields);

  void Set(std::string name, Value value);
  const Value* Find(std::string_view name) const;
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  using Entry = std::pair<std::string, Value>;
  std::vector<Entry>::const_iterator begin() const { return entries_.begin(); }
  std::vector<Entry>::const_iterator end() const { return entries_.end(); }

 private:
  std::vector<Entry> entries_;
  // Indexes of entries_ sorted by name, made on Set once the map is large enough that
  // a linear scan would be slower than a binary search.
  std::vector<uint32_t> sorted_;
};

}  // namespace samizdat::blogger
