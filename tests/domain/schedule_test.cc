// The group calendar's rules (domain/schedule.h): Brussels time across both
// summer-time changes, the session rhythm, the three reminders.
#include "domain/schedule.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace opkomst::groups {
namespace {

Date D(const char* text) { return *Date::Parse(text); }
LocalTime L(const char* date, int hour, int minute = 0) { return {D(date), hour * 60 + minute}; }

TEST(BrusselsTime, ChangesOnTheLastSundaysOfMarchAndOctober) {
  struct Case {
    const char* date;
    int hour, minute;
    const char* expected;  // RFC 3339 with offset, after the round trip
  };
  const Case cases[] = {
      {"2026-01-15", 10, 0, "2026-01-15T10:00:00+01:00"},
      {"2026-03-29", 1, 59, "2026-03-29T01:59:00+01:00"},  // the last winter minute
      {"2026-03-29", 2, 30, "2026-03-29T03:30:00+02:00"},  // does not exist: an hour later
      {"2026-03-29", 3, 0, "2026-03-29T03:00:00+02:00"},
      {"2026-07-01", 10, 0, "2026-07-01T10:00:00+02:00"},
      {"2026-10-25", 2, 30, "2026-10-25T02:30:00+02:00"},  // twice: the summer one first
      {"2026-10-25", 3, 0, "2026-10-25T03:00:00+01:00"},
      {"2027-03-28", 9, 0, "2027-03-28T09:00:00+02:00"},
      {"2027-10-31", 9, 0, "2027-10-31T09:00:00+01:00"},
  };
  for (const Case& c : cases) EXPECT_EQ(FormatBrussels(BrusselsToUtc(L(c.date, c.hour, c.minute))), c.expected);
  // The instants themselves: 2026-03-29 01:00 UTC and 2026-10-25 01:00 UTC.
  EXPECT_EQ(SummerTimeStart(2026), 1774746000);
  EXPECT_EQ(SummerTimeEnd(2026), 1792890000);
  EXPECT_EQ(BrusselsOffsetMinutes(SummerTimeStart(2026) - 1), 60);
  EXPECT_EQ(BrusselsOffsetMinutes(SummerTimeStart(2026)), 120);
  EXPECT_EQ(BrusselsOffsetMinutes(SummerTimeEnd(2026) - 1), 120);
  EXPECT_EQ(BrusselsOffsetMinutes(SummerTimeEnd(2026)), 60);
}

// An independent oracle: the system's tz database, where installed. Every
// hour of 2025-2028 must agree.
TEST(BrusselsTime, AgreesWithTheTzDatabase) {
  if (!std::filesystem::exists("/usr/share/zoneinfo/Europe/Brussels")) GTEST_SKIP() << "no tz database";
  const char* old = std::getenv("TZ");
  std::string saved = old ? old : "";
  setenv("TZ", "Europe/Brussels", 1);
  tzset();
  int64_t from = 1735689600, to = 1861920000;  // 2025-01-01 .. 2029-01-01 UTC
  int mismatches = 0;
  for (int64_t t = from; t < to; t += 1800) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    LocalTime ours = UtcToBrussels(t);
    LocalTime theirs{*Date::FromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), tm.tm_hour * 60 + tm.tm_min};
    if (!(ours == theirs) || BrusselsOffsetMinutes(t) * 60 != tm.tm_gmtoff) ++mismatches;
    // Back from wall-clock time: the same instant, except the second pass
    // of the doubled autumn hour, which reads as the first.
    bool second_pass = tm.tm_isdst == 0 && BrusselsOffsetMinutes(t - 3600) == 120;
    if (BrusselsToUtc(ours) != (second_pass ? t - 3600 : t)) ++mismatches;
  }
  if (old)
    setenv("TZ", saved.c_str(), 1);
  else
    unsetenv("TZ");
  tzset();
  EXPECT_EQ(mismatches, 0);
}

TEST(SessionPlan, FortnightlyBeforeTheBirthMonthlyAfter) {
  Findings findings;
  // Window 2026-06-01 .. 2026-06-29: the group's birth is 2026-06-15.
  auto plan = PlanSessions({D("2026-06-01"), D("2026-06-29"), 12, 2, 600}, &findings);
  ASSERT_TRUE(findings.empty());
  ASSERT_EQ(plan.size(), 12u);
  // 12 weeks before 2026-06-15 is Monday 2026-03-23; moved to Tuesday.
  const char* expected[] = {"2026-03-24", "2026-04-07", "2026-04-21", "2026-05-05", "2026-05-19", "2026-06-02",
                            "2026-07-21", "2026-08-18", "2026-09-15", "2026-10-20", "2026-11-17", "2026-12-15"};
  for (size_t i = 0; i < plan.size(); ++i) {
    EXPECT_EQ(plan[i].start.date.ToString(), expected[i]) << i;
    EXPECT_EQ(IsoWeekday(plan[i].start.date), 2);
    EXPECT_EQ(plan[i].start.minute, 600);
    EXPECT_EQ(plan[i].after_birth, i >= 6);
    EXPECT_TRUE(IsTopic(plan[i].topic)) << plan[i].topic;
  }
  EXPECT_EQ(plan.back().topic, "afscheid");
  // Ten meetings: four after the birth, ending about four months after it.
  auto ten = PlanSessions({D("2026-06-01"), D("2026-06-29"), 10, 0, 600}, &findings);
  ASSERT_EQ(ten.size(), 10u);
  EXPECT_EQ(ten.front().start.date.ToString(), "2026-03-23");
  EXPECT_EQ(ten.back().start.date.ToString(), "2026-10-15");
}

TEST(SessionPlan, RefusesWhatBreaksARuleNamingTheField) {
  struct Case {
    PlanRequest request;
    const char* column;
    const char* rule;
  };
  const Case cases[] = {
      {{D("2026-06-29"), D("2026-06-01"), 12, 0, 600}, "due_to", "group.window_order"},
      {{D("2026-01-01"), D("2026-06-01"), 12, 0, 600}, "due_to", "group.window_length"},
      {{D("2026-06-01"), D("2026-06-29"), 9, 0, 600}, "meetings", "value.range"},
      {{D("2026-06-01"), D("2026-06-29"), 13, 0, 600}, "meetings", "value.range"},
      {{D("2026-06-01"), D("2026-06-29"), 12, 8, 600}, "weekday", "value.range"},
  };
  for (const Case& c : cases) {
    Findings findings;
    EXPECT_TRUE(PlanSessions(c.request, &findings).empty());
    ASSERT_EQ(findings.count(), 1u) << c.rule;
    EXPECT_EQ(findings.items()[0].column, c.column);
    EXPECT_EQ(findings.items()[0].rule, c.rule);
    EXPECT_TRUE(HasRule(c.rule));
  }
}

TEST(Reminders, StayAtTheLocalHourAcrossBothChanges) {
  struct Case {
    LocalTime session;
    const char* week;
    const char* day;
    const char* same;
  };
  const Case cases[] = {
      // Session in summer time, week-before reminder still in winter time.
      {L("2026-04-02", 14), "2026-03-26T09:00:00+01:00", "2026-04-01T09:00:00+02:00", "2026-04-02T09:00:00+02:00"},
      // Session on the spring change day itself.
      {L("2026-03-29", 14), "2026-03-22T09:00:00+01:00", "2026-03-28T09:00:00+01:00", "2026-03-29T09:00:00+02:00"},
      // Autumn: week before in summer time, session in winter time.
      {L("2026-10-28", 10), "2026-10-21T09:00:00+02:00", "2026-10-27T09:00:00+01:00", "2026-10-28T08:00:00+01:00"},
      // An early session: the same-day reminder never before 07:00.
      {L("2026-10-25", 8), "2026-10-18T09:00:00+02:00", "2026-10-24T09:00:00+02:00", "2026-10-25T07:00:00+01:00"},
  };
  for (const Case& c : cases) {
    auto reminders = RemindersFor(c.session);
    ASSERT_EQ(reminders.size(), 3u);
    EXPECT_EQ(reminders[0].kind, ReminderKind::kWeekBefore);
    EXPECT_EQ(FormatBrussels(reminders[0].due_utc), c.week);
    EXPECT_EQ(FormatBrussels(reminders[1].due_utc), c.day);
    EXPECT_EQ(FormatBrussels(reminders[2].due_utc), c.same);
  }
}

TEST(Attendance, ThreeValuesRoundTrip) {
  for (Attendance a : {Attendance::kPresent, Attendance::kExcused, Attendance::kAbsent})
    EXPECT_EQ(ParseAttendance(AttendanceName(a)), a);
  EXPECT_FALSE(ParseAttendance("aanwezig "));
  EXPECT_FALSE(ParseAttendance(""));
  EXPECT_EQ(ParseClock("09:30"), 570);
  EXPECT_FALSE(ParseClock("24:00"));
  EXPECT_FALSE(ParseClock("9:30"));
}

}  // namespace
}  // namespace opkomst::groups
