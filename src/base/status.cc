#include "base/status.h"

#include <cstdio>
#include <cstdlib>

namespace opkomst {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidInput:
      return "invalid input";
    case StatusCode::kNotFound:
      return "not found";
    case StatusCode::kAlreadyExists:
      return "already exists";
    case StatusCode::kConflict:
      return "conflict";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kIncompatible:
      return "incompatible";
    case StatusCode::kInternal:
      return "internal error";
  }
  return "unknown";
}

const char* Advice(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "";
    case StatusCode::kInvalidInput:
      return "Correct the input named in the message and try again.";
    case StatusCode::kNotFound:
      return "Check the identifier; it may have been typed wrong or removed.";
    case StatusCode::kAlreadyExists:
      return "Use another identifier, or update the existing record.";
    case StatusCode::kConflict:
      return "Someone else saved this record first: reload it, merge your changes and save again.";
    case StatusCode::kUnavailable:
      return "Check that the database or file is reachable, then retry.";
    case StatusCode::kIncompatible:
      return "The stored data does not match this version of opkomst; upgrade opkomst or restore a backup.";
    case StatusCode::kInternal:
      return "This is a bug in opkomst; report it with the message above.";
  }
  return "";
}

namespace internal {
void DieOnBadValueAccess(const Status& status) {
  std::fprintf(stderr, "opkomst: value() of an error status: %s\n", status.ToString().c_str());
  std::abort();
}
}  // namespace internal

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

}  // namespace opkomst
