// Statistics the evaluation did not have: paired tests for every start/end
// comparison and confidence intervals for shares. Checked against scipy and
// statsmodels in tests/report/stats_test.py.
#ifndef OPKOMST_REPORT_STATS_H_
#define OPKOMST_REPORT_STATS_H_

#include <utility>
#include <vector>

namespace opkomst::report {

struct TestResult {
  double statistic = 0;
  double p_value = 1;
  int df = 0;       // chi-square tests
  long long n = 0;  // pairs used
  bool valid = false;
};

// 95% (z = 1.96) Wilson score interval for k successes in n, as fractions.
std::pair<double, double> WilsonInterval(long long k, long long n, double z = 1.959963984540054);

// Exact McNemar test for paired yes/no data: b = yes->no, c = no->yes.
// Two-sided binomial p (statsmodels mcnemar(exact=True)); statistic min(b, c).
TestResult McNemarExact(long long b, long long c);

// Bowker's test of symmetry of a square transition table
// (statsmodels SquareTable.symmetry("bowker")).
TestResult Bowker(const std::vector<std::vector<long long>>& table);

// Wilcoxon signed-rank test of paired scores, two-sided, as scipy.stats.
// wilcoxon(x, y) with its defaults (zero_method "wilcox", no continuity
// correction, method "auto": exact for n <= 50 without zero differences,
// else the normal approximation with tie correction).
TestResult Wilcoxon(const std::vector<double>& before, const std::vector<double>& after);

// Upper tail of the chi-square distribution.
double ChiSquareSurvival(double x, int df);

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_STATS_H_
