#include "storage/kept_forms.h"

#include "storage/sql.h"

namespace opkomst::storage {

Status InsertKeptForm(Store& store, const KeptFormRow& row) {
  std::string now = std::to_string(row.kept_at);
  OPKOMST_RETURN_IF_ERROR(SqlAccess::Query(store, "DELETE FROM kept_form WHERE expires <= ?", {now}).status());
  return SqlAccess::Query(store,
                          "INSERT INTO kept_form (id_hash, username, sealed, kept_at, expires) VALUES (?, ?, ?, ?, ?)",
                          {row.id_hash, row.username, row.sealed, now, std::to_string(row.expires)})
      .status();
}

StatusOr<std::optional<std::string>> TakeKeptForm(Store& store, const std::string& id_hash, const std::string& username,
                                                  int64_t now) {
  auto rows = SqlAccess::Query(
      store, "DELETE FROM kept_form WHERE id_hash = ? AND username = ? AND expires > ? RETURNING sealed",
      {id_hash, username, std::to_string(now)});
  if (!rows.ok()) return rows.status();
  if (rows->empty() || !rows->front()[0]) return std::optional<std::string>();
  return std::optional<std::string>(*rows->front()[0]);
}

Status DeleteKeptFormsOf(Store& store, const std::string& username) {
  return SqlAccess::Query(store, "DELETE FROM kept_form WHERE username = ?", {username}).status();
}

StatusOr<int64_t> CountKeptForms(Store& store) {
  auto rows = SqlAccess::Query(store, "SELECT COUNT(*) FROM kept_form");
  if (!rows.ok()) return rows.status();
  return rows->front()[0] ? std::stoll(*rows->front()[0]) : 0;
}

}  // namespace opkomst::storage
