// TagPositions: a small state machine over the bytes of an XML document.
#include "transfer/tag_positions.h"

#include <algorithm>
#include <cstring>

namespace samizdat::transfer {
namespace {

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsPrefix(std::string_view s, std::string_view of) { return of.substr(0, s.size()) == s; }

}  // namespace

void TagPositions::Feed(std::string_view bytes) {
  static constexpr unsigned char kBom[] = {0xEF, 0xBB, 0xBF};
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (fed_ < 3 && fed_ == bom_ && c == kBom[fed_]) {
      ++fed_;
      ++bom_;  // part of the byte order mark: no position
      ++i;
      continue;
    }
    // Most bytes are text, attribute values or comments, where only one byte matters,
    // or tag names and the space between attributes: jump to the byte that matters.
    if (state_ == State::kStartName || state_ == State::kStartTag) {
      std::size_t end = i;
      if (state_ == State::kStartName) {
        while (end < bytes.size() && !IsSpace(static_cast<unsigned char>(bytes[end])) &&
               bytes[end] != '/' && bytes[end] != '>') {
          ++end;
        }
        name_.append(bytes.substr(i, end - i));
      } else {
        while (end < bytes.size() && bytes[end] != '>' && bytes[end] != '"' && bytes[end] != '\'') {
          ++end;
        }
      }
      if (end > i) {
        Skip(bytes.substr(i, end - i));
        i = end;
        continue;
      }
    } else if (const char stop = StopByte(); stop != 0) {
      const void* hit = std::memchr(bytes.data() + i, stop, bytes.size() - i);
      const std::size_t end =
          hit != nullptr ? static_cast<std::size_t>(static_cast<const char*>(hit) - bytes.data())
                         : bytes.size();
      if (end > i) {
        Skip(bytes.substr(i, end - i));
        i = end;
        continue;
      }
    }
    ++fed_;
    Step(c);
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++pos_.column;
    }
    ++i;
  }
}

char TagPositions::StopByte() const {
  switch (state_) {
    case State::kText: return '<';
    case State::kStartQuote:
    case State::kDeclQuote: return quote_;
    case State::kEndTag:
    case State::kComment:
    case State::kCData:
    case State::kPi: return '>';
    default: return 0;
  }
}

void TagPositions::Skip(std::string_view run) {
  fed_ += run.size();
  if (state_ == State::kComment || state_ == State::kCData || state_ == State::kPi ||
      state_ == State::kStartTag) {
    // What "-->", "]]>", "?>" or "/>" look back at.
    prev2_ = run.size() >= 2 ? static_cast<unsigned char>(run[run.size() - 2]) : prev_;
    prev_ = static_cast<unsigned char>(run.back());
  }
  const auto code_points = [](std::string_view s) {
    // Bytes that are not UTF-8 continuation bytes (10xxxxxx); a loop GCC vectorizes.
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    int n = 0;
    for (std::size_t k = 0; k < s.size(); ++k) n += (p[k] & 0xC0) != 0x80 ? 1 : 0;
    return n;
  };
  const auto newlines = static_cast<int>(std::count(run.begin(), run.end(), '\n'));
  if (newlines == 0) {
    pos_.column += code_points(run);
    return;
  }
  const auto* last = static_cast<const char*>(memrchr(run.data(), '\n', run.size()));
  pos_.line += newlines;
  pos_.column = 1 + code_points(run.substr(static_cast<std::size_t>(last - run.data()) + 1));
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
