// Reads test cases on stdin and prints opkomst's statistics, one line each,
// for tests/report/stats_test.py to compare with scipy and statsmodels.
//   wilson K N            -> low high
//   mcnemar B C           -> statistic p
//   bowker K a11 .. aKK   -> statistic df p
//   wilcoxon N x1..xN y1..yN -> statistic p   (empty line if undefined)
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "report/stats.h"

int main() {
  using namespace opkomst::report;
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string kind;
    in >> kind;
    if (kind == "wilson") {
      long long k, n;
      in >> k >> n;
      auto [lo, hi] = WilsonInterval(k, n);
      std::printf("%.12g %.12g\n", lo, hi);
    } else if (kind == "mcnemar") {
      long long b, c;
      in >> b >> c;
      TestResult r = McNemarExact(b, c);
      std::printf("%.12g %.12g\n", r.statistic, r.p_value);
    } else if (kind == "bowker") {
      size_t k;
      in >> k;
      std::vector<std::vector<long long>> t(k, std::vector<long long>(k));
      for (auto& row : t)
        for (auto& v : row) in >> v;
      TestResult r = Bowker(t);
      std::printf("%.12g %d %.12g\n", r.statistic, r.df, r.p_value);
    } else if (kind == "wilcoxon") {
      size_t n;
      in >> n;
      std::vector<double> x(n), y(n);
      for (auto& v : x) in >> v;
      for (auto& v : y) in >> v;
      TestResult r = Wilcoxon(x, y);
      if (r.valid) {
        std::printf("%.12g %.12g\n", r.statistic, r.p_value);
      } else {
        std::printf("\n");
      }
    }
  }
  return 0;
}
