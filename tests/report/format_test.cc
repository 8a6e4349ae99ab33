#include "report/format.h"

#include <gtest/gtest.h>

namespace opkomst::report {
namespace {

struct Case {
  double value;
  int decimals;
  const char* text;
};

TEST(FormatTest, HalfUpWithADecimalComma) {
  const Case cases[] = {{37.0, 1, "37,0"},  {12.5, 0, "13"},   {3.625, 2, "3,63"}, {1.375, 2, "1,38"},
                        {-2.9, 1, "-2,9"},  {-0.04, 1, "0,0"}, {0.145, 2, "0,15"}, {6.35, 1, "6,4"},
                        {-1.05, 1, "-1,1"}, {100, 0, "100"},   {2.0, 0, "2"}};
  for (const Case& c : cases) EXPECT_EQ(FormatNumber(c.value, c.decimals), c.text) << c.value;
}

TEST(FormatTest, PValuesWithADecimalComma) {
  const std::pair<double, const char*> cases[] = {
      {1.0, "1,0000"}, {0.03125, "0,0313"}, {0.0001, "0,0001"}, {0.00009, "< 0,0001"}, {0.0, "< 0,0001"}};
  for (const auto& [p, text] : cases) EXPECT_EQ(FormatPValue(p), text) << p;
}

TEST(FormatTest, CellsPrintAsTheReportPrintsThem) {
  EXPECT_EQ(FormatCell(Cell::Percent(105, 284)), "37,0%");
  EXPECT_EQ(FormatCell(Cell::PercentCount(17, 29)), "58,6% (17)");
  EXPECT_EQ(FormatCell(Cell::Percent(0, 0)), "/");
  EXPECT_EQ(FormatCell(Cell::NotAnalysed()), "-");
  EXPECT_EQ(FormatCell(Cell::Count(284)), "284");
}

}  // namespace
}  // namespace opkomst::report
