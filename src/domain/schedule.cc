#include "domain/schedule.h"

#include <algorithm>
#include <cstdio>

namespace opkomst::groups {
namespace {

constexpr int64_t kDay = 86400;

Date LastSunday(int year, int month) {
  Date last = Date::FromYmd(year, month, 31).value();  // March and October have 31 days
  return last.AddDays(-(IsoWeekday(last) % 7));
}

// Moved forward (0..6 days) to `weekday`; unchanged when weekday is 0.
Date OnWeekday(Date date, int weekday) {
  if (weekday == 0) return date;
  return date.AddDays((weekday - IsoWeekday(date) + 7) % 7);
}

}  // namespace

int IsoWeekday(Date date) {
  // 1970-01-01 was a Thursday (ISO 4).
  int from_monday = static_cast<int>(((date.days() + 3) % 7 + 7) % 7);
  return from_monday + 1;
}

int64_t SummerTimeStart(int year) { return LastSunday(year, 3).days() * kDay + 3600; }
int64_t SummerTimeEnd(int year) { return LastSunday(year, 10).days() * kDay + 3600; }

int BrusselsOffsetMinutes(int64_t utc) {
  int year = Date::FromDays(static_cast<int32_t>(utc >= 0 ? utc / kDay : (utc - kDay + 1) / kDay)).year();
  return utc >= SummerTimeStart(year) && utc < SummerTimeEnd(year) ? 120 : 60;
}

int64_t BrusselsToUtc(const LocalTime& local) {
  int64_t wall = local.date.days() * kDay + local.minute * 60;
  int64_t as_summer = wall - 7200, as_winter = wall - 3600;
  if (BrusselsOffsetMinutes(as_summer) == 120) return as_summer;  // also the first of a doubled hour
  if (BrusselsOffsetMinutes(as_winter) == 60) return as_winter;
  return as_winter;  // the skipped spring hour: as the clock shows it an hour later
}

LocalTime UtcToBrussels(int64_t utc) {
  int64_t wall = utc + BrusselsOffsetMinutes(utc) * 60;
  int64_t days = wall >= 0 ? wall / kDay : (wall - kDay + 1) / kDay;
  return {Date::FromDays(static_cast<int32_t>(days)), static_cast<int>((wall - days * kDay) / 60)};
}

std::string FormatBrussels(int64_t utc) {
  LocalTime local = UtcToBrussels(utc);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00+%02d:00", local.date.ToString().c_str(), local.minute / 60,
                local.minute % 60, BrusselsOffsetMinutes(utc) / 60);
  return buf;
}

std::optional<int64_t> ParseUtcTimestamp(std::string_view text) {
  if (text.size() < 17 || text[10] != 'T' || text.back() != 'Z') return std::nullopt;
  auto date = Date::Parse(text.substr(0, 10));
  auto clock = ParseClock(text.substr(11, 5));
  if (!date || !clock) return std::nullopt;
  int seconds = 0;
  if (text.size() >= 20 && text[16] == ':' && text[17] >= '0' && text[17] <= '5' && text[18] >= '0' && text[18] <= '9')
    seconds = (text[17] - '0') * 10 + (text[18] - '0');
  return date->days() * kDay + *clock * 60 + seconds;
}

std::string FormatBrusselsMinute(int64_t utc) {
  LocalTime local = UtcToBrussels(utc);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d", local.date.ToString().c_str(), local.minute / 60, local.minute % 60);
  return buf;
}

std::optional<int> ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (size_t i : {0u, 1u, 3u, 4u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  int hour = (text[0] - '0') * 10 + (text[1] - '0'), minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (hour > 23 || minute > 59) return std::nullopt;
  return hour * 60 + minute;
}

std::string FormatClock(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60 % 24, minute % 60);
  return buf;
}

std::string_view AttendanceName(Attendance a) {
  switch (a) {
    case Attendance::kPresent:
      return "aanwezig";
    case Attendance::kExcused:
      return "verontschuldigd";
    case Attendance::kAbsent:
      return "afwezig";
  }
  return "";
}

std::optional<Attendance> ParseAttendance(std::string_view name) {
  for (Attendance a : {Attendance::kPresent, Attendance::kExcused, Attendance::kAbsent})
    if (AttendanceName(a) == name) return a;
  return std::nullopt;
}

const std::vector<std::string>& Topics() {
  static const std::vector<std::string> topics = {"kennismaking",         "ziekenhuistas",     "bevalling",
                                                  "borstvoeding",         "voeding_baby",      "slaap_baby",
                                                  "veiligheid_baby",      "anticonceptie",     "stress_ouderschap",
                                                  "lichaam_na_bevalling", "ontwikkeling_baby", "afscheid"};
  return topics;
}

bool IsTopic(std::string_view code) {
  for (const std::string& t : Topics())
    if (t == code) return true;
  return false;
}

std::vector<PlannedSession> PlanSessions(const PlanRequest& r, Findings* findings) {
  size_t before = findings->count();
  if (r.due_to < r.due_from)
    findings->Add({"", 0, "due_to", r.due_to.ToString(), "group.window_order", r.due_from.ToString()});
  else if (r.due_to.days() - r.due_from.days() > 92)
    findings->Add({"", 0, "due_to", r.due_to.ToString(), "group.window_length", "92"});
  if (r.meetings < 10 || r.meetings > 12)
    findings->Add({"", 0, "meetings", std::to_string(r.meetings), "value.range", "10-12"});
  if (r.weekday < 0 || r.weekday > 7)
    findings->Add({"", 0, "weekday", std::to_string(r.weekday), "value.range", "1-7"});
  if (r.start_minute < 0 || r.start_minute >= 24 * 60)
    findings->Add({"", 0, "start_time", FormatClock(r.start_minute), "value.range", "00:00-23:59"});
  if (findings->count() > before) return {};

  // The group's birth: the middle of its due-date window.
  Date birth = r.due_from.AddDays((r.due_to.days() - r.due_from.days()) / 2);
  std::vector<PlannedSession> plan;
  // Six fortnightly meetings from twelve weeks before the birth ...
  Date first = OnWeekday(birth.AddDays(-84), r.weekday);
  for (int i = 0; i < 6; ++i) plan.push_back({{first.AddDays(14 * i), r.start_minute}, "", false});
  // ... then monthly after it.
  for (int month = 1; static_cast<int>(plan.size()) < r.meetings; ++month)
    plan.push_back({{OnWeekday(birth.AddMonths(month), r.weekday), r.start_minute}, "", true});
  // Topics in the order a pregnancy meets them; the team edits them later.
  static const char* const kDefaultOrder[] = {
      "kennismaking",  "stress_ouderschap", "borstvoeding",         "bevalling",
      "ziekenhuistas", "veiligheid_baby",   "lichaam_na_bevalling", "voeding_baby",
      "slaap_baby",    "anticonceptie",     "ontwikkeling_baby",    "afscheid"};
  for (size_t i = 0; i < plan.size(); ++i) plan[i].topic = i + 1 == plan.size() ? "afscheid" : kDefaultOrder[i % 12];
  return plan;
}

std::string_view ReminderKindName(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::kWeekBefore:
      return "week";
    case ReminderKind::kDayBefore:
      return "dag";
    case ReminderKind::kSameDay:
      return "zelfde_dag";
  }
  return "";
}

std::optional<ReminderKind> ParseReminderKind(std::string_view name) {
  for (ReminderKind k : {ReminderKind::kWeekBefore, ReminderKind::kDayBefore, ReminderKind::kSameDay})
    if (ReminderKindName(k) == name) return k;
  return std::nullopt;
}

std::vector<PlannedReminder> RemindersFor(const LocalTime& session, int reminder_minute) {
  int same_day = reminder_minute;
  if (session.minute - same_day < 120) same_day = std::max(7 * 60, session.minute - 120);
  std::vector<PlannedReminder> out = {
      {ReminderKind::kWeekBefore, {session.date.AddDays(-7), reminder_minute}, 0},
      {ReminderKind::kDayBefore, {session.date.AddDays(-1), reminder_minute}, 0},
      {ReminderKind::kSameDay, {session.date, same_day}, 0},
  };
  for (PlannedReminder& r : out) r.due_utc = BrusselsToUtc(r.local);
  return out;
}

}  // namespace opkomst::groups
