#include "storage/sql_store.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "domain/text.h"
#include "storage/audited_import.h"
#include "storage/dossier_writes.h"
#include "storage/score_sheets.h"
#include "storage/sql.h"

namespace opkomst {
namespace storage {
Status InsertOutbox(SqlSession& session, const AuditEntry& entry);  // audit_store.cc
}
namespace {

// "SELECT <the table's columns><more> FROM <table>".
std::string SelectAll(const TableShape& table, const char* more = "") {
  return "SELECT " + table.column_list + more + " FROM " + table.name;
}

int64_t IntegerOr(const Cell& cell, int64_t otherwise) {
  if (!cell) return otherwise;
  return ParseInteger(*cell).value_or(otherwise);
}

// The columns of SQL's `Run` result rows, read as counts.
StatusOr<StoreCounts> CountsFrom(const StatusOr<std::vector<Row>>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty() || rows->front().size() < 4) return Internal("counting returned no row");
  const Row& r = rows->front();
  return StoreCounts{IntegerOr(r[0], 0), IntegerOr(r[1], 0), IntegerOr(r[2], 0), IntegerOr(r[3], 0)};
}

class SqlStore;

// A bulk load in one transaction, through the backend's BulkWriter.
class SqlImport : public ImportTransaction {
 public:
  SqlImport(SqlStore* store, std::unique_lock<std::mutex> lock, std::unique_ptr<BulkWriter> writer)
      : store_(store), lock_(std::move(lock)), writer_(std::move(writer)) {}
  ~SqlImport() override;
  Status AddDossiers(const std::vector<Dossier>& dossiers) override;
  Status AddMeasurement(const std::string& dossier_id, const Measurement& m) override;
  Status AddScore(const Score& s) override;
  Status AddInterview(const InterviewAnswer& a) override;
  Status Commit() override { return Finish(nullptr); }
  // `audit`, if given, goes into the outbox before the COMMIT.
  Status Finish(const storage::AuditEntry* audit);

  // The slot of each codebook indicator (storage/score_sheets.h), found
  // before the first row is written.
  Status PrepareSlots();

 private:
  // The sheets, in key order, through the bulk writer.
  Status WriteSheets();

  SqlStore* store_;
  std::unique_lock<std::mutex> lock_;
  std::unique_ptr<BulkWriter> writer_;
  bool open_ = true;
  std::vector<int> score_slots_, interview_slots_;  // by codebook indicator index
  // Scores and answers arrive in any order; each sheet collects its own
  // until Commit writes them all, sorted by key.
  size_t dossiers_ = 0;
  std::unordered_map<std::string, storage::ScoreSheet> score_sheets_;          // key: dossier id, '\x1f', moment
  std::unordered_map<std::string, storage::InterviewSheet> interview_sheets_;  // key: respondent id
};

class SqlStore : public storage::SqlBackedStore {
 public:
  SqlStore(std::unique_ptr<SqlConnection> connection, const Codebook& codebook)
      : db_(std::move(connection)), codebook_(codebook) {}

  Status Initialise(const OpenOptions& options);

  std::string Describe() const override { return db_->Describe(); }

  int SchemaVersion() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return CurrentVersion();
  }

  StatusOr<StoreCounts> Counts() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return CountsHeld();
  }

  StatusOr<StoreCounts> ApproximateCounts() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return db_->ApproximateCounts([this] { return CountsHeld(); });
  }

  StatusOr<std::unique_ptr<ImportTransaction>> BeginImport() override {
    std::unique_lock<std::mutex> lock(mutex_);
    OPKOMST_RETURN_IF_ERROR(db_->Begin());
    auto import = std::make_unique<SqlImport>(this, std::move(lock), db_->NewBulkWriter());
    OPKOMST_RETURN_IF_ERROR(import->PrepareSlots());
    return std::unique_ptr<ImportTransaction>(std::move(import));
  }

  Status ScanDossiers(const DossierVisitor& visit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return StreamParsed(SelectAll(DossierTable(), ", version") + " ORDER BY dossier_id" + db_->ByteOrder(),
                        DossierFromRow, [&](const Row&, const Dossier& d) { return visit(d); });
  }

  Status ScanMeasurements(const MeasurementVisitor& visit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return StreamParsed(SelectAll(MeasurementTable()) + " ORDER BY dossier_id" + db_->ByteOrder() + ", moment",
                        MeasurementFromRow, [&](const Row& r, const Measurement& m) { return visit(*r[0], m); });
  }

  Status ScanScores(const ScoreVisitor& visit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return ScoresHeld(visit);
  }

  Status ScanInterviews(const InterviewVisitor& visit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return InterviewsHeld(visit);
  }

  Status ScanBulk(const BulkVisitors& visit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return db_->ScanBulk(visit, [&] {
      if (visit.score) OPKOMST_RETURN_IF_ERROR(ScoresHeld(visit.score));
      if (visit.interview) OPKOMST_RETURN_IF_ERROR(InterviewsHeld(visit.interview));
      return Status::Ok();
    });
  }

  StatusOr<Dossier> GetDossier(const std::string& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return GetDossierHeld(id);
  }

  // The same statements as the application layer's UnitOfWork
  // (storage/dossier_writes.h), each write in a transaction of its own.
  Status CreateDossier(Dossier* d) override {
    return Transact([&](SqlSession& session) { return storage::InsertDossier(session, codebook_, d); });
  }

  Status UpdateDossier(Dossier* d) override {
    Dossier written = *d;
    OPKOMST_RETURN_IF_ERROR(
        Transact([&](SqlSession& session) { return storage::WriteDossier(session, codebook_, &written); }));
    d->version = written.version;  // only once committed
    return Status::Ok();
  }

  StatusOr<int64_t> PutMeasurement(const std::string& id, int64_t expected, const Measurement& m) override {
    int64_t version = 0;
    OPKOMST_RETURN_IF_ERROR(Transact([&](SqlSession& session) -> Status {
      OPKOMST_ASSIGN_OR_RETURN(version, storage::WriteMeasurement(session, codebook_, id, expected, m));
      return Status::Ok();
    }));
    return version;
  }

  StatusOr<std::vector<Measurement>> GetMeasurements(const std::string& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    OPKOMST_ASSIGN_OR_RETURN(std::vector<Row> rows,
                             db_->Run(SelectAll(MeasurementTable()) + " WHERE dossier_id = ? ORDER BY moment",
                                      {Cell(id)}, "reading measurements"));
    std::vector<Measurement> out;
    for (const Row& row : rows) {
      OPKOMST_ASSIGN_OR_RETURN(Measurement m, MeasurementFromRow(codebook_, row));
      out.push_back(std::move(m));
    }
    return out;
  }

  std::string_view Dialect() const override { return db_->Dialect(); }
  const Codebook& StoreCodebook() const override { return codebook_; }

  class Session : public SqlSession {
   public:
    explicit Session(SqlConnection* db) : db_(db) {}
    StatusOr<std::vector<SqlRow>> Query(const std::string& sql, const SqlRow& params) override {
      return db_->Run(sql, params, "statement");
    }
    int64_t Changes() override { return db_->Changes(); }
    Status LockMother(const std::string& mother_id) override { return db_->LockMother(mother_id); }
    const char* Now() const override { return db_->Now(); }

   private:
    SqlConnection* db_;
  };

  Status Transact(const std::function<Status(SqlSession&)>& body) override {
    std::lock_guard<std::mutex> lock(mutex_);
    OPKOMST_RETURN_IF_ERROR(db_->Begin());
    Session session(db_.get());
    return Finish(body(session), [] {});
  }

  StatusOr<std::vector<SqlRow>> Query(const std::string& sql, const SqlRow& params) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return db_->Run(sql, params, "statement");
  }

 private:
  friend class SqlImport;

  StatusOr<StoreCounts> CountsHeld() {
    return CountsFrom(
        db_->Run("SELECT (SELECT count(*) FROM dossier), (SELECT count(*) FROM measurement), "
                 "(SELECT coalesce(sum(scored), 0) FROM score_sheet), "
                 "(SELECT coalesce(sum(answered), 0) FROM interview_sheet)",
                 {}, "counting"));
  }

  // The slots of `set` and, for each, the index of its indicator in the
  // codebook's set (-1: a name the codebook does not know).
  StatusOr<std::pair<storage::IndicatorSlots, std::vector<int>>> SlotsHeld(std::string_view set_id) {
    Session session(db_.get());
    OPKOMST_ASSIGN_OR_RETURN(storage::IndicatorSlots slots, storage::IndicatorSlots::Load(session, set_id));
    std::vector<int> indices = slots.IndicesIn(codebook_.indicator_set(std::string(set_id)));
    return std::pair{std::move(slots), std::move(indices)};
  }

  // Scores by dossier, moment and indicator name (the sheets by key, each
  // sheet's scores by name).
  Status ScoresHeld(const ScoreVisitor& visit) {
    OPKOMST_ASSIGN_OR_RETURN(auto slots, SlotsHeld(storage::kCaseStudySet));
    const TableShape& table = storage::ScoreSheetTable();
    Score score;
    return db_->Stream(SelectAll(table) + " ORDER BY dossier_id" + db_->ByteOrder() + ", moment", [&](const Row& r) {
      long long moment = r[1] ? ParseInteger(*r[1]).value_or(-1) : -1;
      if (!r[0] || moment < 0) return Incompatible("stored score sheet unreadable");
      score.dossier_id = *r[0];
      score.moment = static_cast<int>(moment);
      std::string_view date_text;
      std::optional<Date> date;
      return storage::ForEachScore(r[2], r[3], r[5], slots.first.ByName(), [&](const storage::SheetScore& s) {
        // An indicator the team added in the app (a name the codebook does
        // not know) is handed out by its name (Score::added_indicator).
        int indicator = slots.second[static_cast<size_t>(s.slot)];
        if (s.measured_on != date_text) {  // parsed once per sheet, as a rule
          date_text = s.measured_on;
          date = date_text.empty() ? std::nullopt : Date::Parse(date_text.substr(0, 10));
          if (!date_text.empty() && !date) return Incompatible("stored value unreadable: measured_on");
        }
        score.measured_on = date;
        score.indicator = indicator;
        if (indicator < 0)
          score.added_indicator = slots.first.Name(s.slot);
        else
          score.added_indicator.clear();
        score.score = s.code;
        return visit(score);
      });
    });
  }

  // Interview answers by respondent and indicator name.
  Status InterviewsHeld(const InterviewVisitor& visit) {
    OPKOMST_ASSIGN_OR_RETURN(auto slots, SlotsHeld(storage::kInterviewSet));
    const OptionList& tracks = codebook_.field("track").options;
    const TableShape& table = storage::InterviewSheetTable();
    InterviewAnswer answer;
    return db_->Stream(SelectAll(table) + " ORDER BY respondent_id" + db_->ByteOrder(), [&](const Row& r) {
      auto track = r[2] ? tracks.FindCode(*r[2]) : std::nullopt;
      if (!r[0] || !track) return Incompatible("stored interview sheet unreadable");
      answer.respondent_id = *r[0];
      answer.dossier_id = r[1].value_or("");
      answer.track = *track;
      return storage::ForEachAnswer(r[4], slots.first.ByName(), [&](const storage::SheetAnswer& a) {
        int indicator = slots.second[static_cast<size_t>(a.slot)];
        if (indicator < 0) return Incompatible("stored value unreadable: indicator=" + slots.first.Name(a.slot));
        answer.indicator = indicator;
        answer.score_start = a.start;
        answer.score_end = a.end;
        return visit(answer);
      });
    });
  }

  // Streams the rows of `sql`, each turned into a record by `parse` and
  // handed to `visit` with its row.
  template <typename Parse, typename Visit>
  Status StreamParsed(const std::string& sql, const Parse& parse, const Visit& visit) {
    return db_->Stream(sql, [&](const Row& row) -> Status {
      auto record = parse(codebook_, row);
      if (!record.ok()) return record.status();
      return visit(row, *record);
    });
  }

  int CurrentVersion() {
    auto rows = db_->Run("SELECT coalesce(max(version), 0) FROM schema_migrations", {}, "schema version");
    if (!rows.ok() || rows->empty() || rows->front().empty()) return 0;
    return static_cast<int>(IntegerOr(rows->front()[0], 0));
  }

  Status Migrate();
  // Migration 0014's data step (storage/score_sheets.h).
  Status MoveToSheets() {
    Session session(db_.get());
    std::unique_ptr<BulkWriter> writer = db_->NewBulkWriter();
    Status s = storage::MigrateToSheets(
        session, codebook_, [&](const std::string& sql, const auto& visit) { return db_->Stream(sql, visit); },
        [&](const TableShape& table, const Row& row) { return writer->Put(table, row); });
    if (s.ok()) s = writer->Finish();
    if (!s.ok()) {
      writer->Abandon();
      return s;
    }
    return db_->Exec("DROP TABLE score; DROP TABLE interview");
  }

  // What the stored layout lacks for this codebook; an error if they conflict.
  StatusOr<std::vector<std::pair<int, std::string>>> StoredLayoutChanges() {
    OPKOMST_ASSIGN_OR_RETURN(std::vector<Row> rows,
                             db_->Run("SELECT slot, entry FROM codebook_layout", {}, "reading codebook layout"));
    std::vector<std::pair<int, std::string>> stored;
    for (const Row& row : rows) stored.emplace_back(static_cast<int>(IntegerOr(row[0], -1)), row[1].value_or(""));
    return LayoutChanges(codebook_, stored);
  }

  Status SyncLayout() {
    OPKOMST_ASSIGN_OR_RETURN(auto changes, StoredLayoutChanges());
    if (changes.empty()) return Status::Ok();
    OPKOMST_RETURN_IF_ERROR(db_->Begin());
    Status s;
    for (const auto& [slot, entry] : changes) {
      s = db_->Run(
                 "INSERT INTO codebook_layout (slot, entry) VALUES (?, ?) "
                 "ON CONFLICT (slot) DO UPDATE SET entry = excluded.entry",
                 {Cell(std::to_string(slot)), Cell(entry)}, "recording codebook layout")
              .status();
      if (!s.ok()) break;
    }
    return Finish(s, [] {});
  }

  StatusOr<Dossier> GetDossierHeld(const std::string& id) {
    OPKOMST_ASSIGN_OR_RETURN(std::vector<Row> rows,
                             db_->Run(SelectAll(DossierTable(), ", version") + " WHERE dossier_id = ?", {Cell(id)},
                                      "reading dossier " + id));
    if (rows.empty()) return NotFound("dossier " + id + " does not exist");
    return DossierFromRow(codebook_, rows.front());
  }

  template <typename OnCommit>
  Status Finish(const Status& s, OnCommit on_commit) {
    if (!s.ok()) {
      (void)db_->Exec("ROLLBACK");
      return s;
    }
    OPKOMST_RETURN_IF_ERROR(db_->Exec("COMMIT"));
    on_commit();
    return Status::Ok();
  }

  std::unique_ptr<SqlConnection> db_;
  const Codebook& codebook_;
  std::mutex mutex_;
};

Status SqlStore::Initialise(const OpenOptions& options) {
  std::lock_guard<std::mutex> lock(mutex_);
  // An existing database without our schema is not an opkomst database:
  // never turn it (or a new empty one) into one unless asked to.
  if (!options.create_if_missing && !db_->HasSchema()) return NotFound("no opkomst database in " + Describe());
  OPKOMST_RETURN_IF_ERROR(db_->Configure());
  // The common case, a database that is up to date, needs no lock and no
  // DDL: two reads for every connection.
  int current = CurrentVersion(), latest = static_cast<int>(Migrations(db_->Dialect()).size());
  if (current == latest) {
    OPKOMST_ASSIGN_OR_RETURN(auto changes, StoredLayoutChanges());
    if (changes.empty()) return Status::Ok();
  }
  if (options.read_only && current < latest)
    return Incompatible(Describe() + " has schema version " + std::to_string(current) + ", older than this opkomst (" +
                        std::to_string(latest) + "): run `opkomst init --db " + Describe() + "` first");
  OPKOMST_RETURN_IF_ERROR(db_->LockMigrations());
  Status s = Migrate();
  if (s.ok()) s = SyncLayout();
  db_->UnlockMigrations();
  return s;
}

Status SqlStore::Migrate() {
  OPKOMST_RETURN_IF_ERROR(db_->Exec(db_->MigrationsTable()));
  int current = CurrentVersion();
  std::vector<Migration> migrations = Migrations(db_->Dialect());
  if (current > static_cast<int>(migrations.size()))
    return Incompatible(Describe() + " has schema version " + std::to_string(current) + ", newer than this opkomst (" +
                        std::to_string(migrations.size()) + ")");
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    OPKOMST_RETURN_IF_ERROR(db_->Begin());
    Status s = db_->Exec(std::string(m.sql));
    if (s.ok() && m.file == storage::kScoreSheetMigration) s = MoveToSheets();
    if (s.ok()) s = db_->Exec("INSERT INTO schema_migrations (version) VALUES (" + std::to_string(m.version) + ")");
    if (!s.ok()) {
      (void)db_->Exec("ROLLBACK");
      return Status(s.code(), "migration " + std::to_string(m.version) + " failed: " + s.message());
    }
    OPKOMST_RETURN_IF_ERROR(db_->Exec("COMMIT"));
  }
  return Status::Ok();
}

SqlImport::~SqlImport() {
  if (!open_) return;
  writer_->Abandon();
  writer_.reset();
  (void)store_->db_->Exec("ROLLBACK");
}

Status SqlImport::AddDossiers(const std::vector<Dossier>& dossiers) {
  // About three measurements a dossier: the sheets' map is not rehashed as it grows.
  dossiers_ += dossiers.size();
  score_sheets_.reserve(dossiers_ * 3);
  for (const Dossier& d : dossiers)
    OPKOMST_RETURN_IF_ERROR(writer_->Put(DossierTable(), DossierToRow(store_->codebook_, d)));
  return Status::Ok();
}

Status SqlImport::AddMeasurement(const std::string& id, const Measurement& m) {
  return writer_->Put(MeasurementTable(), MeasurementToRow(store_->codebook_, id, m));
}

Status SqlImport::PrepareSlots() {
  SqlStore::Session session(store_->db_.get());
  OPKOMST_ASSIGN_OR_RETURN(
      score_slots_,
      storage::EnsureSlots(session, store_->codebook_.indicator_set(std::string(storage::kCaseStudySet))));
  OPKOMST_ASSIGN_OR_RETURN(
      interview_slots_,
      storage::EnsureSlots(session, store_->codebook_.indicator_set(std::string(storage::kInterviewSet))));
  return Status::Ok();
}

Status SqlImport::AddScore(const Score& s) {
  if (s.indicator < 0 || static_cast<size_t>(s.indicator) >= score_slots_.size())
    return InvalidInput("score of dossier " + s.dossier_id + ": no such indicator");
  std::string key = s.dossier_id;
  key += '\x1f';
  key += std::to_string(s.moment);
  if (!score_sheets_[key].Put(score_slots_[static_cast<size_t>(s.indicator)], s.score, 1, s.measured_on))
    return AlreadyExists("dossier " + s.dossier_id + " has two scores for one indicator at measurement " +
                         std::to_string(s.moment));
  return Status::Ok();
}

Status SqlImport::AddInterview(const InterviewAnswer& a) {
  if (a.indicator < 0 || static_cast<size_t>(a.indicator) >= interview_slots_.size())
    return InvalidInput("interview answer of " + a.respondent_id + ": no such indicator");
  const OptionList& tracks = store_->codebook_.field("track").options;
  std::string track = a.track == kMissing ? std::string() : tracks.at(a.track).code;
  auto [it, added] = interview_sheets_.try_emplace(a.respondent_id, a.dossier_id, track);
  return it->second.Put(a.respondent_id, a.dossier_id, track, interview_slots_[static_cast<size_t>(a.indicator)],
                        a.score_start, a.score_end);
}

Status SqlImport::WriteSheets() {
  std::vector<const std::pair<const std::string, storage::ScoreSheet>*> scores;
  scores.reserve(score_sheets_.size());
  for (const auto& entry : score_sheets_) scores.push_back(&entry);
  std::sort(scores.begin(), scores.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  for (const auto* entry : scores) {
    size_t cut = entry->first.find('\x1f');
    int moment = static_cast<int>(ParseInteger(std::string_view(entry->first).substr(cut + 1)).value_or(0));
    OPKOMST_RETURN_IF_ERROR(
        writer_->Put(storage::ScoreSheetTable(), entry->second.ToRow(entry->first.substr(0, cut), moment)));
  }
  std::vector<const std::pair<const std::string, storage::InterviewSheet>*> answers;
  answers.reserve(interview_sheets_.size());
  for (const auto& entry : interview_sheets_) answers.push_back(&entry);
  std::sort(answers.begin(), answers.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
  for (const auto* entry : answers)
    OPKOMST_RETURN_IF_ERROR(writer_->Put(storage::InterviewSheetTable(), entry->second.ToRow(entry->first)));
  return Status::Ok();
}

Status SqlImport::Finish(const storage::AuditEntry* audit) {
  OPKOMST_RETURN_IF_ERROR(WriteSheets());
  OPKOMST_RETURN_IF_ERROR(writer_->Finish());
  // Once per import, in its transaction: cached reports are out of date
  // (migration 0008), also when the import added records to existing
  // dossiers only, which touches no dossier row.
  OPKOMST_RETURN_IF_ERROR(
      store_->db_->Run("UPDATE data_version SET counter = counter + 1 WHERE id = 1", {}, "data version").status());
  if (audit) {
    SqlStore::Session session(store_->db_.get());
    OPKOMST_RETURN_IF_ERROR(storage::InsertOutbox(session, *audit));
  }
  Status s = store_->db_->Exec("COMMIT");
  if (s.ok()) {
    open_ = false;
    writer_.reset();
    s = store_->db_->AfterImport();
    lock_.unlock();  // the store is free for others from here on
  }
  return s;
}

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenSqlStore(std::unique_ptr<SqlConnection> connection, const Codebook& codebook,
                                              const OpenOptions& options) {
  auto store = std::make_unique<SqlStore>(std::move(connection), codebook);
  OPKOMST_RETURN_IF_ERROR(store->Initialise(options));
  return std::unique_ptr<Store>(std::move(store));
}

namespace storage {

// Every ImportTransaction is a SqlImport: Store::Open makes only SQL stores.
Status CommitAudited(ImportTransaction& import, const AuditEntry& audit) {
  return static_cast<SqlImport&>(import).Finish(&audit);
}

}  // namespace storage

}  // namespace opkomst
