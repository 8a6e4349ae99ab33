// Group work (issue 13): the rules of a group's calendar, without storage.
//
//  - Local time is Europe/Brussels: CET (UTC+1) in winter, CEST (UTC+2)
//    from the last Sunday of March 01:00 UTC to the last Sunday of October
//    01:00 UTC (the EU rule, Directive 2000/84/EC). Written out here rather
//    than read from the system's tz database, so that a server with another
//    TZ or without zoneinfo still sends reminders at the right hour.
//  - A session plan follows the rhythm of the group work: from about six
//    months of pregnancy (twelve weeks before the group's reference due
//    date) every two weeks until the birth, then monthly until about six
//    months after it; 10 to 12 meetings.
//  - Reminders: a week before, a day before and on the day of a session, at
//    a local hour, whatever the season of the reminder and the session.
#ifndef OPKOMST_DOMAIN_SCHEDULE_H_
#define OPKOMST_DOMAIN_SCHEDULE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/date.h"
#include "domain/messages.h"

namespace opkomst::groups {

// A wall-clock moment in Brussels: a date and minutes since local midnight.
struct LocalTime {
  Date date;
  int minute = 0;  // 0..1439
  friend bool operator==(const LocalTime&, const LocalTime&) = default;
};

// Unix seconds at which Brussels summer time starts / ends in `year`.
int64_t SummerTimeStart(int year);
int64_t SummerTimeEnd(int year);
// Minutes east of UTC in Brussels at unix second `utc`: 60 or 120.
int BrusselsOffsetMinutes(int64_t utc);
// The unix second of a Brussels wall-clock time. A time that does not exist
// (02:00-02:59 on the spring change) is read as the clock shows it an hour
// later (02:30 -> 03:30 CEST); a time that happens twice (02:00-02:59 on
// the autumn change) is the first, summer-time one.
int64_t BrusselsToUtc(const LocalTime& local);
LocalTime UtcToBrussels(int64_t utc);
// "2026-03-29T09:00:00+02:00": local time with its offset (RFC 3339).
std::string FormatBrussels(int64_t utc);
// "2026-12-02T10:30:05.123Z" (an audit row's time, UTC) -> unix seconds;
// nullopt unless it starts with YYYY-MM-DDTHH:MM and ends in Z.
std::optional<int64_t> ParseUtcTimestamp(std::string_view text);
// "2026-12-02 11:30": Brussels wall-clock time to the minute, as people
// read it (no seconds, no offset).
std::string FormatBrusselsMinute(int64_t utc);
// ISO weekday of a date: 1 = Monday ... 7 = Sunday.
int IsoWeekday(Date date);
// "14:30" -> 870; nullopt unless HH:MM with a real hour and minute.
std::optional<int> ParseClock(std::string_view text);
std::string FormatClock(int minute);

// Attendance at a session.
enum class Attendance { kPresent, kExcused, kAbsent };
std::string_view AttendanceName(Attendance a);  // aanwezig, verontschuldigd, afwezig
std::optional<Attendance> ParseAttendance(std::string_view name);

// The topic list (codes; their labels are UI texts "groep.thema.<code>").
const std::vector<std::string>& Topics();
bool IsTopic(std::string_view code);

struct PlanRequest {
  Date due_from, due_to;   // the group's due-date window
  int meetings = 12;       // 10..12
  int weekday = 0;         // 1..7: sessions on this weekday; 0 = as the rhythm falls
  int start_minute = 600;  // local start time, default 10:00
};
struct PlannedSession {
  LocalTime start;
  std::string topic;
  bool after_birth = false;
};
// The generated plan; findings (rule ids of data/messages.txt, field
// named) when the request breaks a rule: empty or reversed window, a
// window over 3 months, meetings outside 10..12, a weekday outside 1..7.
std::vector<PlannedSession> PlanSessions(const PlanRequest& request, Findings* findings);

// The three reminders of a session.
enum class ReminderKind { kWeekBefore, kDayBefore, kSameDay };
std::string_view ReminderKindName(ReminderKind kind);  // week, dag, zelfde_dag
std::optional<ReminderKind> ParseReminderKind(std::string_view name);
struct PlannedReminder {
  ReminderKind kind;
  LocalTime local;
  int64_t due_utc = 0;
};
// At `reminder_minute` local time a week and a day before; on the day at
// that hour, or two hours before the session if it starts earlier than two
// hours after it (never before 07:00).
std::vector<PlannedReminder> RemindersFor(const LocalTime& session, int reminder_minute = 540);

}  // namespace opkomst::groups

#endif  // OPKOMST_DOMAIN_SCHEDULE_H_
