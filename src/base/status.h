// Status and StatusOr: expected failures are values, not exceptions.
//
// A Status carries a code, a machine-readable message and, for errors the
// user can act on, the rule id and arguments of a localised message (see
// src/domain/messages.h). Each code has one piece of advice for whoever
// meets it (Advice()), in the spirit of absl::Status.
#ifndef OPKOMST_BASE_STATUS_H_
#define OPKOMST_BASE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace opkomst {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,   // the user's data or flags break a rule; fix the input
  kNotFound,       // the named thing does not exist
  kAlreadyExists,  // the named thing exists already
  kConflict,       // someone else changed the record first; reload and merge
  kUnavailable,    // a database or file cannot be reached; retry later
  kIncompatible,   // stored data does not fit this program version
  kInternal,       // a bug; report it with the incident text
};

const char* StatusCodeName(StatusCode code);
// One sentence of advice per code, for the CLI and the web error page.
const char* Advice(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidInput(std::string m) { return Status(StatusCode::kInvalidInput, std::move(m)); }
inline Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
inline Status AlreadyExists(std::string m) { return Status(StatusCode::kAlreadyExists, std::move(m)); }
inline Status Conflict(std::string m) { return Status(StatusCode::kConflict, std::move(m)); }
inline Status Unavailable(std::string m) { return Status(StatusCode::kUnavailable, std::move(m)); }
inline Status Incompatible(std::string m) { return Status(StatusCode::kIncompatible, std::move(m)); }
inline Status Internal(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }

namespace internal {
// Prints the status to stderr and aborts.
[[noreturn]] void DieOnBadValueAccess(const Status& status);
}  // namespace internal

template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  // An ok Status carries no value: that is a bug at the call site, kept
  // as a kInternal error rather than an empty value.
  StatusOr(Status status)  // NOLINT
      : status_(status.ok() ? Status(StatusCode::kInternal, "StatusOr made from an ok Status") : std::move(status)) {}

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  // value() of an error is a bug: it stops the process with the status,
  // in release builds too, instead of reading an empty optional.
  T& value() & {
    CheckHasValue();
    return *value_;
  }
  const T& value() const& {
    CheckHasValue();
    return *value_;
  }
  T&& value() && {
    CheckHasValue();
    return std::move(*value_);
  }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  void CheckHasValue() const {
    if (!ok()) internal::DieOnBadValueAccess(status_);
  }
  Status status_;
  std::optional<T> value_;
};

#define OPKOMST_RETURN_IF_ERROR(expr)              \
  do {                                             \
    ::opkomst::Status status_macro_ = (expr);      \
    if (!status_macro_.ok()) return status_macro_; \
  } while (0)

// `lhs = value of expr`, or return its error. lhs may declare:
//   OPKOMST_ASSIGN_OR_RETURN(auto store, Store::Open(url, codebook));
#define OPKOMST_ASSIGN_OR_RETURN(lhs, expr) \
  OPKOMST_ASSIGN_OR_RETURN_IMPL_(OPKOMST_STATUS_CONCAT_(statusor_macro_, __LINE__), lhs, expr)
#define OPKOMST_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                   \
  if (!statusor.ok()) return statusor.status();             \
  lhs = std::move(statusor).value()
#define OPKOMST_STATUS_CONCAT_(a, b) OPKOMST_STATUS_CONCAT_INNER_(a, b)
#define OPKOMST_STATUS_CONCAT_INNER_(a, b) a##b

}  // namespace opkomst

#endif  // OPKOMST_BASE_STATUS_H_
