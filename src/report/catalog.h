// The declarations of every table and figure: which population, which
// variables, which rows and columns, which statistic. One engine reads them
// (engine.h); adding a table for a new variable is a few lines in
// catalog.cc.
#ifndef OPKOMST_REPORT_CATALOG_H_
#define OPKOMST_REPORT_CATALOG_H_

#include <string>
#include <vector>

#include "domain/codebook.h"
#include "report/population.h"
#include "report/table.h"

namespace opkomst::report {

enum class Kind {
  kPopulationSizes,  // T1
  kStartYears,       // T2
  kDuration,         // T3
  kSummary,          // T4, T6: mean / min / max of a number
  kDistribution,     // shares of the categories of one variable
  kYesShare,         // share of `ja` per item, over every dossier
  kItemCounts,       // mean number of `ja` and of unknown items
  kHousingSplit,     // T16
  kEvolution,        // T17-T19: paired yes-shares between two moments
  kCrossTab,         // T27-T29 and their figures
  kTransition,       // a start -> end transition matrix
  kCaseStudy,        // T20-T25
  kInterview,        // T26
  kText,             // a figure without data (a scheme, an instrument)
  kKeyFigures,       // K1-K8: the press slide's key figures (keyfigures.h)
  kGroupWork,        // T35-T39, F23-F24: group work and support money (engine_groups.cc)
  kReferrals,        // T30-T34, F21-F22: the intake's referral analytics (engine_referrals.cc)
};

enum class Columns {
  kTracks,      // Opkomst+ | Opkomst | Totaal
  kTracksN,     // Opkomst+ | Opkomst | Totaal | N
  kTotal,       // % | N, with a Totaal row
  kStartYears,  // one column per start year
  kMoments,     // Bij start | Bij einde
  kPooled,      // one column: all dossiers
};

// A row (or crosstab column) that collects one or more codes. The code ""
// stands for "not filled in".
struct Group {
  std::string label;
  std::vector<std::string> codes;
};

struct TableSpec {
  std::string id;
  std::string title;
  Kind kind = Kind::kDistribution;
  Population population = Population::kP2;
  Moment moment = Moment::kStart;
  Moment to = Moment::kEnd;
  // A codebook variable, a dossier field (track, pregnant_at_start,
  // first_pregnancy, referrer_type), or a derived one (referrer_group,
  // mother_age_band, income_father_has_income, housing_quality). Item
  // tables list several.
  std::vector<std::string> variables;
  std::vector<Group> rows;     // empty: one row per option
  std::vector<Group> columns;  // crosstabs: the column variable's groups
  Columns layout = Columns::kTracks;
  bool drop_unknown = false;    // missing and `onbekend` leave the denominator
  bool column_percent = false;  // crosstabs: column instead of row shares
  int decimals = 1;
  std::string corner;
  std::string variant;  // a kind's sub-statistic, e.g. "improved" for T23
  std::vector<std::string> notes;
  // Remarks about the published evaluation itself (its printed numbers, the
  // inconsistencies I-nn of REPORT_SPEC): only in a report built with
  // evaluation notes (BuildReport), never in the team's live report.
  std::vector<std::string> evaluation_notes;
  ChartSpec chart;
  // Row labels as this table of the report prints them, where it differs
  // from the codebook (e.g. Table 18's "Inschrijving soc. huisvesting").
  std::vector<std::pair<std::string, std::string>> relabel;
};

const std::vector<TableSpec>& Catalog();
// The tables and figures of group work and support money (engine_groups.cc).
std::vector<TableSpec> GroupWorkSpecs();
const TableSpec* FindSpec(const std::string& id);

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_CATALOG_H_
