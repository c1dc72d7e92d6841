// Expression: the expression language of Blogger themes, parsed once and evaluated
// per page: what expr:ATTR='…', cond='…', b:with value='…', b:loop values='…',
// b:eval expr='…', b:include data='…' and b:attr/b:class value='…' hold.
//
// The language: literals (numbers, "strings" and 'strings', true, false, null, lists
// [a, b], maps {name: value}); names (data:blog.title, data:posts, and bare names such
// as a lambda's parameter p or p.title); member access a.b and a["b"]; comparisons
// (== != < > <= >= and their word forms eq neq lt gt le ge); and/&&, or/||, not/!;
// ?: ; + (numbers add; anything joined to a string concatenates), - * / %; in [..] and
// not in; contains; the lambda operators LIST filter|map|any|all|none|count|first|
// where|sorted|take|skip|limit (x => …) (a lambda may be (x) => or (x, i) =>); and the
// functions the real themes call (snippet(), resizeImage(), sizeImage(), sourceSet(),
// html(), jsonEscaped(), path(), params(), appendParams(), fragment …). A list also
// answers .size, .length, .first, .last, .isEmpty; a string .size and .length.
// Names that are not bound read as null (Blogger's behaviour), never as an error.
//
// Errors: Parse refuses what Blogger's editor refuses (unbalanced brackets, an unknown
// operator or function, a lambda without a body) with InvalidArgument "LINE:COLUMN:
// message", the position being in the theme file (from `at`, counting the source's own
// newlines). Evaluate fails only when the budget is spent (InvalidArgument naming the
// limit) — a wrong kind gives null or false, never an error.
//
// Thread safety: an Expression is immutable after Parse; Evaluate may run on any
// number of threads at once, each with its own Scope and Budget.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "blogger/value.h"
#include "core/status.h"

namespace samizdat::blogger {

// A place in a theme file, 1-based.
struct Position {
  int line = 1;
  int column = 1;
};

// "LINE:COLUMN" (callers prefix the file name).
std::string ToString(Position at);

// The names an expression can read. data:NAME and a bare NAME both look NAME up here
// (the theme language's scopes: loop and with variables, include data, the widget's
// data, the page's globals); the evaluator then walks .field accesses itself.
class Scope {
 public:
  virtual ~Scope() = default;
  // The value bound to `name`, nullptr when unbound. The pointer stays valid while the
  // scope does.
  virtual const Value* Lookup(std::string_view name) const = 0;
};

// The work one page may do: every expression node evaluated and every template node
// rendered takes a step; when none are left the page fails rather than hanging a worker.
struct Budget {
  int64_t steps_left = 0;
  // Takes one step; false when the budget was already spent.
  bool Take() { return steps_left-- > 0; }
};

class Expression {
 public:
  Expression() = default;  // evaluates to null

  // Parses `source`, whose first character is at `at` in the theme file.
  static Result<Expression> Parse(std::string_view source, Position at);

  // The value, reading names from `scope`.
  Result<Value> Evaluate(const Scope& scope, Budget& budget) const;

  // The source as given to Parse, for error messages.
  const std::string& source() const;

  struct Node;  // the parsed tree, defined in expr_node.h

 private:
  std::shared_ptr<const Node> root_;
  std::shared_ptr<const std::string> source_;
};

}  // namespace samizdat::blogger
