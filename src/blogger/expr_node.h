// The parsed form of an Expression, shared by the parser (expr_parse.cc), the
// evaluator (expr_eval.cc) and the named functions (expr_functions.cc). Internal to
// src/blogger; nothing outside it includes this header.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "blogger/expr.h"
#include "blogger/value.h"

namespace samizdat::blogger {

// The functions a theme may call, by name (f(a, b)) or, for the URL ones, as a binary
// operator (a fragment b).
enum class Function {
  kSnippet,
  kResizeImage,
  kSizeImage,
  kSourceSet,
  kHtml,
  kJsonEscaped,
  kPath,
  kParams,
  kAppendParams,
  kFragment,
  kFormat,
};

// The lambda operators: LIST op (x => body).
enum class LambdaOp { kFilter, kMap, kAny, kAll, kNone, kCount, kFirst, kSorted };

// The list operators that take a number: LIST take N.
enum class SliceOp { kTake, kSkip };

struct Expression::Node {
  enum class Kind {
    kLiteral,  // literal
    kName,     // names[0] looked up in the scope, then names[1..] as fields
    kMember,   // kids[0].names[0]
    kIndex,    // kids[0][kids[1]]
    kList,     // [kids...]
    kMap,      // {names[i]: kids[i]}
    kNot,      // !kids[0]
    kNegate,   // -kids[0]
    kAnd,      // kids[0] and kids[1]
    kOr,       // kids[0] or kids[1]
    kTernary,  // kids[0] ? kids[1] : kids[2]
    kElvis,    // kids[0] ?: kids[1]
    kEqual,
    kNotEqual,
    kLess,
    kGreater,
    kLessEqual,
    kGreaterEqual,
    kAdd,
    kSubtract,
    kMultiply,
    kDivide,
    kModulo,
    kIn,  // kids[0] in kids[1]
    kNotIn,
    kContains,  // kids[0] contains kids[1]
    kNotContains,
    kLambda,  // kids[0] lambda (names[0][, names[1]] => kids[1])
    kSlice,   // kids[0] slice kids[1]
    kCall,    // function(kids...)
  };

  Kind kind = Kind::kLiteral;
  Position at;
  int depth = 1;  // levels of nodes from here to the deepest leaf, bounded by Parse
  Value literal;
  // kName: the path segments; kMember: the field; kMap: the keys; kLambda: the
  // parameter names (item, then optionally index).
  std::vector<std::string> names;
  std::vector<std::unique_ptr<Node>> kids;
  LambdaOp lambda = LambdaOp::kFilter;
  SliceOp slice = SliceOp::kTake;
  Function function = Function::kSnippet;
};

// Evaluates a call of `function` on the already evaluated `args` (their count checked
// by the parser). Never fails: wrong kinds give null or the input unchanged.
Value CallFunction(Function function, const std::vector<Value>& args);

// The pseudo-fields every value answers when it has no such field of its own:
// .size .length .first .last .isEmpty of a list; .length .size .escaped .jsonEscaped
// .jsEscaped .cssEscaped .canonical of a string. Null when `name` is none of these.
Value PseudoField(const Value& value, std::string_view name);

}  // namespace samizdat::blogger
