// Internal to src/storage/: the dossier writes, written once. Both the
// Store's own writes (sql_store.cc, one transaction each) and the
// application layer's UnitOfWork (unit_of_work.cc, a change with its audit
// record) run these same statements inside a transaction they began.
#ifndef OPKOMST_STORAGE_DOSSIER_WRITES_H_
#define OPKOMST_STORAGE_DOSSIER_WRITES_H_

#include <cstdint>
#include <string>

#include "base/status.h"
#include "domain/codebook.h"
#include "domain/dossier.h"
#include "storage/sql.h"

namespace opkomst::storage {

// Inserts `dossier` (trajectory number: the next of its mother if 0, under
// a per-mother lock) with version 1.
Status InsertDossier(SqlSession& session, const Codebook& codebook, Dossier* dossier);
// Writes `dossier` if dossier->version is the stored version, which then
// becomes dossier->version + 1 (kConflict if stale, kNotFound if missing).
Status WriteDossier(SqlSession& session, const Codebook& codebook, Dossier* dossier);
// Increments the dossier's version if it is still `expected_version`.
Status BumpVersion(SqlSession& session, const std::string& dossier_id, int64_t expected_version);
// Inserts or replaces the measurement of one moment, version-checked;
// returns the new version.
StatusOr<int64_t> WriteMeasurement(SqlSession& session, const Codebook& codebook, const std::string& dossier_id,
                                   int64_t expected_version, const Measurement& measurement);

}  // namespace opkomst::storage

#endif  // OPKOMST_STORAGE_DOSSIER_WRITES_H_
