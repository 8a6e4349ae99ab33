#include "storage/store.h"

#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace opkomst {

StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& url, const Codebook& codebook,
                                             const OpenOptions& options) {
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return OpenPostgresStore(url, codebook, options);
  std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
  if (path.empty()) return InvalidInput("--db sqlite: needs a file path, e.g. sqlite:opkomst.db");
  return OpenSqliteStore(path, codebook, options);
}

std::string RedactDatabaseUrl(const std::string& url) { return RedactUrl(url); }

StatusOr<KnownDossiers> Store::LoadKnownDossiers() {
  KnownDossiers known;
  Status s = ScanDossiers([&](const Dossier& d) {
    known[d.dossier_id] = {d.mother_id, d.trajectory_number, d.track, d.start_date};
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return known;
}

}  // namespace opkomst
