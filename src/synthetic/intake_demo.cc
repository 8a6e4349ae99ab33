#include "synthetic/intake_demo.h"

#include <random>

namespace opkomst {
namespace {

const char* const kFirstNames[] = {"Sara",  "Amina", "Lotte", "Fatima", "Yasmina", "Eva",    "Nour",  "Julie",
                                   "Hanna", "Leila", "Marie", "Aya",    "Ines",    "Zeynep", "Olena", "Grace"};
const char* const kLastNames[] = {"Peeters", "El Amrani", "Janssens", "Diallo",  "Maes",    "Yilmaz",
                                  "Claes",   "Kovalenko", "Mertens",  "Bakkali", "Wouters", "Mensah"};
const char* const kLanguages[] = {"nl", "nl", "nl", "fr", "ar", "en", "tr", "uk"};

}  // namespace

IntakeDemo MakeIntakeDemo(Date today, int weeks, uint64_t seed) {
  IntakeDemo demo;
  demo.organisations = {
      {"AZ Sint-Maarten (sociale dienst)", "ziekenhuis", "azsm", "Sociale dienst AZ Sint-Maarten", false},
      {"Kind en Gezin Mechelen", "kind_en_gezin", "keng", "Kind en Gezin", false},
      {"Wijkgezondheidscentrum Wel&Wee", "wijkgezondheidscentrum", "welwee", "Wel&Wee", false},
      {"Vroedvrouwenpraktijk De Wieg", "medisch", "dewieg", "Vroedvrouw De Wieg", false},
      {"Sociaal Huis: team onthaal", "interne_stadsdienst", "onthaal", "Onthaal Sociaal Huis", true}};
  std::mt19937_64 random(seed);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<uint64_t>(n)); };
  // Meetings on the same weekday, every week, the last one a week ago.
  Date last_meeting = today.AddDays(-7);
  for (int w = weeks - 1; w >= 0; --w) demo.meetings.push_back(last_meeting.AddDays(-7 * w).ToString());
  const int organisation_weights[] = {35, 20, 15, 10, 15, 5};  // the last: self-referral
  for (int w = 0; w <= weeks; ++w) {
    Date week_start = last_meeting.AddDays(-7 * (weeks - w));
    int count = 1 + pick(4);
    for (int i = 0; i < count; ++i) {
      DemoReferral d;
      int roll = pick(100), org = 0;
      for (int sum = organisation_weights[0]; roll >= sum && org < 5; sum += organisation_weights[++org]) {
      }
      d.organisation = org == 5 ? -1 : org;
      intake::Referral& r = d.referral;
      r.channel = d.organisation < 0 ? "zelf" : pick(3) == 0 ? "mail" : "partner";
      r.received_on = week_start.AddDays(1 + pick(6));
      if (r.received_on > today) r.received_on = today;
      // Referred late in pregnancy on average (the evaluation: month 7).
      int month = 3 + pick(7);
      r.due_date = r.received_on.AddDays(280 - month * 31 + pick(20));
      r.first_pregnancy = pick(2) == 0;
      r.mother_age = 17 + pick(22);
      r.reasons = {intake::ReasonCodes()[static_cast<size_t>(pick(9))]};
      if (pick(2)) r.reasons.push_back(intake::ReasonCodes()[static_cast<size_t>(pick(9))]);
      if (r.reasons.size() == 2 && r.reasons[0] == r.reasons[1]) r.reasons.pop_back();
      r.urgency = pick(6) == 0 ? "dringend" : "normaal";
      r.contact_consent_how = pick(3) == 0 ? "mondeling" : "schriftelijk";
      r.contact_consent_on = r.received_on.AddDays(-pick(3));
      r.contact_consent_by = d.organisation < 0 ? "onthaal" : "doorverwijzer";
      if (d.organisation >= 0 && pick(4) != 0) {
        r.sharing.Add(intake::ShareCategory::kStatus);
        if (pick(2)) r.sharing.Add(intake::ShareCategory::kFirstHomeVisit);
        if (pick(3) == 0) r.sharing.Add(intake::ShareCategory::kWorkerName);
        r.sharing.until = r.received_on.AddDays(365);
      }
      r.hint = {r.mother_age, pick(2) == 0, pick(8) == 0, pick(4) == 0};
      d.identity = {std::string(kFirstNames[pick(16)]) + " " + kLastNames[pick(12)],
                    "04" + std::to_string(70000000 + pick(9999999)), "Mechelen", kLanguages[pick(8)], pick(5) == 0};
      // Discussed at the first meeting on or after its arrival.
      for (const std::string& m : demo.meetings)
        if (m >= r.received_on.ToString()) {
          d.meeting_date = m;
          break;
        }
      if (!d.meeting_date.empty()) {
        int outcome = pick(100);
        bool plus = intake::OpkomstPlusHint(r.hint) ? pick(4) != 0 : pick(5) == 0;
        if (outcome < 70) {
          d.decision = plus ? "opkomst_plus" : "opkomst";
        } else if (outcome < 76) {
          d.decision = "combinatie";
          d.track = plus ? "opkomst_plus" : "opkomst";
        } else if (outcome < 82) {
          d.decision = "groepswerk";
        } else if (outcome < 90) {
          d.decision = "elders";
          d.detail = pick(2) ? "CAW Boom Mechelen Lier" : "Huis van het Kind";
        } else {
          d.decision = "afgewezen";
          d.detail = pick(2) ? "buiten_doelgroep" : "niet_bereikbaar";
        }
        d.worker = 1 + pick(8);
        if (intake::OpensDossier(d.decision) && pick(6) != 0) d.home_visit_after_days = 2 + pick(14);
      }
      d.withdrawn = d.meeting_date.empty() && pick(10) == 0;
      demo.referrals.push_back(std::move(d));
    }
  }
  return demo;
}

}  // namespace opkomst
