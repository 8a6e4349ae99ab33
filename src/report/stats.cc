#include "report/stats.h"

#include <algorithm>
#include <cmath>

namespace opkomst::report {
namespace {

// Regularised lower incomplete gamma P(a, x) (Numerical Recipes 6.2).
double GammaP(double a, double x) {
  if (x <= 0) return 0;
  double log_prefix = -x + a * std::log(x) - std::lgamma(a);
  if (x < a + 1) {
    double sum = 1 / a, term = sum;
    for (int n = 1; n < 1000; ++n) {
      term *= x / (a + n);
      sum += term;
      if (std::fabs(term) < std::fabs(sum) * 1e-15) break;
    }
    return sum * std::exp(log_prefix);
  }
  // Continued fraction for Q, modified Lentz.
  double b = x + 1 - a, c = 1e300, d = 1 / b, h = d;
  for (int i = 1; i < 1000; ++i) {
    double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (std::fabs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < 1e-15) break;
  }
  return 1 - std::exp(log_prefix) * h;
}

double NormalSurvival(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

// Average ranks (1-based) of `values`, ties sharing their mean rank.
std::vector<double> Ranks(const std::vector<double>& values) {
  std::vector<size_t> order(values.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    double rank = (static_cast<double>(i + j) / 2) + 1;
    for (size_t k = i; k <= j; ++k) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

// Probability of each positive rank sum for n untied ranks.
std::vector<double> WilcoxonDistribution(size_t n) {
  size_t top = n * (n + 1) / 2;
  std::vector<double> counts(top + 1, 0);
  counts[0] = 1;
  for (size_t k = 1; k <= n; ++k)
    for (size_t s = top; s >= k; --s) counts[s] += counts[s - k];
  double total = std::pow(2.0, static_cast<double>(n));
  for (double& c : counts) c /= total;
  return counts;
}

}  // namespace

double ChiSquareSurvival(double x, int df) {
  if (df <= 0) return 1;
  return std::max(0.0, 1 - GammaP(df / 2.0, x / 2.0));
}

std::pair<double, double> WilsonInterval(long long k, long long n, double z) {
  if (n <= 0) return {0, 0};
  double p = static_cast<double>(k) / static_cast<double>(n), nn = static_cast<double>(n);
  double center = (p + z * z / (2 * nn)) / (1 + z * z / nn);
  double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / (1 + z * z / nn);
  // At k = 0 (k = n) the bound is exactly 0 (1); rounding would leave 1e-16.
  return {k == 0 ? 0.0 : std::max(0.0, center - half), k == n ? 1.0 : std::min(1.0, center + half)};
}

TestResult McNemarExact(long long b, long long c) {
  TestResult r;
  r.n = b + c;
  r.statistic = static_cast<double>(std::min(b, c));
  r.valid = true;
  if (r.n == 0) return r;  // p = 1
  // P(X <= min) for X ~ Binomial(b + c, 1/2), doubled.
  double log_half_n = static_cast<double>(r.n) * std::log(0.5), cdf = 0;
  for (long long i = 0; i <= std::min(b, c); ++i)
    cdf += std::exp(std::lgamma(static_cast<double>(r.n) + 1) - std::lgamma(static_cast<double>(i) + 1) -
                    std::lgamma(static_cast<double>(r.n - i) + 1) + log_half_n);
  r.p_value = std::min(1.0, 2 * cdf);
  return r;
}

TestResult Bowker(const std::vector<std::vector<long long>>& t) {
  TestResult r;
  for (size_t i = 0; i < t.size(); ++i) {
    for (size_t j = 0; j < t.size(); ++j) r.n += t[i][j];
    for (size_t j = i + 1; j < t.size(); ++j) {
      double a = static_cast<double>(t[i][j]), b = static_cast<double>(t[j][i]);
      if (a + b > 0) r.statistic += (a - b) * (a - b) / (a + b);
    }
  }
  // statsmodels counts every off-diagonal pair as a degree of freedom.
  r.df = static_cast<int>(t.size() * (t.size() - 1) / 2);
  r.p_value = ChiSquareSurvival(r.statistic, r.df);
  r.valid = r.df > 0;
  return r;
}

TestResult Wilcoxon(const std::vector<double>& before, const std::vector<double>& after) {
  TestResult r;
  std::vector<double> d;
  size_t zeros = 0;
  for (size_t i = 0; i < before.size() && i < after.size(); ++i) {
    double diff = after[i] - before[i];
    d.push_back(diff);
    zeros += diff == 0;
  }
  if (d.empty() || zeros == d.size()) return r;  // scipy: undefined
  bool exact = d.size() <= 50 && zeros == 0;
  if (!exact) d.erase(std::remove(d.begin(), d.end(), 0.0), d.end());
  std::vector<double> magnitude(d.size());
  for (size_t i = 0; i < d.size(); ++i) magnitude[i] = std::fabs(d[i]);
  std::vector<double> ranks = Ranks(magnitude);
  double plus = 0, minus = 0;
  for (size_t i = 0; i < d.size(); ++i) (d[i] > 0 ? plus : minus) += ranks[i];
  r.statistic = std::min(plus, minus);
  r.n = static_cast<long long>(d.size());
  r.valid = true;
  double n = static_cast<double>(d.size());
  if (exact) {
    std::vector<double> pmf = WilcoxonDistribution(d.size());
    size_t observed = static_cast<size_t>(plus);  // scipy truncates tied sums too
    if (observed == (pmf.size() - 1) / 2) {
      r.p_value = 1;
    } else {
      double less = 0, greater = 0;
      for (size_t s = 0; s < pmf.size(); ++s) (s <= observed ? less : greater) += pmf[s];
      greater += pmf[observed];
      r.p_value = std::min(1.0, 2 * std::min(less, greater));
    }
    return r;
  }
  double mean = n * (n + 1) * 0.25, variance = n * (n + 1) * (2 * n + 1);
  std::vector<double> sorted = ranks;
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    while (j + 1 < sorted.size() && sorted[j + 1] == sorted[i]) ++j;
    double t = static_cast<double>(j - i + 1);
    if (t > 1) variance -= 0.5 * t * (t * t - 1);
    i = j + 1;
  }
  double z = (r.statistic - mean) / std::sqrt(variance / 24);
  r.p_value = std::min(1.0, 2 * NormalSurvival(std::fabs(z)));
  return r;
}

}  // namespace opkomst::report
