// "Opkomst in cijfers": the key figures of the press presentation of 16
// April 2024, computed live for a cut-off date and the report's filters,
// beside the value the evaluation published at its cut-off (2023-09-30).
//
// The figures are report tables (catalog.cc, kind kKeyFigures): K1 is the
// summary (one row per figure and track), K2-K8 give each figure per year
// of start since 2020 with a small chart, and K9 is the case-study figure
// (its own table: it reads the case-study families P5, which a researcher's
// window rarely releases). So every output format (text,
// csv, json, html, xlsx) carries them, and small cells are suppressed as in
// every other table. The declarations below (labels, one-sentence
// definitions in Dutch and English, the published value and the named rule
// where it cannot be reproduced) are data; docs/key-figures.md explains
// them.
#ifndef OPKOMST_REPORT_KEYFIGURES_H_
#define OPKOMST_REPORT_KEYFIGURES_H_

#include <string>
#include <vector>

#include "report/catalog.h"
#include "report/dataset.h"
#include "report/population.h"
#include "report/table.h"

namespace opkomst::report {

// The evaluation's cut-off, the moment the published values describe.
inline constexpr const char* kKeyFigureBaselineDate = "2023-09-30";

// One figure of the slide.
struct KeyFigure {
  std::string id;     // "moeders", ... (stable: the web page and tests use it)
  std::string table;  // its table over time ("K2"), empty if it has none
  std::string label_nl, label_en;
  std::string definition_nl, definition_en;  // population, numerator, denominator, rounding
};

// One row of the summary K1: a figure for one track (or all).
struct KeyFigureRow {
  std::string figure;     // KeyFigure::id
  std::string track;      // "" = all tracks, else the track's code
  std::string label;      // the row label of K1 (Dutch)
  std::string published;  // the slide's value at kKeyFigureBaselineDate
  // Where the published value cannot come out of the stated rule: the
  // named difference (as docs/report-decisions.md names them); else empty.
  std::string difference_nl, difference_en;
};

const std::vector<KeyFigure>& KeyFigures();
const std::vector<KeyFigureRow>& KeyFigureRows();
const KeyFigure* FindKeyFigure(const std::string& id);

// A share as the slide words it: "1 op 3" when the share lies within 2,5
// percentage points of 1/N for some N in 2..10 (the nearest such N; a tie
// goes to the smaller N), else "k op 10" with k the share in tenths
// rounded half up ("minder dan 1 op 10" when k is 0). English: "1 in 3".
std::string ShareAsFraction(long long count, long long denominator, bool english = false);

// Fills K1 (variant "summary"), K9 (variant "casestudy") or a figure's
// table over time (variant = the figure's id).
void BuildKeyFigures(const TableSpec& spec, const Dataset& data, const Populations& populations, TableModel* model);

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_KEYFIGURES_H_
