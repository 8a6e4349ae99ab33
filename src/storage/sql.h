// Internal to src/storage/: the generic SQL session over a Store, for the
// typed repositories (team.cc, signin.cc, releases.cc, audit_store.cc,
// unit_of_work.cc). Statements use `?` placeholders, translated per
// backend; values travel as text or NULL and are never spliced into the
// SQL. Nothing outside src/storage/ includes this header (tests excepted:
// they attack the tables directly).
#ifndef OPKOMST_STORAGE_SQL_H_
#define OPKOMST_STORAGE_SQL_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/store.h"

namespace opkomst::storage {

class SqlAccess {
 public:
  // "sqlite" or "postgres": for the few statements that differ.
  static std::string_view Dialect(const Store& store) { return store.Dialect(); }
  // Runs `body` in one transaction on the store's connection: committed if
  // it returns Ok, rolled back otherwise. Other users of this Store wait.
  static Status Transact(Store& store, const std::function<Status(SqlSession&)>& body) { return store.Transact(body); }
  // One statement, atomic on its own (no explicit transaction, so reads on
  // SQLite do not take the write lock).
  static StatusOr<std::vector<SqlRow>> Query(Store& store, const std::string& sql, const SqlRow& params = {}) {
    return store.Query(sql, params);
  }
};

}  // namespace opkomst::storage

#endif  // OPKOMST_STORAGE_SQL_H_
