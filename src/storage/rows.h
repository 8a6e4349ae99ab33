// How domain records map to table rows, shared by both backends: every
// value travels as text (or NULL) in a fixed column order, so the SQL
// dialects differ only in their statements, not in their mapping.
#ifndef OPKOMST_STORAGE_ROWS_H_
#define OPKOMST_STORAGE_ROWS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/codebook.h"
#include "domain/dossier.h"

namespace opkomst {

using Cell = std::optional<std::string>;
using Row = std::vector<Cell>;

// A table as the store writes it: its name and the columns its *ToRow
// function fills, in order.
struct TableShape {
  std::string name;
  std::vector<std::string> columns;
  std::string column_list;  // the columns as SQL: "dossier_id, mother_id, ..."
};
const TableShape& DossierTable();
const TableShape& MeasurementTable();
// Scores and interview answers: storage/score_sheets.h.

// Columns of table dossier that DossierToRow fills, in order.
const std::vector<std::string>& DossierTableColumns();
// The same columns as SQL: "dossier_id, mother_id, ...".
const std::string& DossierColumnList();
Row DossierToRow(const Codebook& codebook, const Dossier& dossier);
// `row` holds DossierTableColumns() followed by version.
StatusOr<Dossier> DossierFromRow(const Codebook& codebook, const Row& row);

// measurement: dossier_id, moment, measured_on, answers
Row MeasurementToRow(const Codebook& codebook, const std::string& dossier_id, const Measurement& m);
StatusOr<Measurement> MeasurementFromRow(const Codebook& codebook, const Row& row);

// Migration files of a dialect ("sqlite" or "postgres"), version order.
struct Migration {
  int version;
  std::string_view sql;
  std::string_view file;  // "0014_score_sheets.sql"
};
std::vector<Migration> Migrations(std::string_view dialect);

// Compares the stored slot layout with the codebook's. Returns the slots to
// append (new variables or new codes at the end), or kIncompatible if a
// stored slot changed meaning.
StatusOr<std::vector<std::pair<int, std::string>>> LayoutChanges(
    const Codebook& codebook, const std::vector<std::pair<int, std::string>>& stored);

}  // namespace opkomst

#endif  // OPKOMST_STORAGE_ROWS_H_
