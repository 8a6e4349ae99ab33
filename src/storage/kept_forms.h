// Forms kept for after sign-in (migration 0019): a form posted after its
// session ended, sealed by the caller (app/sessions.h), under the SHA-256 of
// a one-time id. In the store, so that a restart keeps them and any server
// of a group gives them back; expiry is decided in the statements.
#ifndef OPKOMST_STORAGE_KEPT_FORMS_H_
#define OPKOMST_STORAGE_KEPT_FORMS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "storage/store.h"

namespace opkomst::storage {

struct KeptFormRow {
  std::string id_hash;  // SHA-256 hex of the one-time id
  std::string username;
  std::string sealed;  // the path and the fields, sealed
  int64_t kept_at = 0, expires = 0;
};

// Inserts `row`; first removes every kept form expired at row.kept_at.
Status InsertKeptForm(Store& store, const KeptFormRow& row);
// Removes and returns the sealed form of `id_hash` if it belongs to
// `username` and has not expired at `now`; nullopt otherwise (then nothing
// is removed). One statement: two servers never both give it back.
StatusOr<std::optional<std::string>> TakeKeptForm(Store& store, const std::string& id_hash, const std::string& username,
                                                  int64_t now);
// Sign-out, password change, account disabled: every form of the account.
Status DeleteKeptFormsOf(Store& store, const std::string& username);
// Every stored row, expired or not (tests and operators).
StatusOr<int64_t> CountKeptForms(Store& store);

}  // namespace opkomst::storage

#endif  // OPKOMST_STORAGE_KEPT_FORMS_H_
