// The engine's case-study (Tables 20-25) and interview (Table 26) tables.
#include <algorithm>

#include "report/engine.h"
#include "report/stats.h"

namespace opkomst::report {
namespace {

// Fewer families than this with a valid pair: the cell is "-" (too few
// usable data, footnote 13).
constexpr size_t kMinFamilies = 3;

struct Pair {
  double first, last;
};

// Valid (numeric at both moments) pairs per indicator, per track column:
// column 0 = Opkomst, 1 = Opkomst+ (the case-study tables' order).
using CaseStudyPairs = std::vector<std::array<std::vector<Pair>, 2>>;

// One pass over the scored dossiers' first and latest scores (Dataset::
// spans): linear in the scores, no lookup per score.
CaseStudyPairs CollectPairs(const Dataset& data, const Populations& p) {
  const IndicatorSet& set = data.casestudy();
  const Code plus = *data.codebook().field("track").options.FindCode("opkomst_plus");
  std::vector<bool> in_population(data.size(), false);
  for (uint32_t i : p.Of(Population::kP5)) in_population[i] = true;
  // Each indicator's numeric value per code, looked up in a small table.
  std::vector<double> value;
  std::vector<bool> numeric;
  for (Code code = 0; code < 64; ++code) {
    auto v = set.NumericValue(code);
    value.push_back(v ? static_cast<double>(*v) : 0);
    numeric.push_back(v.has_value());
  }
  auto valid = [&](int8_t code) {
    return code >= 0 && static_cast<size_t>(code) < numeric.size() && numeric[static_cast<size_t>(code)];
  };
  const size_t width = std::min(data.score_width(), set.indicators.size());
  CaseStudyPairs pairs(set.indicators.size());
  const std::vector<uint32_t>& scored = data.scored_dossiers();
  for (size_t k = 0; k < scored.size(); ++k) {
    if (!in_population[scored[k]]) continue;
    size_t column = data.dossiers().track[scored[k]] == plus ? 1 : 0;
    const ScoreSpan* spans = data.spans(k);
    for (size_t i = 0; i < width; ++i) {
      const ScoreSpan& span = spans[i];
      // Rule E: two different moments, both with a numeric score.
      if (!span.scored() || span.first_moment == span.last_moment || !valid(span.first) || !valid(span.last)) continue;
      pairs[i][column].push_back({value[static_cast<size_t>(span.first)], value[static_cast<size_t>(span.last)]});
    }
  }
  return pairs;
}

// The pairs of this report, computed by whichever of Tables 20-25 comes first.
const CaseStudyPairs& SharedPairs(const Dataset& data, const Populations& p) {
  return p.Shared<CaseStudyPairs>(SharedWork::kCaseStudyPairs, [&] { return CollectPairs(data, p); });
}

double Mean(const std::vector<Pair>& pairs, bool last) {
  double sum = 0;
  for (const Pair& p : pairs) sum += last ? p.last : p.first;
  return sum / static_cast<double>(pairs.size());
}

std::vector<Pair> WithStatus(const std::vector<Pair>& pairs, int status) {
  std::vector<Pair> out;
  for (const Pair& p : pairs)
    if ((p.last > p.first ? 1 : p.last < p.first ? -1 : 0) == status) out.push_back(p);
  return out;
}

}  // namespace

void BuildCaseStudy(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  const IndicatorSet& set = data.casestudy();
  const CaseStudyPairs& pairs = SharedPairs(data, p);
  const char* tracks[] = {"Opkomst", "Opkomst+"};
  if (spec.variant == "domains") {  // T20: unweighted mean of the T21 means
    m->columns = {tracks[0], tracks[1]};
    std::vector<std::array<double, 2>> sum(set.domains.size() + 1, {0, 0});
    std::vector<std::array<int, 2>> count(set.domains.size() + 1, {0, 0});
    // The fewest families behind any mean in the average: what suppression weighs.
    std::vector<std::array<long long, 2>> fewest(set.domains.size() + 1, {0, 0});
    for (size_t i = 0; i < set.indicators.size(); ++i) {
      if (set.indicators[i].dropped) continue;
      for (size_t c = 0; c < 2; ++c) {
        if (pairs[i][c].size() < kMinFamilies) continue;
        double mean = Mean(pairs[i][c], false);
        for (size_t d : {static_cast<size_t>(0), static_cast<size_t>(set.indicators[i].domain) + 1}) {
          sum[d][c] += mean;
          ++count[d][c];
          long long families = static_cast<long long>(pairs[i][c].size());
          if (fewest[d][c] == 0 || families < fewest[d][c]) fewest[d][c] = families;
        }
      }
    }
    for (size_t d = 0; d <= set.domains.size(); ++d) {
      TableRow row{d == 0 ? "Alle indicatoren" : set.domains[d - 1].short_title_nl, {}, false};
      for (size_t c = 0; c < 2; ++c)
        row.cells.push_back(count[d][c] ? Cell::Number(sum[d][c] / count[d][c], 1, fewest[d][c]) : Cell::NotAnalysed());
      m->rows.push_back(row);
    }
    return;
  }
  const bool counts_only = spec.variant == "improved_count", start_only = spec.variant == "start";
  const int status = spec.variant == "improved" ? 1 : spec.variant == "declined" ? -1 : 0;
  const char* sign = status == 1 ? " +" : status == -1 ? "-" : " =";
  if (start_only || counts_only) {
    m->columns = {tracks[0], tracks[1]};
  } else {
    for (const char* t : tracks)
      for (std::string h : {std::string("M1") + sign, std::string("M2") + sign, std::string("n")})
        m->columns.push_back(std::string(t) + " " + h);
  }
  int many_improved[2] = {0, 0}, five_or_more[2] = {0, 0};
  for (size_t d = 0; d < set.domains.size(); ++d) {
    m->rows.push_back({set.domains[d].title_nl, {}, true});
    for (size_t i = 0; i < set.indicators.size(); ++i) {
      const Indicator& ind = set.indicators[i];
      if (ind.dropped || static_cast<size_t>(ind.domain) != d) continue;
      TableRow row{ind.label_nl, {}, false};
      for (size_t c = 0; c < 2; ++c) {
        const std::vector<Pair>& all = pairs[i][c];
        bool analysed = all.size() >= kMinFamilies;
        std::vector<Pair> chosen = WithStatus(all, counts_only ? 1 : status);
        if (counts_only && analysed && chosen.size() >= 6) ++many_improved[c];
        if (counts_only && analysed && chosen.size() >= 5) ++five_or_more[c];
        if (!analysed) {
          for (int k = 0; k < (start_only || counts_only ? 1 : 3); ++k) row.cells.push_back(Cell::NotAnalysed());
        } else if (start_only) {
          row.cells.push_back(Cell::Number(Mean(all, false), 1, static_cast<long long>(all.size())));
        } else if (counts_only) {
          row.cells.push_back(Cell::Count(static_cast<long long>(chosen.size())));
        } else if (chosen.empty()) {
          row.cells.insert(row.cells.end(), {Cell::None(), Cell::None(), Cell::Count(0)});
        } else {
          // The means carry their group's size, so suppression sees a mean of 1-4 families.
          long long n = static_cast<long long>(chosen.size());
          row.cells.insert(row.cells.end(), {Cell::Number(Mean(chosen, false), 1, n),
                                             Cell::Number(Mean(chosen, true), 1, n), Cell::Count(n)});
        }
        if (counts_only && analysed) {
          std::vector<double> before, after;
          for (const Pair& pr : all) before.push_back(pr.first), after.push_back(pr.last);
          TestResult t = Wilcoxon(before, after);
          if (t.valid)
            m->tests.push_back({std::string(tracks[c]) + ": " + ind.label_nl, "Wilcoxon (rangtekens)", t.statistic,
                                t.p_value, static_cast<long long>(all.size())});
        }
      }
      m->rows.push_back(row);
    }
  }
  if (counts_only) {
    m->rows.push_back({"Aantal indicatoren waarop 6 of meer gezinnen vooruitgang boekten",
                       {Cell::Count(many_improved[0]), Cell::Count(many_improved[1])},
                       false});
    // The report prints this count under the label above (I-19); both are
    // shown, so a reader can match the report and see the rule.
    m->rows.push_back({"Aantal indicatoren waarop 5 of meer gezinnen vooruitgang boekten",
                       {Cell::Count(five_or_more[0]), Cell::Count(five_or_more[1])},
                       false});
  }
}

void BuildInterview(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  const IndicatorSet& set = data.codebook().indicator_set("interview");
  m->columns = {"Gemiddelde bij start", "Gemiddelde bij einde", "Evolutie (verschil)",
                "Aantal vooruit",       "Aantal gelijk",        "Aantal achteruit"};
  std::vector<std::vector<Pair>> pairs(set.indicators.size());
  // The answers come in respondent order: a respondent is new where the id changes.
  size_t respondents = 0;
  const std::string* previous = nullptr;
  for (const InterviewAnswer& a : data.interviews()) {
    if (p.filters().track && a.track != *p.filters().track) continue;  // --track
    if (previous == nullptr || *previous != a.respondent_id) ++respondents;
    previous = &a.respondent_id;
    if (a.score_start && a.score_end)
      pairs[static_cast<size_t>(a.indicator)].push_back(
          {static_cast<double>(*a.score_start), static_cast<double>(*a.score_end)});
  }
  for (size_t i = 0; i < set.indicators.size(); ++i) {
    const std::vector<Pair>& all = pairs[i];
    TableRow row{set.indicators[i].label_nl, {}, false};
    if (all.empty()) {
      row.cells.assign(6, Cell::None());
    } else {
      double start = Mean(all, false), end = Mean(all, true);
      long long n = static_cast<long long>(all.size());
      row.cells = {Cell::Number(start, spec.decimals, n), Cell::Number(end, spec.decimals, n),
                   Cell::Number(end - start, spec.decimals, n)};  // rule 0.7: from the unrounded means
      for (int status : {1, 0, -1})
        row.cells.push_back(Cell::Number(static_cast<double>(WithStatus(all, status).size()), 2, n));
      std::vector<double> before, after;
      for (const Pair& pr : all) before.push_back(pr.first), after.push_back(pr.last);
      TestResult t = Wilcoxon(before, after);
      if (t.valid)
        m->tests.push_back({set.indicators[i].label_nl, "Wilcoxon (rangtekens)", t.statistic, t.p_value,
                            static_cast<long long>(all.size())});
    }
    m->rows.push_back(row);
  }
  m->notes.push_back("N = " + std::to_string(respondents) +
                     " mama's; gemiddelden over de mama's met een score bij start en bij einde.");
}

}  // namespace opkomst::report
