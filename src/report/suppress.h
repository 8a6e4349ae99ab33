// Small-cell suppression for tables that leave the team.
//
// Primary: every cell whose count is 1..k-1 is hidden, and so is every
// share or mean computed over fewer than k dossiers. Secondary: in every row
// and every column of a table, a single hidden cell could be recovered by
// subtracting the visible cells from the line's total (the Totaal column,
// the N row, the denominators in the notes), so while a line has exactly one
// hidden cell the smallest visible non-zero count of that line is hidden
// too. Changes derived from a hidden share (Evolutie columns) are hidden, and
// so is a mean whose base is a hidden count of its row.
#ifndef OPKOMST_REPORT_SUPPRESS_H_
#define OPKOMST_REPORT_SUPPRESS_H_

#include "report/table.h"

namespace opkomst::report {

void Suppress(TableModel* table, int k);

// True if a cell holds a count that could identify families (for tests).
bool CarriesCount(const Cell& cell);

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_SUPPRESS_H_
