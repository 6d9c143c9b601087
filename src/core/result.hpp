// Result<T>: the value of an operation that can fail in an expected way (validation, not found,
// conflict, ...). Errors carry a closed ErrorCode, a stable machine-readable string code, a
// message a store owner can read and optional field errors. Exceptions stay for bugs and broken
// infrastructure. Values are plain data: safe to copy and move between threads.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace clientele {

// Modelled on abseil's canonical codes; mapped once to HTTP statuses in http/problem.cpp.
enum class ErrorCode {
  kInvalidArgument,     // 422: bad input, field errors say which
  kNotFound,            // 404
  kAlreadyExists,       // 409: unique constraint (e.g. e-mail taken)
  kFailedPrecondition,  // 412/409: stale ETag, state does not allow the operation
  kAborted,             // 409: concurrent change, retry
  kUnauthenticated,     // 401
  kPermissionDenied,    // 403
  kUnavailable,         // 503: database unreachable
  kInternal,            // 500
};

struct FieldError {
  std::string field;    // JSON pointer-ish name: "email", "custom_fields.size"
  std::string code;     // stable: "invalid_email", "required", "too_long"
  std::string message;  // for people
  int position = 0;     // the 1-based character of the mistake in a text (a filter); 0: none
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string slug;     // stable machine-readable code, e.g. "email_taken"
  std::string message;  // readable by a store owner; never holds personal data
  std::vector<FieldError> fields;

  static Error Invalid(std::string message, std::vector<FieldError> fields = {}) {
    return {ErrorCode::kInvalidArgument, "validation_failed", std::move(message),
            std::move(fields)};
  }
  static Error NotFound(std::string slug, std::string message) {
    return {ErrorCode::kNotFound, std::move(slug), std::move(message), {}};
  }
  static Error Conflict(std::string slug, std::string message) {
    return {ErrorCode::kAlreadyExists, std::move(slug), std::move(message), {}};
  }
  static Error Precondition(std::string slug, std::string message) {
    return {ErrorCode::kFailedPrecondition, std::move(slug), std::move(message), {}};
  }
  static Error Internal(std::string message) {
    return {ErrorCode::kInternal, "internal", std::move(message), {}};
  }
  static Error Unavailable(std::string message) {
    return {ErrorCode::kUnavailable, "unavailable", std::move(message), {}};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

// Result of an operation with no value.
struct Ok {};
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

}  // namespace clientele

// Propagates an error from an expression returning Result/Status.
#define CLIENTELE_CONCAT_INNER(a, b) a##b
#define CLIENTELE_CONCAT(a, b) CLIENTELE_CONCAT_INNER(a, b)
#define RETURN_IF_ERROR(expr)                                                 \
  do {                                                                        \
    auto&& clientele_status_ = (expr);                                        \
    if (!clientele_status_.ok()) return std::move(clientele_status_).error(); \
  } while (0)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)   \
  auto tmp = (expr);                            \
  if (!tmp.ok()) return std::move(tmp).error(); \
  lhs = std::move(tmp).value()
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(CLIENTELE_CONCAT(clientele_result_, __LINE__), lhs, expr)
