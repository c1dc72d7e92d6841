// Status and Result<T>: how every module below web/ reports success or failure.
//
// A Status is a cheap value: OK carries nothing, an error carries a code from a short,
// closed list and a message written for a person ("no blog is hosted at example.com").
// Result<T> holds either a T or a non-OK Status. Both are [[nodiscard]]: ignoring an
// error is a compile-time warning. Neither throws.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace samizdat {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kNotFound,          // the thing asked for does not exist
    kInvalidArgument,   // the caller's input is malformed or out of range
    kConflict,          // the input clashes with what is stored (duplicate path, host)
    kPermissionDenied,  // the caller may not do this
    kUnavailable,       // a resource is busy or gone for now; retrying may help
    kInternal,          // a bug or an unexpected failure underneath (I/O, SQL)
  };

  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status Conflict(std::string msg) { return Status(Code::kConflict, std::move(msg)); }
  static Status PermissionDenied(std::string msg) {
    return Status(Code::kPermissionDenied, std::move(msg));
  }
  static Status Unavailable(std::string msg) { return Status(Code::kUnavailable, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsConflict() const { return code_ == Code::kConflict; }

  // "NotFound: no post at /2022/01/x.html"; "OK" for success.
  std::string ToString() const;
  // This status with "`context`: " put before its message, its code kept. OK stays OK.
  Status WithContext(std::string_view context) const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or an error Status. Access the value only after checking ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "a Result holding a Status must hold an error");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace samizdat

// Returns early from the enclosing function if `expr` (a Status) is an error.
#define SAMIZDAT_RETURN_IF_ERROR(expr) \
  do {                                 \
    ::samizdat::Status _st = (expr);   \
    if (!_st.ok()) return _st;         \
  } while (0)
