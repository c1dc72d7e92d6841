// Expression::Parse: the lexer and the precedence-climbing parser of the theme
// expression language, producing the Node tree of expr_node.h.
#include <algorithm>
#include <charconv>
#include <optional>
#include <utility>
#include <vector>

#include "blogger/expr_node.h"

namespace samizdat::blogger {
namespace {

using Node = Expression::Node;
using NodePtr = std::unique_ptr<Node>;

struct Token {
  enum class Kind { kEnd, kNumber, kString, kName, kPunct };
  Kind kind = Kind::kEnd;
  std::string_view text;  // the name (without data:), the punctuation, the number
  std::string value;      // a string literal's characters, escapes resolved
  bool data_prefix = false;
  size_t offset = 0;
};

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

struct Infix {
  std::string_view word;
  int precedence;
};

// Binding strengths, loosest first.
constexpr int kTernaryLevel = 1;
constexpr int kOrLevel = 2;
constexpr int kAndLevel = 3;
constexpr int kCompareLevel = 4;
constexpr int kListLevel = 5;  // lambda operators, take/skip, the URL operators
constexpr int kAddLevel = 6;
constexpr int kMultiplyLevel = 7;
constexpr int kUnaryLevel = 8;

// How deeply an expression may nest: far beyond any theme's, and shallow enough that
// parsing and evaluating it never run out of stack.
constexpr int kMaxDepth = 200;

struct FunctionInfo {
  std::string_view name;
  Function function;
  size_t min_args;
  size_t max_args;
};

constexpr FunctionInfo kFunctions[] = {
    {"snippet", Function::kSnippet, 1, 2},
    {"resizeImage", Function::kResizeImage, 2, 3},
    {"sizeImage", Function::kSizeImage, 2, 2},
    {"sourceSet", Function::kSourceSet, 2, 3},
    {"html", Function::kHtml, 1, 1},
    {"jsonEscaped", Function::kJsonEscaped, 1, 1},
    {"path", Function::kPath, 2, 2},
    {"params", Function::kParams, 2, 2},
    {"appendParams", Function::kAppendParams, 2, 2},
    {"fragment", Function::kFragment, 2, 2},
    {"format", Function::kFormat, 2, 2},
};

const FunctionInfo* FindFunction(std::string_view name) {
  for (const FunctionInfo& f : kFunctions)
    if (f.name == name) return &f;
  return nullptr;
}

std::optional<LambdaOp> FindLambdaOp(std::string_view w) {
  if (w == "filter" || w == "where") return LambdaOp::kFilter;
  if (w == "map" || w == "select") return LambdaOp::kMap;
  if (w == "any") return LambdaOp::kAny;
  if (w == "all") return LambdaOp::kAll;
  if (w == "none") return LambdaOp::kNone;
  if (w == "count") return LambdaOp::kCount;
  if (w == "first") return LambdaOp::kFirst;
  if (w == "sorted") return LambdaOp::kSorted;
  return std::nullopt;
}

class Parser {
 public:
  Parser(std::string_view source, Position at) : src_(source), at_(at) {
    for (size_t i = 0; i < src_.size(); ++i)
      if (src_[i] == '\n') newlines_.push_back(i);
  }

  Result<NodePtr> ParseAll() {
    if (Status s = Advance(); !s.ok()) return s;
    auto root = ParseExpression(kTernaryLevel);
    if (!root.ok()) return root.status();
    if (tok_.kind != Token::Kind::kEnd)
      return Error(tok_.offset, "unexpected '" + std::string(TokenText()) + "'");
    return std::move(root).value();
  }

 private:
  Position PositionOf(size_t offset) const {
    // The newlines before `offset`, the last of them starting the line it is on.
    auto after = std::lower_bound(newlines_.begin(), newlines_.end(), offset);
    if (after == newlines_.begin()) return {at_.line, at_.column + static_cast<int>(offset)};
    return {at_.line + static_cast<int>(after - newlines_.begin()),
            static_cast<int>(offset - *(after - 1))};
  }

  Status Error(size_t offset, std::string_view message) const {
    return Status::InvalidArgument(ToString(PositionOf(offset)) + ": " + std::string(message) +
                                   " in expression \"" + std::string(src_) + "\"");
  }

  // The current token as written (data:b, "text"), cut short if long.
  std::string_view TokenText() const {
    if (tok_.kind == Token::Kind::kEnd) return "end of expression";
    return src_.substr(tok_.offset, std::min<size_t>(pos_ - tok_.offset, 24));
  }

  bool IsPunct(std::string_view p) const {
    return tok_.kind == Token::Kind::kPunct && tok_.text == p;
  }
  bool IsWord(std::string_view w) const {
    return tok_.kind == Token::Kind::kName && !tok_.data_prefix && tok_.text == w;
  }

  // Reads the next token into tok_.
  Status Advance() {
    while (pos_ < src_.size() &&
           (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\n' || src_[pos_] == '\r'))
      ++pos_;
    tok_ = Token{};
    tok_.offset = pos_;
    if (pos_ >= src_.size()) return Status::Ok();
    char c = src_[pos_];
    if (IsDigit(c) || (c == '.' && pos_ + 1 < src_.size() && IsDigit(src_[pos_ + 1]))) {
      size_t start = pos_;
      while (pos_ < src_.size() && (IsDigit(src_[pos_]) || src_[pos_] == '.')) ++pos_;
      tok_.kind = Token::Kind::kNumber;
      tok_.text = src_.substr(start, pos_ - start);
      return Status::Ok();
    }
    if (c == '"' || c == '\'') return LexString(c);
    if (IsNameStart(c)) {
      size_t start = pos_;
      while (pos_ < src_.size() &&
             (IsNameChar(src_[pos_]) ||
              (src_[pos_] == '-' && pos_ + 1 < src_.size() && IsNameStart(src_[pos_ + 1]))))
        ++pos_;
      std::string_view word = src_.substr(start, pos_ - start);
      if (word == "data" && pos_ + 1 < src_.size() && src_[pos_] == ':' &&
          IsNameStart(src_[pos_ + 1])) {
        tok_.data_prefix = true;
        start = ++pos_;
        while (pos_ < src_.size() &&
               (IsNameChar(src_[pos_]) ||
                (src_[pos_] == '-' && pos_ + 1 < src_.size() && IsNameStart(src_[pos_ + 1]))))
          ++pos_;
        word = src_.substr(start, pos_ - start);
      }
      tok_.kind = Token::Kind::kName;
      tok_.text = word;
      return Status::Ok();
    }
    static constexpr std::string_view kTwo[] = {"==", "!=", "<=", ">=", "&&", "||", "=>"};
    for (std::string_view two : kTwo) {
      if (src_.substr(pos_, 2) == two) {
        tok_.kind = Token::Kind::kPunct;
        tok_.text = src_.substr(pos_, 2);
        pos_ += 2;
        return Status::Ok();
      }
    }
    static constexpr std::string_view kOne = "()[]{},.:?!<>+-*/%";
    if (kOne.find(c) != std::string_view::npos) {
      tok_.kind = Token::Kind::kPunct;
      tok_.text = src_.substr(pos_++, 1);
      return Status::Ok();
    }
    return Error(pos_, "unexpected character '" + std::string(1, c) + "'");
  }

  Status LexString(char quote) {
    size_t start = pos_++;
    std::string value;
    while (pos_ < src_.size() && src_[pos_] != quote) {
      char c = src_[pos_++];
      if (c == '\\' && pos_ < src_.size()) {
        char e = src_[pos_++];
        switch (e) {
          case 'n': value += '\n'; break;
          case 't': value += '\t'; break;
          case 'r': value += '\r'; break;
          default: value += e; break;  // \" \' \\ and any other character as itself
        }
      } else {
        value += c;
      }
    }
    if (pos_ >= src_.size()) return Error(start, "unclosed string");
    ++pos_;
    tok_.kind = Token::Kind::kString;
    tok_.value = std::move(value);
    tok_.offset = start;
    return Status::Ok();
  }

  NodePtr Make(Node::Kind kind, size_t offset) {
    auto n = std::make_unique<Node>();
    n->kind = kind;
    n->at = PositionOf(offset);
    return n;
  }

  // Makes `kid` a child of `parent`, keeping parent.depth.
  void Adopt(Node& parent, NodePtr kid) {
    parent.depth = std::max(parent.depth, kid->depth + 1);
    if (parent.depth > kMaxDepth) too_deep_ = true;
    parent.kids.push_back(std::move(kid));
  }

  NodePtr Binary(Node::Kind kind, size_t offset, NodePtr left, NodePtr right) {
    NodePtr n = Make(kind, offset);
    Adopt(*n, std::move(left));
    Adopt(*n, std::move(right));
    return n;
  }

  Status Expect(std::string_view punct) {
    if (!IsPunct(punct))
      return Error(tok_.offset, "expected '" + std::string(punct) + "' but found '" +
                                    std::string(TokenText()) + "'");
    return Advance();
  }

  // Parses an expression whose operators all bind at least as tightly as `level`.
  Result<NodePtr> ParseExpression(int level) {
    if (++nesting_ > kMaxDepth) return Error(tok_.offset, "expression nested too deeply");
    auto result = ParseExpressionAt(level);
    --nesting_;
    if (too_deep_ && result.ok()) return Error(0, "expression nested too deeply");
    return result;
  }

  Result<NodePtr> ParseExpressionAt(int level) {
    auto left_or = ParseUnary();
    if (!left_or.ok()) return left_or.status();
    NodePtr left = std::move(left_or).value();
    while (true) {
      size_t offset = tok_.offset;
      // ?: and a ? b : c (right-associative, loosest).
      if (IsPunct("?") && level <= kTernaryLevel) {
        SAMIZDAT_RETURN_IF_ERROR(Advance());
        if (IsPunct(":")) {
          SAMIZDAT_RETURN_IF_ERROR(Advance());
          auto right = ParseExpression(kTernaryLevel);
          if (!right.ok()) return right.status();
          left = Binary(Node::Kind::kElvis, offset, std::move(left), std::move(right).value());
          continue;
        }
        auto then = ParseExpression(kTernaryLevel);
        if (!then.ok()) return then.status();
        SAMIZDAT_RETURN_IF_ERROR(Expect(":"));
        auto otherwise = ParseExpression(kTernaryLevel);
        if (!otherwise.ok()) return otherwise.status();
        NodePtr n = Binary(Node::Kind::kTernary, offset, std::move(left), std::move(then).value());
        Adopt(*n, std::move(otherwise).value());
        left = std::move(n);
        continue;
      }
      std::optional<Node::Kind> kind;
      int op_level = 0;
      bool word = tok_.kind == Token::Kind::kName && !tok_.data_prefix;
      std::string_view t = tok_.text;
      if (IsPunct("||") || (word && t == "or"))
        kind = Node::Kind::kOr, op_level = kOrLevel;
      else if (IsPunct("&&") || (word && t == "and"))
        kind = Node::Kind::kAnd, op_level = kAndLevel;
      else if (IsPunct("==") || (word && t == "eq"))
        kind = Node::Kind::kEqual, op_level = kCompareLevel;
      else if (IsPunct("!=") || (word && t == "neq"))
        kind = Node::Kind::kNotEqual, op_level = kCompareLevel;
      else if (IsPunct("<") || (word && t == "lt"))
        kind = Node::Kind::kLess, op_level = kCompareLevel;
      else if (IsPunct(">") || (word && t == "gt"))
        kind = Node::Kind::kGreater, op_level = kCompareLevel;
      else if (IsPunct("<=") || (word && t == "le"))
        kind = Node::Kind::kLessEqual, op_level = kCompareLevel;
      else if (IsPunct(">=") || (word && t == "ge"))
        kind = Node::Kind::kGreaterEqual, op_level = kCompareLevel;
      else if (word && t == "in")
        kind = Node::Kind::kIn, op_level = kCompareLevel;
      else if (word && t == "contains")
        kind = Node::Kind::kContains, op_level = kCompareLevel;
      else if (word && t == "not")
        op_level = kCompareLevel;  // not in, not contains
      else if (IsPunct("+"))
        kind = Node::Kind::kAdd, op_level = kAddLevel;
      else if (IsPunct("-"))
        kind = Node::Kind::kSubtract, op_level = kAddLevel;
      else if (IsPunct("*"))
        kind = Node::Kind::kMultiply, op_level = kMultiplyLevel;
      else if (IsPunct("/"))
        kind = Node::Kind::kDivide, op_level = kMultiplyLevel;
      else if (IsPunct("%"))
        kind = Node::Kind::kModulo, op_level = kMultiplyLevel;
      else if (word && (FindLambdaOp(t) || t == "take" || t == "limit" || t == "skip" ||
                        t == "fragment" || t == "path" || t == "params" || t == "appendParams"))
        op_level = kListLevel;
      if (op_level == 0 || op_level < level) return left;

      if (word && t == "not") {
        SAMIZDAT_RETURN_IF_ERROR(Advance());
        if (IsWord("in"))
          kind = Node::Kind::kNotIn;
        else if (IsWord("contains"))
          kind = Node::Kind::kNotContains;
        else
          return Error(tok_.offset, "expected 'in' or 'contains' after 'not'");
      } else if (op_level == kListLevel) {
        auto n = ParseListOperator(std::move(left));
        if (!n.ok()) return n.status();
        left = std::move(n).value();
        continue;
      }
      SAMIZDAT_RETURN_IF_ERROR(Advance());
      auto right = ParseExpression(op_level + 1);
      if (!right.ok()) return right.status();
      left = Binary(*kind, offset, std::move(left), std::move(right).value());
    }
  }

  // LEFT filter (x => …), LEFT take N, LEFT fragment "x", with tok_ on the operator.
  Result<NodePtr> ParseListOperator(NodePtr left) {
    size_t offset = tok_.offset;
    std::string_view word = tok_.text;
    SAMIZDAT_RETURN_IF_ERROR(Advance());
    if (auto op = FindLambdaOp(word)) {
      NodePtr n = Make(Node::Kind::kLambda, offset);
      n->lambda = *op;
      Adopt(*n, std::move(left));
      bool parenthesized = IsPunct("(");
      if (parenthesized) SAMIZDAT_RETURN_IF_ERROR(Advance());
      // (x => …), (x, i) => …, ((x) => …) and x => … all occur.
      bool params_parenthesized = IsPunct("(");
      if (params_parenthesized) SAMIZDAT_RETURN_IF_ERROR(Advance());
      while (true) {
        if (tok_.kind != Token::Kind::kName || tok_.data_prefix)
          return Error(tok_.offset, "expected a lambda (x => …) after '" + std::string(word) + "'");
        n->names.emplace_back(tok_.text);
        SAMIZDAT_RETURN_IF_ERROR(Advance());
        if (!(params_parenthesized || parenthesized) || !IsPunct(",") || n->names.size() == 2)
          break;
        SAMIZDAT_RETURN_IF_ERROR(Advance());
      }
      if (params_parenthesized) SAMIZDAT_RETURN_IF_ERROR(Expect(")"));
      if (!IsPunct("=>"))
        return Error(tok_.offset, "expected '=>' in the lambda after '" + std::string(word) + "'");
      SAMIZDAT_RETURN_IF_ERROR(Advance());
      if (tok_.kind == Token::Kind::kEnd || IsPunct(")"))
        return Error(tok_.offset, "the lambda after '" + std::string(word) + "' has no body");
      auto body = ParseExpression(kTernaryLevel);
      if (!body.ok()) return body.status();
      Adopt(*n, std::move(body).value());
      if (parenthesized) SAMIZDAT_RETURN_IF_ERROR(Expect(")"));
      return n;
    }
    auto right = ParseExpression(kListLevel + 1);
    if (!right.ok()) return right.status();
    if (word == "take" || word == "limit" || word == "skip") {
      NodePtr n = Binary(Node::Kind::kSlice, offset, std::move(left), std::move(right).value());
      n->slice = word == "skip" ? SliceOp::kSkip : SliceOp::kTake;
      return n;
    }
    NodePtr n = Binary(Node::Kind::kCall, offset, std::move(left), std::move(right).value());
    n->function = FindFunction(word)->function;
    return n;
  }

  Result<NodePtr> ParseUnary() {
    size_t offset = tok_.offset;
    if (IsPunct("!") || IsWord("not")) {
      SAMIZDAT_RETURN_IF_ERROR(Advance());
      auto operand = ParseExpression(kUnaryLevel);
      if (!operand.ok()) return operand.status();
      NodePtr n = Make(Node::Kind::kNot, offset);
      Adopt(*n, std::move(operand).value());
      return n;
    }
    if (IsPunct("-")) {
      SAMIZDAT_RETURN_IF_ERROR(Advance());
      auto operand = ParseExpression(kUnaryLevel);
      if (!operand.ok()) return operand.status();
      NodePtr inner = std::move(operand).value();
      if (inner->kind == Node::Kind::kLiteral && inner->literal.kind() == Value::Kind::kNumber) {
        inner->literal = Value::Number(-inner->literal.number());
        inner->at = PositionOf(offset);
        return inner;
      }
      NodePtr n = Make(Node::Kind::kNegate, offset);
      Adopt(*n, std::move(inner));
      return n;
    }
    auto primary = ParsePrimary();
    if (!primary.ok()) return primary.status();
    return ParsePostfix(std::move(primary).value());
  }

  Result<NodePtr> ParsePostfix(NodePtr left) {
    while (true) {
      size_t offset = tok_.offset;
      if (IsPunct(".")) {
        SAMIZDAT_RETURN_IF_ERROR(Advance());
        if (tok_.kind != Token::Kind::kName || tok_.data_prefix)
          return Error(tok_.offset, "expected a field name after '.'");
        if (left->kind == Node::Kind::kName) {
          left->names.emplace_back(tok_.text);
        } else {
          NodePtr n = Make(Node::Kind::kMember, offset);
          n->names.emplace_back(tok_.text);
          Adopt(*n, std::move(left));
          left = std::move(n);
        }
        SAMIZDAT_RETURN_IF_ERROR(Advance());
      } else if (IsPunct("[")) {
        SAMIZDAT_RETURN_IF_ERROR(Advance());
        auto index = ParseExpression(kTernaryLevel);
        if (!index.ok()) return index.status();
        SAMIZDAT_RETURN_IF_ERROR(Expect("]"));
        left = Binary(Node::Kind::kIndex, offset, std::move(left), std::move(index).value());
      } else {
        return left;
      }
    }
  }

  Result<NodePtr> ParsePrimary() {
    size_t offset = tok_.offset;
    switch (tok_.kind) {
      case Token::Kind::kEnd: return Error(offset, "expression ends where a value was expected");
      case Token::Kind::kNumber: {
        double n = 0;
        auto [end, error] =
            std::from_chars(tok_.text.data(), tok_.text.data() + tok_.text.size(), n);
        if (error != std::errc() || end != tok_.text.data() + tok_.text.size())
          return Error(offset, "malformed number '" + std::string(tok_.text) + "'");
        NodePtr node = Make(Node::Kind::kLiteral, offset);
        node->literal = Value::Number(n);
        SAMIZDAT_RETURN_IF_ERROR(Advance());
        return node;
      }
      case Token::Kind::kString: {
        NodePtr node = Make(Node::Kind::kLiteral, offset);
        node->literal = Value::String(std::move(tok_.value));
        SAMIZDAT_RETURN_IF_ERROR(Advance());
        return node;
      }
      case Token::Kind::kName: return ParseName();
      case Token::Kind::kPunct: break;
    }
    if (IsPunct("(")) {
      SAMIZDAT_RETURN_IF_ERROR(Advance());
      auto inner = ParseExpression(kTernaryLevel);
      if (!inner.ok()) return inner.status();
      if (!IsPunct(")")) return Error(offset, "unclosed '('");
      SAMIZDAT_RETURN_IF_ERROR(Advance());
      return inner;
    }
    if (IsPunct("[")) {
      NodePtr list = Make(Node::Kind::kList, offset);
      SAMIZDAT_RETURN_IF_ERROR(Advance());
      while (!IsPunct("]")) {
        if (tok_.kind == Token::Kind::kEnd) return Error(offset, "unclosed '['");
        auto item = ParseExpression(kTernaryLevel);
        if (!item.ok()) return item.status();
        Adopt(*list, std::move(item).value());
        if (IsPunct(","))
          SAMIZDAT_RETURN_IF_ERROR(Advance());
        else if (tok_.kind == Token::Kind::kEnd)
          return Error(offset, "unclosed '['");
        else if (!IsPunct("]"))
          return Error(tok_.offset, "expected ',' or ']' in a list");
      }
      SAMIZDAT_RETURN_IF_ERROR(Advance());
      return list;
    }
    if (IsPunct("{")) return ParseBraces(offset);
    return Error(offset, "unexpected '" + std::string(TokenText()) + "'");
  }

  // {name: value, "name": value} is a map; {"a", "b"} (the older themes' set) a list.
  Result<NodePtr> ParseBraces(size_t offset) {
    SAMIZDAT_RETURN_IF_ERROR(Advance());
    NodePtr node = Make(Node::Kind::kMap, offset);
    bool first = true;
    while (!IsPunct("}")) {
      if (tok_.kind == Token::Kind::kEnd) return Error(offset, "unclosed '{'");
      size_t item_offset = tok_.offset;
      auto item = ParseExpression(kTernaryLevel);
      if (!item.ok()) return item.status();
      NodePtr value = std::move(item).value();
      bool keyed = IsPunct(":");
      if (first && !keyed) node->kind = Node::Kind::kList;
      first = false;
      if (node->kind == Node::Kind::kMap) {
        if (!keyed) return Error(tok_.offset, "expected ':' after a map's field name");
        if (value->kind == Node::Kind::kName && value->names.size() == 1)
          node->names.push_back(value->names[0]);
        else if (value->kind == Node::Kind::kLiteral &&
                 value->literal.kind() == Value::Kind::kString)
          node->names.push_back(value->literal.text());
        else
          return Error(item_offset, "expected a field name in a map");
        SAMIZDAT_RETURN_IF_ERROR(Advance());
        auto field = ParseExpression(kTernaryLevel);
        if (!field.ok()) return field.status();
        value = std::move(field).value();
      }
      Adopt(*node, std::move(value));
      if (IsPunct(","))
        SAMIZDAT_RETURN_IF_ERROR(Advance());
      else if (tok_.kind == Token::Kind::kEnd)
        return Error(offset, "unclosed '{'");
      else if (!IsPunct("}"))
        return Error(tok_.offset, "expected ',' or '}'");
    }
    SAMIZDAT_RETURN_IF_ERROR(Advance());
    return node;
  }

  // A name, a keyword literal or a function call.
  Result<NodePtr> ParseName() {
    size_t offset = tok_.offset;
    std::string_view word = tok_.text;
    bool prefixed = tok_.data_prefix;
    SAMIZDAT_RETURN_IF_ERROR(Advance());
    if (!prefixed) {
      if (word == "true" || word == "false") {
        NodePtr n = Make(Node::Kind::kLiteral, offset);
        n->literal = Value::Boolean(word == "true");
        return n;
      }
      if (word == "null") return Make(Node::Kind::kLiteral, offset);
      if (IsPunct("(")) {
        const FunctionInfo* f = FindFunction(word);
        if (f == nullptr) return Error(offset, "unknown function '" + std::string(word) + "'");
        NodePtr call = Make(Node::Kind::kCall, offset);
        call->function = f->function;
        SAMIZDAT_RETURN_IF_ERROR(Advance());
        while (!IsPunct(")")) {
          if (tok_.kind == Token::Kind::kEnd)
            return Error(offset, "unclosed '(' of " + std::string(word) + "()");
          auto arg = ParseExpression(kTernaryLevel);
          if (!arg.ok()) return arg.status();
          Adopt(*call, std::move(arg).value());
          if (IsPunct(","))
            SAMIZDAT_RETURN_IF_ERROR(Advance());
          else if (!IsPunct(")"))
            return Error(tok_.offset,
                         "expected ',' or ')' in the arguments of " + std::string(word) + "()");
        }
        SAMIZDAT_RETURN_IF_ERROR(Advance());
        if (call->kids.size() < f->min_args || call->kids.size() > f->max_args)
          return Error(
              offset, std::string(word) + "() takes " + std::to_string(f->min_args) +
                          (f->max_args != f->min_args ? " to " + std::to_string(f->max_args) : "") +
                          " arguments, not " + std::to_string(call->kids.size()));
        return call;
      }
    }
    NodePtr n = Make(Node::Kind::kName, offset);
    n->names.emplace_back(word);
    return n;
  }

  std::string_view src_;
  Position at_;
  std::vector<size_t> newlines_;  // offsets of the source's newlines
  size_t pos_ = 0;
  Token tok_;
  int nesting_ = 0;
  bool too_deep_ = false;
};

}  // namespace

std::string ToString(Position at) {
  return std::to_string(at.line) + ":" + std::to_string(at.column);
}

Result<Expression> Expression::Parse(std::string_view source, Position at) {
  Parser parser(source, at);
  auto root = parser.ParseAll();
  if (!root.ok()) return root.status();
  Expression e;
  e.root_ = std::shared_ptr<const Node>(std::move(root).value());
  e.source_ = std::make_shared<const std::string>(source);
  return e;
}

const std::string& Expression::source() const {
  static const std::string empty;
  return source_ ? *source_ : empty;
}

}  // namespace samizdat::blogger
