// TagPositions: a small state machine over the bytes of an XML document.
#include "transfer/tag_positions.h"

namespace samizdat::transfer {
namespace {

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsPrefix(std::string_view s, std::string_view of) { return of.substr(0, s.size()) == s; }

}  // namespace

void TagPositions::Feed(std::string_view bytes) {
  static constexpr unsigned char kBom[] = {0xEF, 0xBB, 0xBF};
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (fed_ < 3 && fed_ == bom_ && c == kBom[fed_]) {
      ++fed_;
      ++bom_;  // part of the byte order mark: no position
      continue;
    }
    ++fed_;
    Step(c);
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++pos_.column;
    }
  }
}

bool TagPositions::Take(Tag& tag) {
  if (queue_.empty()) return false;
  tag = std::move(queue_.front());
  queue_.pop_front();
  return true;
}

void TagPositions::Step(unsigned char c) {
  switch (state_) {
    case State::kText:
      if (c == '<') {
        tag_at_ = pos_;
        state_ = State::kLt;
      }
      return;
    case State::kLt:
      if (c == '/') {
        state_ = State::kEndTag;
      } else if (c == '?') {
        prev_ = 0;
        state_ = State::kPi;
      } else if (c == '!') {
        bang_.clear();
        state_ = State::kBang;
      } else {
        name_.assign(1, static_cast<char>(c));
        state_ = State::kStartName;
      }
      return;
    case State::kStartName:
      if (!IsSpace(c) && c != '/' && c != '>') {
        name_.push_back(static_cast<char>(c));
        return;
      }
      prev_ = 0;
      state_ = State::kStartTag;
      [[fallthrough]];
    case State::kStartTag:
      if (c == '"' || c == '\'') {
        quote_ = static_cast<char>(c);
        state_ = State::kStartQuote;
      } else if (c == '>') {
        queue_.push_back({name_, tag_at_});
        if (prev_ != '/') open_.push_back({name_, tag_at_});
        state_ = State::kText;
      } else {
        prev_ = c;
      }
      return;
    case State::kStartQuote:
      if (c == static_cast<unsigned char>(quote_)) {
        prev_ = c;
        state_ = State::kStartTag;
      }
      return;
    case State::kEndTag:
      if (c == '>') {
        if (!open_.empty()) open_.pop_back();
        state_ = State::kText;
      }
      return;
    case State::kBang:
      bang_.push_back(static_cast<char>(c));
      if (bang_ == "--") {
        prev_ = prev2_ = 0;
        state_ = State::kComment;
      } else if (bang_ == "[CDATA[") {
        prev_ = prev2_ = 0;
        state_ = State::kCData;
      } else if (!IsPrefix(bang_, "--") && !IsPrefix(bang_, "[CDATA[")) {
        decl_depth_ = 0;
        state_ = State::kDecl;
        Step(c);
      }
      return;
    case State::kComment:
    case State::kCData: {
      const unsigned char closer = state_ == State::kComment ? '-' : ']';
      if (c == '>' && prev_ == closer && prev2_ == closer) {
        state_ = State::kText;
      } else {
        prev2_ = prev_;
        prev_ = c;
      }
      return;
    }
    case State::kPi:
      if (c == '>' && prev_ == '?') {
        state_ = State::kText;
      } else {
        prev_ = c;
      }
      return;
    case State::kDecl:
      if (c == '"' || c == '\'') {
        quote_ = static_cast<char>(c);
        state_ = State::kDeclQuote;
      } else if (c == '[') {
        ++decl_depth_;
      } else if (c == ']') {
        --decl_depth_;
      } else if (c == '>' && decl_depth_ <= 0) {
        state_ = State::kText;
      }
      return;
    case State::kDeclQuote:
      if (c == static_cast<unsigned char>(quote_)) state_ = State::kDecl;
      return;
  }
}

}  // namespace samizdat::transfer
