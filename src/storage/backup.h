// What `opkomst backup` needs of the store (issue 15): an online copy of an
// SQLite file through SQLite's backup API, one consistent snapshot of a
// PostgreSQL database held while pg_dump reads it, and the counts that a
// backup's manifest records and `backup --verify` compares.
#ifndef OPKOMST_STORAGE_BACKUP_H_
#define OPKOMST_STORAGE_BACKUP_H_

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"
#include "storage/store.h"

namespace opkomst::storage {

struct BackupCounts {
  int64_t dossiers = 0, measurements = 0, scores = 0, interviews = 0, contacts = 0, accounts = 0;
  int64_t audit_rows = 0, audit_outbox = 0;
  std::string last_audit_hash;  // empty when the chain is empty
};

// Copies the SQLite database file `source` to `destination` (which must not
// exist) while other connections keep writing: SQLite's online backup API
// in one read transaction (WAL: writers go on), so the copy is one
// committed state of the source.
Status CopySqliteOnline(const std::string& source, const std::string& destination);

// The counts of `data` and of the audit chain in `audit` (the same store on
// PostgreSQL), each read by its own statement: for a copy at rest.
StatusOr<BackupCounts> CountForBackup(Store& data, Store& audit);

// PostgreSQL: opens a repeatable-read transaction on `store`, exports its
// snapshot, runs `dump(snapshot)` (pg_dump --snapshot) while holding it, and
// returns the counts of that very snapshot.
StatusOr<BackupCounts> CountInExportedSnapshot(Store& store,
                                               const std::function<Status(const std::string& snapshot)>& dump);

}  // namespace opkomst::storage

#endif  // OPKOMST_STORAGE_BACKUP_H_
