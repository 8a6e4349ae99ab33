#include "storage/dossier_writes.h"

#include "domain/record_rules.h"
#include "domain/text.h"
#include "domain/validation.h"
#include "storage/rows.h"

namespace opkomst::storage {
namespace {

std::string Placeholders(size_t count) {
  std::string marks;
  for (size_t i = 0; i < count; ++i) marks += i ? ",?" : "?";
  return marks;
}

// The mother's stored trajectories, numbered by the domain's one rule.
StatusOr<int> NumberTrajectory(SqlSession& session, const Dossier& d) {
  OPKOMST_RETURN_IF_ERROR(session.LockMother(d.mother_id));
  OPKOMST_ASSIGN_OR_RETURN(
      auto rows, session.Query("SELECT dossier_id, trajectory_number, start_date FROM dossier WHERE mother_id = ?",
                               {d.mother_id}));
  KnownDossiers mothers;
  for (const SqlRow& row : rows) {
    Date start = Date::Parse(std::string_view(row[2].value_or("")).substr(0, 10)).value_or(Date());
    int number = static_cast<int>(ParseInteger(row[1].value_or("0")).value_or(0));
    mothers[row[0].value_or("")] = {d.mother_id, number, kMissing, start};
  }
  return NewTrajectoryNumber(mothers, d);
}

}  // namespace

Status InsertDossier(SqlSession& session, const Codebook& codebook, Dossier* d) {
  if (d->trajectory_number == 0) {
    OPKOMST_ASSIGN_OR_RETURN(d->trajectory_number, NumberTrajectory(session, *d));
  }
  const TableShape& table = DossierTable();
  OPKOMST_RETURN_IF_ERROR(
      session
          .Query("INSERT INTO dossier (" + table.column_list + ") VALUES (" + Placeholders(table.columns.size()) + ")",
                 DossierToRow(codebook, *d))
          .status());
  d->version = 1;
  return Status::Ok();
}

Status BumpVersion(SqlSession& session, const std::string& id, int64_t expected) {
  OPKOMST_RETURN_IF_ERROR(session
                              .Query(std::string("UPDATE dossier SET version = version + 1, updated_at = ") +
                                         session.Now() + " WHERE dossier_id = ? AND version = ?",
                                     {id, std::to_string(expected)})
                              .status());
  if (session.Changes() > 0) return Status::Ok();
  OPKOMST_ASSIGN_OR_RETURN(auto found, session.Query("SELECT version FROM dossier WHERE dossier_id = ?", {id}));
  if (found.empty()) return NotFound("dossier " + id + " does not exist");
  return Conflict("dossier " + id + " was changed by someone else (version " + found.front()[0].value_or("?") +
                  ", your copy is version " + std::to_string(expected) + ")");
}

Status WriteDossier(SqlSession& session, const Codebook& codebook, Dossier* d) {
  OPKOMST_RETURN_IF_ERROR(BumpVersion(session, d->dossier_id, d->version));
  const auto& columns = DossierTable().columns;
  std::string sql = "UPDATE dossier SET ";
  for (size_t i = 1; i < columns.size(); ++i) sql += columns[i] + (i + 1 < columns.size() ? " = ?, " : " = ?");
  sql += " WHERE dossier_id = ?";
  Row row = DossierToRow(codebook, *d);
  SqlRow params(row.begin() + 1, row.end());
  params.push_back(row[0]);
  OPKOMST_RETURN_IF_ERROR(session.Query(sql, params).status());
  ++d->version;
  return Status::Ok();
}

StatusOr<int64_t> WriteMeasurement(SqlSession& session, const Codebook& codebook, const std::string& id,
                                   int64_t expected, const Measurement& m) {
  OPKOMST_RETURN_IF_ERROR(BumpVersion(session, id, expected));
  const TableShape& table = MeasurementTable();
  OPKOMST_RETURN_IF_ERROR(session
                              .Query("INSERT INTO measurement (" + table.column_list + ") VALUES (" +
                                         Placeholders(table.columns.size()) +
                                         ") ON CONFLICT (dossier_id, moment) DO UPDATE SET measured_on = "
                                         "excluded.measured_on, answers = excluded.answers",
                                     MeasurementToRow(codebook, id, m))
                              .status());
  return expected + 1;
}

}  // namespace opkomst::storage
