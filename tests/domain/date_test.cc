#include "domain/date.h"

#include <gtest/gtest.h>

namespace opkomst {
namespace {

struct ParseCase {
  const char* text;
  bool valid;
};

TEST(DateTest, ParsesOnlyRealCalendarDays) {
  const ParseCase cases[] = {
      {"2023-09-30", true},  {"2020-02-29", true},  {"2023-02-29", false}, {"2023-02-30", false},
      {"2023-13-01", false}, {"2023-00-10", false}, {"2023-1-01", false},  {"23-09-30", false},
      {"2023/09/30", false}, {"30-09-2023", false}, {"", false},           {"2023-09-30 ", false},
      {"1899-12-31", false}, {"2199-12-31", true},  {"2023-04-31", false}, {"abcd-ef-gh", false},
  };
  for (const ParseCase& c : cases) EXPECT_EQ(Date::Parse(c.text).has_value(), c.valid) << c.text;
}

TEST(DateTest, RoundTripsThroughText) {
  for (int days = -25000; days < 80000; days += 37) {
    Date d = Date::FromDays(days);
    auto parsed = Date::Parse(d.ToString());
    if (d.year() < 1900 || d.year() > 2199) continue;
    ASSERT_TRUE(parsed.has_value()) << d.ToString();
    EXPECT_EQ(*parsed, d);
  }
  EXPECT_EQ(Date::FromYmd(1970, 1, 1)->days(), 0);
  EXPECT_EQ(Date::FromYmd(2023, 9, 30)->ToString(), "2023-09-30");
}

struct MonthsCase {
  const char* from;
  const char* to;
  int months;
};

TEST(DateTest, CountsWholeMonthsLikeAChildsAge) {
  const MonthsCase cases[] = {
      {"2023-01-15", "2023-03-14", 1},  {"2023-01-15", "2023-03-15", 2}, {"2023-03-15", "2023-01-15", -2},
      {"2023-05-01", "2023-01-20", -3}, {"2022-12-31", "2023-01-01", 0}, {"2020-02-29", "2021-02-28", 11},
      {"2023-01-01", "2023-01-01", 0},
  };
  for (const MonthsCase& c : cases)
    EXPECT_EQ(WholeMonthsBetween(*Date::Parse(c.from), *Date::Parse(c.to)), c.months) << c.from << " " << c.to;
}

TEST(DateTest, AddMonthsClampsToTheMonthsLastDay) {
  EXPECT_EQ(Date::Parse("2023-01-31")->AddMonths(1).ToString(), "2023-02-28");
  EXPECT_EQ(Date::Parse("2023-08-31")->AddMonths(-6).ToString(), "2023-02-28");
  EXPECT_EQ(Date::Parse("2023-11-15")->AddMonths(3).ToString(), "2024-02-15");
}

}  // namespace
}  // namespace opkomst
