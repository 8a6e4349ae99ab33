// Rules that involve more than one field or record. Single-cell rules
// (codes, dates, ranges) are checked where the cell is parsed.
#ifndef OPKOMST_DOMAIN_VALIDATION_H_
#define OPKOMST_DOMAIN_VALIDATION_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/dossier.h"
#include "domain/messages.h"
#include "domain/record_rules.h"  // the validator of each record type

namespace opkomst {

// What the database already holds about a dossier, for the rules that span
// an import and the stored data.
struct KnownDossier {
  std::string mother_id;
  int trajectory_number = 0;
  Code track = kMissing;
  Date start_date;
};
using KnownDossiers = std::unordered_map<std::string, KnownDossier>;

// Numbers the trajectories of each mother by start date (ties by dossier
// id), together with the mother's dossiers already in `known`. A given
// trajectory_number is kept if it does not go back in that order (gaps are
// allowed: the first trajectory may predate the registration); an empty one
// becomes the next number that no stored dossier of the mother holds (a
// back-dated trajectory may so come out of order, never doubled). A given
// number that a stored dossier of the mother holds is a finding
// (dossier.trajectory_duplicate): the schema refuses duplicates. `lines[i]` is the source line of `dossiers[i]`.
void AssignTrajectoryNumbers(const KnownDossiers& known, std::vector<Dossier>* dossiers, std::vector<int>* lines,
                             Findings* findings);

// The number of a new trajectory `dossier` registered on its own (the web
// form, the intake): the next after the highest number of the mother's
// stored dossiers `mothers_dossiers`, whatever its start date. Unlike the
// import's order by start date, it never depends on the date, so probing
// dates tells a worker nothing about trajectories she may not see. Never a
// stored number, like AssignTrajectoryNumbers.
int NewTrajectoryNumber(const KnownDossiers& mothers_dossiers, const Dossier& dossier);

// Free text that a spreadsheet would run as a formula when the exchange CSV
// is opened (OWASP "CSV injection"): it starts with = + - @ (also after
// spaces), a tab, a carriage return or another control character. Only for free text: codes, dates and numbers (a
// negative number) are never checked with it. Returns the offending start as it reads in a message ("'='", "tab",
// "CR"), or nothing if the text is safe.
std::optional<std::string> FormulaStart(std::string_view text);
// Adds a "value.formula" finding for `column` if `text` starts like a formula.
void CheckFreeText(const std::string& file, int line, const std::string& column, std::string_view text,
                   Findings* findings);

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_VALIDATION_H_
