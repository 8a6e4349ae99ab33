// The rules of each record type, defined once: every entry point (the
// exchange import, the web forms, and the application layer's use cases)
// calls these validators and reports their findings. The limits live here,
// beside the rules that use them; the codebook supplies the codes and the
// ranges of the count variables. Parsing text into a record (a date, a
// code, a whole number) stays with whoever reads the text; these rules
// judge the parsed record. Findings carry no file or line: the caller adds
// its place (see Place below). docs/validation.md lists every rule.
#ifndef OPKOMST_DOMAIN_RECORD_RULES_H_
#define OPKOMST_DOMAIN_RECORD_RULES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/codebook.h"
#include "domain/date.h"
#include "domain/dossier.h"
#include "domain/messages.h"

namespace opkomst {

// Pseudonyms and account-like ids: dossier_id, mother_id, social_worker,
// respondent_id.
inline constexpr size_t kMaxIdLength = 64;
// Short free text: the referrer.
inline constexpr size_t kMaxTextLength = 200;
// A contact note.
inline constexpr size_t kMaxNoteLength = 2000;

// An inclusive range of whole numbers, written "min..max" in messages.
struct WholeRange {
  long long min, max;
  bool Contains(long long n) const { return n >= min && n <= max; }
  std::string Text() const { return std::to_string(min) + ".." + std::to_string(max); }
};
inline constexpr WholeRange kTrajectoryNumberRange{1, 20};
// The observed ages are 16-50 (CODEBOOK: mother_age_at_start); the range
// leaves room for the rare very young or late mother.
inline constexpr WholeRange kMotherAgeRange{10, 65};
// Negative = months before the birth (CODEBOOK: child_age_months_at_start).
inline constexpr WholeRange kChildAgeMonthsRange{-10, 72};
// The indicator scorings of one dossier, numbered from 1.
inline constexpr WholeRange kMeasurementNumberRange{1, 99};

// Where a finding was made, added to the validators' findings by a caller
// that reads a file.
struct Place {
  std::string file;
  int line = 0;
};
// Copies `from` into `to`, stamping each finding with `where`.
void AddFindings(const Findings& from, const Place& where, Findings* to);

// A dossier: required ids and track, id and text lengths, formula starts
// in free text, the number ranges, and the end not before the start.
// trajectory_number 0 means "not given" (numbered by AssignTrajectoryNumbers).
Findings ValidateDossier(const Codebook& codebook, const Dossier& dossier);

// Plausibility of a dossier's dates on the worker's forms (issue 11,
// findings 7 and 8): not refusals, since each can be true, but warnings the
// worker confirms before saving. Rule ids dossier.plausible_*; `expected`
// names the date compared with. Thresholds:
inline constexpr int kPrematureDays = 21;          // born > 3 weeks before the due date: premature
inline constexpr int kPostTermDays = 14;           // born > 2 weeks after it (42 weeks)
inline constexpr int kShortestGuidanceDays = 56;   // an end < 8 weeks after the start
inline constexpr int kLongestPregnancyDays = 300;  // a due date > 300 days after the start
inline constexpr int kOldestChildDays = 365;       // a due date > a year before the start
Findings PlausibilityWarnings(const Dossier& dossier);

// A measurement of a dossier that starts on `dossier_start`: no moment is
// measured before the dossier's start (CODEBOOK: start, birth and end are
// all snapshots taken during the guidance), and every count lies in its
// codebook range and every code is one of its variable's options.
Findings ValidateMeasurement(const Codebook& codebook, Date dossier_start, const Measurement& measurement);

// The range rule of one count variable, for a reader that holds the parsed
// number before it becomes a measurement value: a number outside the range
// may not be storable at all (-1 is kMissing). ValidateMeasurement applies
// this same rule to the stored values.
void CheckCount(const Variable& variable, long long value, Findings* findings);

// One indicator score (the casestudy set): the measurement number, the
// indicator and the score code exist.
Findings ValidateScore(const Codebook& codebook, const Score& score);

// The kinds of contact in the contact log.
const std::vector<std::string>& ContactKinds();
// A contact log entry: a known kind, a date, and a note of at most
// kMaxNoteLength bytes.
Findings ValidateContact(std::string_view kind, const std::optional<Date>& date, std::string_view note);

// An account: a user name of 2-32 characters a-z 0-9 . _ - (so that it is
// never free text), a known role, and a display name of at most
// kMaxTextLength that does not start like a formula (roles: domain/access.h). Password rules are in
// security/password.h (password.*).
Findings ValidateAccount(std::string_view username, std::string_view display_name, std::string_view role);
bool ValidUsername(std::string_view username);

// The worker a dossier is assigned to (social_worker): an existing, active
// account of a social worker or a team lead (dossier.social_worker). `role`
// and `active` are the account's; `exists` false if there is none.
Findings ValidateAssignment(std::string_view worker, bool exists, std::string_view role, bool active);

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_RECORD_RULES_H_
