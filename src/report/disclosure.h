// Disclosure control for reports that leave the team (researchers), after
// the practice of statistical offices (query-set-size and overlap control,
// as tau-Argus and sdcMicro users apply it). Suppressing each report on its
// own is not enough: two reports whose populations differ by one dossier
// give that mother's attributes away by subtraction. So, for a researcher:
//
//  1. periods are whole quarters: `from` the first day of a quarter, `until`
//     the last day of one, the cut-off (as-of) a quarter end no later than
//     the last completed one (its default), and `until` never after the
//     cut-off (else Table 2's P0 would count the running quarter);
//  2. the report's population (P2) holds at least
//     kResearcherMinimumPopulation dossiers;
//  3. overlap control: every population a report shows is recorded (a
//     Release), and a new report is refused when, together with every
//     release so far (to any researcher: colluding researchers share what
//     they got), it would single out a group of 1..kReleaseMinimumDifference-1
//     dossiers. The groups are the atoms of the released sets (dossiers in
//     exactly the same released sets): every difference, intersection or
//     signed sum of released sets is a union of atoms, so no subtraction of
//     any number of reports isolates fewer dossiers. Two populations then
//     differ by 0 or at least K dossiers (the pairwise symmetric-difference
//     rule is a consequence); identical populations are allowed again;
//  4. statistics of one person are hidden: minimum and maximum always, and
//     means over fewer than the suppression threshold.
// The pure rules live here; recording releases is in storage/releases.h and
// the web pages apply both (web/pages_report.cc).
#ifndef OPKOMST_REPORT_DISCLOSURE_H_
#define OPKOMST_REPORT_DISCLOSURE_H_

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/date.h"
#include "report/dataset.h"
#include "report/population.h"
#include "report/report.h"

namespace opkomst::report {

// A report over fewer dossiers (P2) is refused: with under 20 families, most
// cells of a distribution are 1-4 and hidden, and the visible rest narrows the
// hidden ones down; 20 is the order of the smallest groups statistical
// offices publish tables over.
inline constexpr int kResearcherMinimumPopulation = 20;
// No combination of released reports may single out fewer dossiers than
// this: a group of 10 reveals at most what 10 mothers share, and twice the
// suppression threshold keeps a hidden count 1-4 from being recovered by
// subtracting two visible counts of 5 or more.
inline constexpr int kReleaseMinimumDifference = 10;

// ---- 1. periods -------------------------------------------------------------

bool IsQuarterStart(Date date);
bool IsQuarterEnd(Date date);
// The last day of the last quarter that ended before `today`.
Date LastCompletedQuarterEnd(Date today);

// A broken period rule: the form field and the ui.txt key of the message.
struct PeriodProblem {
  std::string field;  // "van", "tot", "peildatum"
  std::string rule;   // e.g. "rapport.fout.kwartaalstart"
};
// Checks a researcher's filters and completes them: no cut-off given ->
// the last completed quarter end; no `until` or one after the cut-off ->
// the cut-off. Empty when every rule holds.
std::vector<PeriodProblem> ApplyResearcherPeriodRules(Filters* filters, bool as_of_given, Date today);

// The rules of a plausible period, for every report page (not only a
// researcher's): a cut-off date no later than today, no date before 2000,
// and a start period that begins before it ends and before the cut-off
// date (otherwise every table would be empty without saying why). Empty
// when every rule holds.
std::vector<PeriodProblem> CheckPeriod(const Filters& filters, Date today);

// ---- 3. overlap control ---------------------------------------------------

// The dossier sets a report shows, by tag ("P1".."P5", "C" = the closed
// dossiers of P2, "I" = the interview respondents), each as sorted ids.
struct Release {
  std::map<std::string, std::vector<std::string>> sets;
  friend bool operator==(const Release& a, const Release& b) { return a.sets == b.sets; }
};
// The sets the tables `ids` (empty = every table) read.
Release ReleaseOf(const Dataset& data, const Populations& populations, const std::vector<std::string>& ids);
// One exact text per release ("P2 id,id,...\n" lines), and back.
std::string EncodeRelease(const Release& release);
StatusOr<Release> DecodeRelease(const std::string& text);

// |a \ b| + |b \ a| of two sorted id lists.
size_t SymmetricDifference(const std::vector<std::string>& a, const std::vector<std::string>& b);
// The smallest group of dossiers that `candidate` together with `previous`
// singles out (the smallest non-empty atom of all released sets of every
// tag together); 0 if all are empty.
size_t SmallestSingledOutGroup(const std::vector<Release>& previous, const Release& candidate);
// The smallest non-empty difference between P2 and its parts P3 and P4
// within one release; 0 if none.
size_t SmallestGroupWithinRelease(const Release& release);
// True if `candidate` may be released after `previous`: no group under K
// singled out across releases, nor within the candidate itself.
bool ReleaseAllowed(const std::vector<Release>& previous, const Release& candidate);

// ---- 4. statistics of small groups ----------------------------------------

// The interview respondents a report reads (T26; `--track` filters them).
std::vector<std::string> Respondents(const Dataset& data, const Filters& filters);
// Interview tables over fewer than kResearcherMinimumPopulation respondents
// are hidden whole (their respondents are not recorded as a release).
void HideSmallInterviewTables(Report* report, const Dataset& data);

// Hides every minimum and maximum cell, and every mean or other statistic
// over fewer than `k` dossiers (as Suppress does for counts), in every table.
void HideSmallGroupStatistics(Report* report, int k);

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_DISCLOSURE_H_
