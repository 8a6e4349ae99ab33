// The report engine: turns a TableSpec (catalog.h) and the data into a
// TableModel (table.h). One function per kind of statistic.
#ifndef OPKOMST_REPORT_ENGINE_H_
#define OPKOMST_REPORT_ENGINE_H_

#include <functional>
#include <string>
#include <vector>

#include "report/catalog.h"
#include "report/dataset.h"
#include "report/population.h"
#include "report/table.h"

namespace opkomst::report {

TableModel BuildTable(const TableSpec& spec, const Dataset& data, const Populations& populations);

// ---- shared by the engine's parts (engine_*.cc) ----------------------------

// Reads one variable (a codebook variable, a dossier field or a derived
// one) as a column of codes per moment.
struct Accessor {
  const OptionList* options = nullptr;  // nullptr for counts
  std::string label;
  const Dataset* data = nullptr;
  int variable = -1;                           // a codebook variable's index, or
  const std::vector<int8_t>* field = nullptr;  // a dossier column (the same at every moment)

  // The codes at `moment`, one per dossier. Resolve it once per table,
  // outside the loop over the dossiers: reading a code is then one load.
  const int8_t* Column(Moment moment) const { return variable >= 0 ? data->Column(moment, variable) : field->data(); }
};
// Aborts on a name that is none of these: the catalog is part of the program.
Accessor Access(const Dataset& data, const std::string& name);

// The rows of a distribution-like table: each code (and "not filled in")
// mapped to a row index, or -1 when it leaves the table.
struct Grouping {
  std::vector<std::string> labels;
  std::vector<int> of_code;  // index code + 1 (0 = not filled in)
  int Row(Code code) const { return of_code[static_cast<size_t>(code + 1)]; }
};
Grouping MakeGrouping(const Accessor& accessor, const std::vector<Group>& groups, bool drop_unknown,
                      const Dataset& data, const std::vector<uint32_t>& population, Moment moment);

// The dossiers of `population` split by track: {Opkomst+, Opkomst, all}.
std::vector<std::vector<uint32_t>> ByTrack(const Dataset& data, const std::vector<uint32_t>& population);
Code Yes(const Accessor& accessor);
Code Unknown(const Accessor& accessor);

void BuildCaseStudy(const TableSpec& spec, const Dataset& data, const Populations& populations, TableModel* model);
void BuildInterview(const TableSpec& spec, const Dataset& data, const Populations& populations, TableModel* model);
void BuildCrossTab(const TableSpec& spec, const Dataset& data, const Populations& populations, TableModel* model);
void BuildTransition(const TableSpec& spec, const Dataset& data, const Populations& populations, TableModel* model);
void BuildGroupWork(const TableSpec& spec, const Dataset& data, const Populations& populations, TableModel* model);
void BuildEvolution(const TableSpec& spec, const Dataset& data, const Populations& populations, TableModel* model);
void BuildReferrals(const TableSpec& spec, const Dataset& data, const Filters& filters, TableModel* model);

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_ENGINE_H_
