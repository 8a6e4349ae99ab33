// Internal to src/storage/: the generic SQL session over a Store, for the
// typed repositories (team.cc, signin.cc, releases.cc, audit_store.cc,
// account_writes.cc, dossier_writes.cc, unit_of_work.cc). Statements use
// `?` placeholders, translated per backend; values travel as text or NULL
// and are never spliced into the SQL. Nothing outside src/storage/
// includes this header (tests excepted: they attack the tables directly);
// the public store.h holds no SQL entry at all.
#ifndef OPKOMST_STORAGE_SQL_H_
#define OPKOMST_STORAGE_SQL_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/store.h"

namespace opkomst {

using SqlRow = std::vector<std::optional<std::string>>;

// Statements inside one transaction on one connection.
class SqlSession {
 public:
  virtual ~SqlSession() = default;
  virtual StatusOr<std::vector<SqlRow>> Query(const std::string& sql, const SqlRow& params = {}) = 0;
  // Rows changed by the last statement (UPDATE/DELETE/INSERT).
  virtual int64_t Changes() = 0;
  // Serialises the numbering of one mother's trajectories until the end of
  // the transaction (a no-op where the transaction holds the write lock).
  virtual Status LockMother(const std::string& mother_id) = 0;
  // The SQL expression of the current time, as the schema stores it.
  virtual const char* Now() const = 0;
};

namespace storage {

class UnitOfWork;  // storage/unit_of_work.h
// The SQL session of a unit of work's transaction, for the typed writes of
// a feature inside Atomically (groups.cc, intake_store.cc).
SqlSession& SessionOf(UnitOfWork& work);

// The SQL side of every Store: Store::Open makes only these (sql_store.cc).
class SqlBackedStore : public Store {
 public:
  // "sqlite" or "postgres": for the few statements that differ.
  virtual std::string_view Dialect() const = 0;
  // The codebook the store was opened with.
  virtual const Codebook& StoreCodebook() const = 0;
  // Runs `body` in one transaction on this store's connection: committed if
  // it returns Ok, rolled back otherwise. Other users of this Store wait.
  virtual Status Transact(const std::function<Status(SqlSession&)>& body) = 0;
  // One statement, atomic on its own (no explicit transaction, so reads on
  // SQLite do not take the write lock).
  virtual StatusOr<std::vector<SqlRow>> Query(const std::string& sql, const SqlRow& params = {}) = 0;
};

class SqlAccess {
 public:
  static std::string_view Dialect(const Store& store) { return Sql(store).Dialect(); }
  static const Codebook& StoreCodebook(const Store& store) { return Sql(store).StoreCodebook(); }
  static Status Transact(Store& store, const std::function<Status(SqlSession&)>& body) {
    return Sql(store).Transact(body);
  }
  static StatusOr<std::vector<SqlRow>> Query(Store& store, const std::string& sql, const SqlRow& params = {}) {
    return Sql(store).Query(sql, params);
  }

 private:
  // Every Store is a SqlBackedStore (Store::Open makes no other kind).
  static SqlBackedStore& Sql(Store& store) { return static_cast<SqlBackedStore&>(store); }
  static const SqlBackedStore& Sql(const Store& store) { return static_cast<const SqlBackedStore&>(store); }
};

}  // namespace storage
}  // namespace opkomst

#endif  // OPKOMST_STORAGE_SQL_H_
