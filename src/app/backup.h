// Backup and restore (issue 15). A backup is a new folder holding
//   SQLite:      opkomst.db and opkomst.db-audit, copied online through
//                SQLite's backup API (data first, then the audit chain, so
//                every change in the copy has its audit row in the copied
//                chain or in the copied outbox);
//   PostgreSQL:  opkomst.pgdump, a pg_dump archive in custom format, taken
//                in one snapshot in which the counts are read too;
// and MANIFEST: the backend, schema version, counts, the audit chain's
// length and last hash, and the fingerprint of the sealing key. The key
// itself is never in a backup: it must be kept separately, and a backup
// refuses a folder that would hold it.
//
// Restore writes into an empty target only (a missing SQLite file, a
// PostgreSQL database without opkomst tables) and checks the result
// against the manifest. Verify checks that a backup opens, that its counts
// are the manifest's and that its audit chain verifies (PostgreSQL: by a
// restore into an empty scratch database).
#ifndef OPKOMST_APP_BACKUP_H_
#define OPKOMST_APP_BACKUP_H_

#include <string>

#include "base/status.h"
#include "domain/messages.h"
#include "storage/backup.h"

namespace opkomst::app {

struct BackupManifest {
  std::string backend;  // "sqlite" or "postgres"
  int schema_version = 0;
  std::string created_at;       // UTC, ISO 8601
  std::string key_file;         // where the sealing key was, for the operator
  std::string key_fingerprint;  // first 16 hex digits of its SHA-256; "" if absent
  storage::BackupCounts counts;
};

// Makes a backup of `db_url` in the new or empty folder `destination`.
StatusOr<BackupManifest> Backup(const std::string& db_url, const std::string& destination, const std::string& key_file,
                                Language language);

// Puts the backup in `source` into the empty target `db_url`; returns its manifest.
StatusOr<BackupManifest> Restore(const std::string& source, const std::string& db_url, Language language);

struct BackupCheck {
  BackupManifest manifest;
  storage::BackupCounts found;
  std::string problem;  // empty: the copy opens, counts match, the chain verifies
};
// Checks the backup in `source`. `scratch_url`: an empty PostgreSQL
// database to restore a PostgreSQL backup into (unused for SQLite).
StatusOr<BackupCheck> VerifyBackup(const std::string& source, const std::string& scratch_url, Language language);

}  // namespace opkomst::app

#endif  // OPKOMST_APP_BACKUP_H_
