// Expression::Evaluate: walks the Node tree with Blogger's semantics (null for unknown
// names, short-circuit and/or, numeric or textual comparison, + as addition or
// concatenation, the lambda and list operators), one Budget step per node.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "blogger/expr_node.h"

namespace samizdat::blogger {
namespace {

using Node = Expression::Node;

// Binds a lambda's parameters over the enclosing scope; looks up without allocating.
class LambdaScope final : public Scope {
 public:
  LambdaScope(const Scope& parent, const std::vector<std::string>& names)
      : parent_(parent), names_(names) {}
  void Bind(const Value* item, double index) {
    item_ = item;
    index_ = Value::Number(index);
  }
  const Value* Lookup(std::string_view name) const override {
    if (name == names_[0]) return item_;
    if (names_.size() > 1 && name == names_[1]) return &index_;
    return parent_.Lookup(name);
  }

 private:
  const Scope& parent_;
  const std::vector<std::string>& names_;
  const Value* item_ = nullptr;
  Value index_;
};

// A string's number when the whole string is one ("12", "2.5"), for comparisons.
bool NumberOf(const Value& v, double& out) {
  switch (v.kind()) {
    case Value::Kind::kNumber: out = v.number(); return true;
    case Value::Kind::kString:
    case Value::Kind::kHtml: {
      const std::string& t = v.text();
      if (t.empty()) return false;
      auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), out);
      return error == std::errc() && end == t.data() + t.size();
    }
    default: return false;
  }
}

// -1, 0 or 1; nullopt when the two cannot be ordered (a list, a map, null).
std::optional<int> Order(const Value& a, const Value& b) {
  double x = 0, y = 0;
  bool numeric = a.kind() == Value::Kind::kNumber || b.kind() == Value::Kind::kNumber;
  if (numeric && NumberOf(a, x) && NumberOf(b, y)) return x < y ? -1 : (x > y ? 1 : 0);
  if (a.is_string_like() && b.is_string_like()) {
    int c = a.text().compare(b.text());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return std::nullopt;
}

// A strict weak order for sorted: numbers (by value), then text (by characters), then
// everything else (unordered among itself).
bool SortsBefore(const Value& a, const Value& b) {
  auto rank = [](const Value& v) {
    return v.kind() == Value::Kind::kNumber ? 0 : (v.is_string_like() ? 1 : 2);
  };
  int ra = rank(a), rb = rank(b);
  if (ra != rb) return ra < rb;
  if (ra == 0) return a.number() < b.number();
  if (ra == 1) return a.text() < b.text();
  return false;
}

bool Contains(const Value& haystack, const Value& needle) {
  if (haystack.kind() == Value::Kind::kList) {
    for (const Value& item : haystack.list())
      if (item == needle) return true;
    return false;
  }
  if (haystack.is_string_like() && !needle.is_null() && needle.kind() != Value::Kind::kList &&
      needle.kind() != Value::Kind::kMap)
    return haystack.text().find(needle.is_string_like() ? needle.text() : needle.ToText()) !=
           std::string::npos;
  return false;
}

Value Field(const Value& v, std::string_view name) {
  if (const Value* f = v.Field(name)) return *f;
  return PseudoField(v, name);
}

Value Arithmetic(Node::Kind kind, const Value& a, const Value& b) {
  double x = 0, y = 0;
  if (!NumberOf(a, x) || !NumberOf(b, y)) return Value();
  switch (kind) {
    case Node::Kind::kSubtract: return Value::Number(x - y);
    case Node::Kind::kMultiply: return Value::Number(x * y);
    case Node::Kind::kDivide: return y == 0 ? Value() : Value::Number(x / y);
    case Node::Kind::kModulo: return y == 0 ? Value() : Value::Number(std::fmod(x, y));
    default: return Value();
  }
}

Value Add(const Value& a, const Value& b) {
  if (a.kind() == Value::Kind::kNumber && b.kind() == Value::Kind::kNumber)
    return Value::Number(a.number() + b.number());
  std::string joined = a.ToText();
  joined += b.ToText();
  if (a.kind() == Value::Kind::kHtml && b.kind() == Value::Kind::kHtml)
    return Value::Html(std::move(joined));
  return Value::String(std::move(joined));
}

// A name's value: the scope's binding, then its fields walked by pointer; only a
// pseudo-field (.size, .first …) makes a new value, in `holder`.
const Value& Lookup(const Node& n, const Scope& scope, Value& holder) {
  static const Value kNull;
  const Value* v = scope.Lookup(n.names[0]);
  if (v == nullptr) return kNull;
  for (size_t i = 1; i < n.names.size(); ++i) {
    if (const Value* f = v->Field(n.names[i])) {
      v = f;
      continue;
    }
    holder = PseudoField(*v, n.names[i]);
    for (++i; i < n.names.size(); ++i) holder = Field(holder, n.names[i]);
    return holder;
  }
  return *v;
}

class Evaluator {
 public:
  explicit Evaluator(Budget& budget) : budget_(budget) {}

  bool exhausted() const { return exhausted_; }

  // The value of `n`, by reference when it already exists (a literal, a bound name or
  // one of its fields), so that testing or comparing it copies nothing; otherwise
  // evaluated into `holder`.
  const Value& Ref(const Node& n, const Scope& scope, Value& holder) {
    if (n.kind != Node::Kind::kLiteral && n.kind != Node::Kind::kName) {
      holder = Eval(n, scope);
      return holder;
    }
    if (exhausted_ || !budget_.Take()) {
      exhausted_ = true;
      return holder;
    }
    return n.kind == Node::Kind::kLiteral ? n.literal : Lookup(n, scope, holder);
  }

  Value Eval(const Node& n, const Scope& scope) {
    if (exhausted_ || !budget_.Take()) {
      exhausted_ = true;
      return Value();
    }
    switch (n.kind) {
      case Node::Kind::kLiteral: return n.literal;
      case Node::Kind::kName: {
        Value holder;
        return Lookup(n, scope, holder);
      }
      case Node::Kind::kMember: return Field(Eval(*n.kids[0], scope), n.names[0]);
      case Node::Kind::kIndex: {
        Value base = Eval(*n.kids[0], scope);
        Value index = Eval(*n.kids[1], scope);
        if (base.kind() == Value::Kind::kList && index.kind() == Value::Kind::kNumber) {
          double i = index.number();
          const List& items = base.list();
          if (i >= 0 && i < static_cast<double>(items.size()) && i == std::floor(i))
            return items[static_cast<size_t>(i)];
          return Value();
        }
        if (index.is_string_like()) return Field(base, index.text());
        return Value();
      }
      case Node::Kind::kList: {
        List items;
        items.reserve(n.kids.size());
        for (const auto& kid : n.kids) items.push_back(Eval(*kid, scope));
        return Value::OfList(std::move(items));
      }
      case Node::Kind::kMap: {
        Map fields;
        for (size_t i = 0; i < n.kids.size(); ++i) fields.Set(n.names[i], Eval(*n.kids[i], scope));
        return Value::OfMap(std::move(fields));
      }
      case Node::Kind::kNot: return Value::Boolean(!Truthy(*n.kids[0], scope));
      case Node::Kind::kNegate: {
        double x = 0;
        return NumberOf(Eval(*n.kids[0], scope), x) ? Value::Number(-x) : Value();
      }
      case Node::Kind::kAnd:
        return Value::Boolean(Truthy(*n.kids[0], scope) && Truthy(*n.kids[1], scope));
      case Node::Kind::kOr:
        return Value::Boolean(Truthy(*n.kids[0], scope) || Truthy(*n.kids[1], scope));
      case Node::Kind::kTernary:
        return Truthy(*n.kids[0], scope) ? Eval(*n.kids[1], scope) : Eval(*n.kids[2], scope);
      case Node::Kind::kElvis: {
        Value holder;
        const Value& first = Ref(*n.kids[0], scope, holder);
        return first.Truthy() ? first : Eval(*n.kids[1], scope);
      }
      case Node::Kind::kEqual:
      case Node::Kind::kNotEqual:
      case Node::Kind::kLess:
      case Node::Kind::kGreater:
      case Node::Kind::kLessEqual:
      case Node::Kind::kGreaterEqual: return Value::Boolean(Compare(n, scope));
      case Node::Kind::kAdd: return Add(Eval(*n.kids[0], scope), Eval(*n.kids[1], scope));
      case Node::Kind::kSubtract:
      case Node::Kind::kMultiply:
      case Node::Kind::kDivide:
      case Node::Kind::kModulo:
        return Arithmetic(n.kind, Eval(*n.kids[0], scope), Eval(*n.kids[1], scope));
      case Node::Kind::kIn:
      case Node::Kind::kNotIn:
      case Node::Kind::kContains:
      case Node::Kind::kNotContains: {
        Value left_holder, right_holder;
        const Value& left = Ref(*n.kids[0], scope, left_holder);
        const Value& right = Ref(*n.kids[1], scope, right_holder);
        switch (n.kind) {
          case Node::Kind::kIn: return Value::Boolean(Contains(right, left));
          case Node::Kind::kNotIn: return Value::Boolean(!Contains(right, left));
          case Node::Kind::kContains: return Value::Boolean(Contains(left, right));
          default: return Value::Boolean(!Contains(left, right));
        }
      }
      case Node::Kind::kLambda: return Lambda(n, scope);
      case Node::Kind::kSlice: {
        Value base = Eval(*n.kids[0], scope);
        double count = 0;
        if (!NumberOf(Eval(*n.kids[1], scope), count) || base.kind() != Value::Kind::kList)
          return Value::OfList({});
        const List& items = base.list();
        size_t k = count <= 0 ? 0 : std::min(items.size(), static_cast<size_t>(count));
        if (n.slice == SliceOp::kTake) {
          if (k == items.size()) return base;
          return Value::OfList(List(items.begin(), items.begin() + static_cast<ptrdiff_t>(k)));
        }
        if (k == 0) return base;
        return Value::OfList(List(items.begin() + static_cast<ptrdiff_t>(k), items.end()));
      }
      case Node::Kind::kCall: {
        std::vector<Value> args;
        args.reserve(n.kids.size());
        for (const auto& kid : n.kids) args.push_back(Eval(*kid, scope));
        return CallFunction(n.function, args);
      }
    }
    return Value();
  }

 private:
  bool Truthy(const Node& n, const Scope& scope) {
    Value holder;
    return Ref(n, scope, holder).Truthy();
  }

  bool Compare(const Node& n, const Scope& scope) {
    Value left_holder, right_holder;
    const Value& left = Ref(*n.kids[0], scope, left_holder);
    const Value& right = Ref(*n.kids[1], scope, right_holder);
    if (n.kind == Node::Kind::kEqual) return left == right;
    if (n.kind == Node::Kind::kNotEqual) return !(left == right);
    std::optional<int> o = Order(left, right);
    if (!o) return false;
    switch (n.kind) {
      case Node::Kind::kLess: return *o < 0;
      case Node::Kind::kGreater: return *o > 0;
      case Node::Kind::kLessEqual: return *o <= 0;
      default: return *o >= 0;
    }
  }

  Value Lambda(const Node& n, const Scope& scope) {
    Value holder;
    const Value& base = Ref(*n.kids[0], scope, holder);
    static const List kEmpty;
    const List& items = base.kind() == Value::Kind::kList ? base.list() : kEmpty;
    const Node& body = *n.kids[1];
    LambdaScope inner(scope, n.names);
    auto value = [&](size_t i) {
      inner.Bind(&items[i], static_cast<double>(i));
      return Eval(body, inner);
    };
    auto test = [&](size_t i) {
      inner.Bind(&items[i], static_cast<double>(i));
      return Truthy(body, inner);
    };
    switch (n.lambda) {
      case LambdaOp::kFilter: {
        List kept;
        for (size_t i = 0; i < items.size() && !exhausted_; ++i)
          if (test(i)) kept.push_back(items[i]);
        if (kept.size() == items.size() && base.kind() == Value::Kind::kList) return base;
        return Value::OfList(std::move(kept));
      }
      case LambdaOp::kMap: {
        List mapped;
        mapped.reserve(items.size());
        for (size_t i = 0; i < items.size() && !exhausted_; ++i) mapped.push_back(value(i));
        return Value::OfList(std::move(mapped));
      }
      case LambdaOp::kAny:
        for (size_t i = 0; i < items.size() && !exhausted_; ++i)
          if (test(i)) return Value::Boolean(true);
        return Value::Boolean(false);
      case LambdaOp::kAll:
        for (size_t i = 0; i < items.size() && !exhausted_; ++i)
          if (!test(i)) return Value::Boolean(false);
        return Value::Boolean(true);
      case LambdaOp::kNone:
        for (size_t i = 0; i < items.size() && !exhausted_; ++i)
          if (test(i)) return Value::Boolean(false);
        return Value::Boolean(true);
      case LambdaOp::kCount: {
        double count = 0;
        for (size_t i = 0; i < items.size() && !exhausted_; ++i)
          if (test(i)) ++count;
        return Value::Number(count);
      }
      case LambdaOp::kFirst:
        for (size_t i = 0; i < items.size() && !exhausted_; ++i)
          if (test(i)) return items[i];
        return Value();
      case LambdaOp::kSorted: {
        // Sorted by the lambda's value: numbers, then text, then the rest in their order.
        std::vector<std::pair<Value, size_t>> keyed;
        keyed.reserve(items.size());
        for (size_t i = 0; i < items.size() && !exhausted_; ++i) keyed.emplace_back(value(i), i);
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
          return SortsBefore(a.first, b.first);
        });
        List sorted;
        sorted.reserve(keyed.size());
        for (const auto& [key, i] : keyed) sorted.push_back(items[i]);
        return Value::OfList(std::move(sorted));
      }
    }
    return Value();
  }

  Budget& budget_;
  bool exhausted_ = false;
};

}  // namespace

Result<Value> Expression::Evaluate(const Scope& scope, Budget& budget) const {
  if (!root_) return Value();
  Evaluator evaluator(budget);
  Value v = evaluator.Eval(*root_, scope);
  if (evaluator.exhausted())
    return Status::InvalidArgument("the page's step budget was spent while evaluating \"" +
                                   source() + "\"");
  return v;
}

}  // namespace samizdat::blogger
