// The registration store: one interface, two backends (SQLite embedded,
// PostgreSQL for shared deployments). Every change is one transaction.
//
// Concurrency contract: each dossier carries a version. An update or a new
// measurement names the version it was based on; if the stored version is
// different, nothing is written and kConflict is returned. Successful
// changes increment the version. Readers never see half a change.
#ifndef OPKOMST_STORAGE_STORE_H_
#define OPKOMST_STORAGE_STORE_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/codebook.h"
#include "domain/dossier.h"
#include "domain/stored_records.h"
#include "domain/validation.h"

namespace opkomst {

struct StoreCounts {
  int64_t dossiers = 0, measurements = 0, scores = 0, interviews = 0;
};

// A bulk load in one transaction. Records are written as they arrive;
// nothing is visible to others before Commit(). Destroying an uncommitted
// import rolls it back.
class ImportTransaction : public RecordSink {
 public:
  virtual Status Commit() = 0;
};

// The URL for messages: a PostgreSQL password is left out.
std::string RedactDatabaseUrl(const std::string& url);

// How Store::Open treats a database that is missing or behind this program.
struct OpenOptions {
  // Make a new SQLite file or the schema of an empty PostgreSQL database.
  // Off: kNotFound when there is no opkomst database at the URL, so a
  // mistyped path never yields an empty report.
  bool create_if_missing = true;
  // Never change the schema: a database whose schema is older than this
  // program is kIncompatible (run `opkomst init`) instead of migrated.
  bool read_only = false;
};

class Store {
 public:
  virtual ~Store() = default;

  // `url` is "sqlite:PATH", "postgresql://..." / "postgres://...", or a plain
  // path (SQLite). Applies pending migrations (unless options.read_only) and
  // checks that the stored answer layout is compatible with `codebook`.
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& url, const Codebook& codebook,
                                               const OpenOptions& options = {});

  // Where the data lives, without credentials, for messages.
  virtual std::string Describe() const = 0;
  virtual int SchemaVersion() = 0;

  virtual StatusOr<StoreCounts> Counts() = 0;
  // Cheap estimates of Counts(), for sizing buffers before a bulk read:
  // the planner's statistics where the backend keeps them; otherwise the
  // dossiers are counted and the measurements bounded (three per dossier).
  virtual StatusOr<StoreCounts> ApproximateCounts() = 0;
  // Every stored dossier's id, mother, trajectory, track and start (the
  // import's cross-file rules); one scan of the dossiers on every backend.
  StatusOr<KnownDossiers> LoadKnownDossiers();
  virtual StatusOr<std::unique_ptr<ImportTransaction>> BeginImport() = 0;

  // Streams every record in a stable order: dossiers by dossier_id,
  // measurements by dossier_id then moment, scores by dossier, moment and
  // indicator, interviews by respondent and indicator. A visitor error stops
  // the scan and is returned.
  using DossierVisitor = std::function<Status(const Dossier&)>;
  using MeasurementVisitor = std::function<Status(const std::string& dossier_id, const Measurement&)>;
  using ScoreVisitor = std::function<Status(const Score&)>;
  using InterviewVisitor = std::function<Status(const InterviewAnswer&)>;
  virtual Status ScanDossiers(const DossierVisitor& visit) = 0;
  virtual Status ScanMeasurements(const MeasurementVisitor& visit) = 0;
  virtual Status ScanScores(const ScoreVisitor& visit) = 0;
  virtual Status ScanInterviews(const InterviewVisitor& visit) = 0;

  // Bulk reading, for the report engine: what it needs of every dossier and
  // every measurement, typed, in dossier-id order, without building domain
  // objects, and then the scores and interviews. The dossiers (then the
  // scores and interviews) arrive on the calling thread and, at the same
  // time, the measurements on a second thread over a second connection;
  // all four read one and the same committed state of the database. The
  // views are valid only during the call. A visitor error stops the scans
  // and is returned.
  // The views (domain/stored_records.h), valid only during the call.
  using BulkDossier = opkomst::BulkDossier;
  using BulkMeasurement = opkomst::BulkMeasurement;
  struct BulkVisitors {
    std::function<Status(const BulkDossier&)> dossier;          // on the calling thread
    std::function<Status(const BulkMeasurement&)> measurement;  // on a second thread
    ScoreVisitor score;                                         // optional; on the calling thread
    InterviewVisitor interview;                                 // optional; on the calling thread
  };
  virtual Status ScanBulk(const BulkVisitors& visit) = 0;

  // One dossier at a time, as the web application works.
  virtual StatusOr<Dossier> GetDossier(const std::string& dossier_id) = 0;
  // Inserts `dossier` (trajectory number derived if 0) and sets its version to 1.
  virtual Status CreateDossier(Dossier* dossier) = 0;
  // Writes `dossier` if dossier->version is the stored version; then
  // dossier->version is the new version.
  virtual Status UpdateDossier(Dossier* dossier) = 0;
  // Inserts or replaces the measurement of one moment, checked against and
  // bumping the dossier's version. Returns the new version.
  virtual StatusOr<int64_t> PutMeasurement(const std::string& dossier_id, int64_t expected_version,
                                           const Measurement& measurement) = 0;
  virtual StatusOr<std::vector<Measurement>> GetMeasurements(const std::string& dossier_id) = 0;

  // Everything else (accounts, the audit trail, contacts, listings) goes
  // through storage's typed repositories (storage/team.h, signin.h,
  // audit_store.h, releases.h, unit_of_work.h); no SQL is reachable from
  // outside src/storage/.
};

}  // namespace opkomst

#endif  // OPKOMST_STORAGE_STORE_H_
