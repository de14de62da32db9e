// Result<T> and Status: expected failures as values at layer boundaries.
// Errors carry a small code (mapped to HTTP status in one place, api/problem.cpp)
// and a human message. Value types; no shared state.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace lgb {

enum class ErrorCode {
  kInvalidArgument,  // bad input from a user: parameter, file content
  kNotFound,         // an unknown area, metric, period, release, group
  kConflict,         // already exists (e.g. the same file loaded twice)
  kUnauthenticated,  // missing, wrong, revoked or stale credentials
  kForbidden,        // signed in, but the role may not do this
  kTooManyRequests,  // too many sign-in attempts; try again later
  kIo,               // a file or database could not be read or written
  kUnavailable,      // the database is unreachable for now; the same call may work later
  kInternal,         // a bug or an invariant broken
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

inline Error invalid(std::string m) { return {ErrorCode::kInvalidArgument, std::move(m)}; }
inline Error not_found(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
inline Error conflict(std::string m) { return {ErrorCode::kConflict, std::move(m)}; }
inline Error unauthenticated(std::string m) { return {ErrorCode::kUnauthenticated, std::move(m)}; }
inline Error forbidden(std::string m) { return {ErrorCode::kForbidden, std::move(m)}; }
inline Error too_many_requests(std::string m) { return {ErrorCode::kTooManyRequests, std::move(m)}; }
inline Error io_error(std::string m) { return {ErrorCode::kIo, std::move(m)}; }
inline Error unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
inline Error internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Status is a Result with nothing to return.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace lgb
