// Value and Map: construction, truthiness, text and equality of the theme language's
// values.
#include "blogger/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace samizdat::blogger {
namespace {

const std::string& EmptyString() {
  static const std::string empty;
  return empty;
}

// Numbers as Blogger writes them: integers without a fraction, others shortest.
std::string NumberText(double n) {
  if (std::isnan(n)) return "NaN";
  if (std::isinf(n)) return n > 0 ? "Infinity" : "-Infinity";
  if (n == std::floor(n) && std::fabs(n) < 1e15) return std::to_string(static_cast<int64_t>(n));
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, n);
  return error == std::errc() ? std::string(buffer, end) : std::string();
}

// A string that reads as a number ("12", " 3.5"), for == between a number and a string.
bool ParseNumber(std::string_view text, double& out) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

constexpr size_t kLinearScanLimit = 8;

}  // namespace

Value Value::Boolean(bool b) {
  Value v;
  v.data_ = b;
  return v;
}

Value Value::Number(double n) {
  Value v;
  v.data_ = n;
  return v;
}

Value Value::String(std::string text) {
  Value v;
  v.data_ = Str{std::make_shared<const std::string>(std::move(text)), nullptr};
  return v;
}

Value Value::String(std::string text, Map fields) {
  Value v;
  v.data_ = Str{std::make_shared<const std::string>(std::move(text)),
                std::make_shared<const Map>(std::move(fields))};
  return v;
}

Value Value::Html(std::string markup) {
  Value v;
  v.data_ = HtmlStr{std::make_shared<const std::string>(std::move(markup))};
  return v;
}

Value Value::OfList(List items) {
  Value v;
  v.data_ = std::make_shared<const List>(std::move(items));
  return v;
}

Value Value::OfMap(Map fields) {
  Value v;
  v.data_ = std::make_shared<const Map>(std::move(fields));
  return v;
}

bool Value::Truthy() const {
  switch (kind()) {
    case Kind::kNull: return false;
    case Kind::kBoolean: return std::get<bool>(data_);
    case Kind::kNumber: return std::get<double>(data_) != 0;
    case Kind::kString:
    case Kind::kHtml: return !text().empty();
    case Kind::kList: return !list().empty();
    case Kind::kMap: return true;
  }
  return false;
}

bool Value::boolean() const {
  const bool* b = std::get_if<bool>(&data_);
  return b != nullptr && *b;
}

double Value::number() const {
  const double* n = std::get_if<double>(&data_);
  return n != nullptr ? *n : 0;
}

const std::string& Value::text() const {
  if (const auto* s = std::get_if<Str>(&data_)) return *s->s;
  if (const auto* h = std::get_if<HtmlStr>(&data_)) return *h->s;
  return EmptyString();
}

const List& Value::list() const {
  static const List empty;
  const auto* l = std::get_if<std::shared_ptr<const List>>(&data_);
  return l != nullptr ? **l : empty;
}

const Map& Value::map() const {
  static const Map empty;
  const auto* m = std::get_if<std::shared_ptr<const Map>>(&data_);
  return m != nullptr ? **m : empty;
}

const Value* Value::Field(std::string_view name) const {
  if (const auto* m = std::get_if<std::shared_ptr<const Map>>(&data_)) return (*m)->Find(name);
  if (const auto* s = std::get_if<Str>(&data_); s != nullptr && s->fields) {
    return s->fields->Find(name);
  }
  return nullptr;
}

std::string Value::ToText() const {
  switch (kind()) {
    case Kind::kNull: return "";
    case Kind::kBoolean: return boolean() ? "true" : "false";
    case Kind::kNumber: return NumberText(number());
    case Kind::kString:
    case Kind::kHtml: return text();
    case Kind::kList: {
      std::string out;
      for (const Value& item : list()) {
        if (!out.empty()) out += ',';
        out += item.ToText();
      }
      return out;
    }
    case Kind::kMap: return "";
  }
  return "";
}

bool operator==(const Value& a, const Value& b) {
  using Kind = Value::Kind;
  const Kind ka = a.kind();
  const Kind kb = b.kind();
  if (a.is_string_like() && b.is_string_like()) return a.text() == b.text();
  if (ka == Kind::kNumber && kb == Kind::kNumber) return a.number() == b.number();
  double n = 0;
  if (ka == Kind::kNumber && b.is_string_like()) return ParseNumber(b.text(), n) && n == a.number();
  if (kb == Kind::kNumber && a.is_string_like()) return ParseNumber(a.text(), n) && n == b.number();
  // Themes test data:mobile == "false": a boolean equals the word for it.
  if (ka == Kind::kBoolean && b.is_string_like())
    return b.text() == (a.boolean() ? "true" : "false");
  if (kb == Kind::kBoolean && a.is_string_like())
    return a.text() == (b.boolean() ? "true" : "false");
  if (ka != kb) return false;
  switch (ka) {
    case Kind::kNull: return true;
    case Kind::kBoolean: return a.boolean() == b.boolean();
    case Kind::kList: return &a.list() == &b.list();
    case Kind::kMap: return &a.map() == &b.map();
    default: return false;
  }
}

Map::Map(std::initializer_list<std::pair<std::string, Value>> fields) {
  entries_.reserve(fields.size());
  sorted_.reserve(fields.size());
  for (const auto& [name, value] : fields) Set(name, value);
}

void Map::Set(std::string name, Value value) {
  auto by_name = [this](uint32_t index, std::string_view key) {
    return entries_[index].first < key;
  };
  auto at = std::lower_bound(sorted_.begin(), sorted_.end(), std::string_view(name), by_name);
  if (at != sorted_.end() && entries_[*at].first == name) {
    entries_[*at].second = std::move(value);
    return;
  }
  sorted_.insert(at, static_cast<uint32_t>(entries_.size()));
  entries_.emplace_back(std::move(name), std::move(value));
}

const Value* Map::Find(std::string_view name) const {
  if (entries_.size() <= kLinearScanLimit) {
    for (const Entry& entry : entries_) {
      if (entry.first == name) return &entry.second;
    }
    return nullptr;
  }
  auto at = std::lower_bound(
      sorted_.begin(), sorted_.end(), name,
      [this](uint32_t index, std::string_view key) { return entries_[index].first < key; });
  if (at == sorted_.end() || entries_[*at].first != name) return nullptr;
  return &entries_[*at].second;
}

}  // namespace samizdat::blogger
