#include "domain/caseload.h"

namespace opkomst {

std::vector<DueItem> WhatIsDue(const DueInput& d, Date today) {
  std::vector<DueItem> due;
  if (d.end && *d.end <= today) return due;
  if (!d.has_start || d.start_unanswered > 0) due.push_back({DueKind::kStart, d.start});
  std::optional<Date> birth = d.birth_date ? d.birth_date : d.due_date;
  if (birth && *birth <= today && !d.has_birth) due.push_back({DueKind::kBirth, *birth});
  if (birth && !d.has_end) {
    Date end_due = birth->AddMonths(d.plus_track ? kKindergartenAgeMonths : kOpkomstMonthsAfterBirth);
    if (end_due <= today) due.push_back({DueKind::kEnd, end_due});
  }
  return due;
}

const char* DueKindCode(DueKind kind) {
  switch (kind) {
    case DueKind::kStart:
      return "start";
    case DueKind::kBirth:
      return "birth";
    case DueKind::kEnd:
      return "end";
  }
  return "";
}

}  // namespace opkomst
