// Demo data for the central intake point (issue 12): partner organisations
// with one partner account each, and a history of referrals over the last
// months with their meetings and decisions. Made-up names; plain data here
// (the synthetic layer sees only the domain); `opkomst serve --demo`
// writes it through the intake use cases (cli/intake_commands.cc).
#ifndef OPKOMST_SYNTHETIC_INTAKE_DEMO_H_
#define OPKOMST_SYNTHETIC_INTAKE_DEMO_H_

#include <cstdint>
#include <string>
#include <vector>

#include "domain/referral.h"

namespace opkomst {

struct DemoOrganisation {
  std::string name, kind, account, account_name;
  bool internal = false;
};

struct DemoReferral {
  int organisation = -1;  // index into organisations; -1 = self-referral
  intake::Referral referral;
  intake::ReferralIdentity identity;
  std::string meeting_date;        // empty = not yet discussed
  std::string decision, detail;    // empty = not yet decided
  std::string track;               // for "combinatie"
  int worker = 0;                  // 1..8: mw01..mw08
  int home_visit_after_days = -1;  // after the decision; -1 = none yet
  bool withdrawn = false;
};

struct IntakeDemo {
  std::vector<DemoOrganisation> organisations;
  std::vector<std::string> meetings;  // dates, oldest first
  std::vector<DemoReferral> referrals;
};

// Weekly meetings over the `weeks` before `today`, and a few referrals a
// week; the same seed gives the same history.
IntakeDemo MakeIntakeDemo(Date today, int weeks, uint64_t seed);

}  // namespace opkomst

#endif  // OPKOMST_SYNTHETIC_INTAKE_DEMO_H_
