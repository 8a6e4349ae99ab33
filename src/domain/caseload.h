// What is due in a running dossier: the registrations a worker owes. Pure
// rules, so the caseload page and its tests agree.
//   start    the start moment is not registered yet, or registered with
//            questions left empty (an incomplete intake)
//   birth    the due date (or the birth) has passed and no birth moment
//   end      Opkomst: 6 months after the birth; Opkomst+: the child reaches
//            kindergarten age (2.5 years, the Flemish entry age); no end moment
#ifndef OPKOMST_DOMAIN_CASELOAD_H_
#define OPKOMST_DOMAIN_CASELOAD_H_

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"

namespace opkomst {

constexpr int kOpkomstMonthsAfterBirth = 6;
constexpr int kKindergartenAgeMonths = 30;

enum class DueKind { kStart, kBirth, kEnd };
struct DueItem {
  DueKind kind;
  Date since;  // the day it became due
};

struct DueInput {
  bool plus_track = false;  // Opkomst+
  Date start;
  std::optional<Date> end, due_date, birth_date;
  bool has_start = false, has_birth = false, has_end = false;
  int start_unanswered = 0;  // questions of the start form left empty
};

// Nothing for a closed dossier (end date on or before `today`).
std::vector<DueItem> WhatIsDue(const DueInput& dossier, Date today);
const char* DueKindCode(DueKind kind);  // "start", "birth", "end"

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_CASELOAD_H_
