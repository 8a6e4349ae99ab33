// The central intake point (issue 12): a referral of a pregnant woman by a
// partner organisation (or by the team on a partner's behalf, or a
// self-referral), the mother's consent, and the rules the intake applies:
// what a partner may see back, the Opkomst+ hint, and the validator.
// Pure rules: no storage, no sealing, no clock (today is an argument).
#ifndef OPKOMST_DOMAIN_REFERRAL_H_
#define OPKOMST_DOMAIN_REFERRAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"

namespace opkomst::intake {

// Partner organisations, by kind; stored by code.
enum class OrganisationKind { kHospital, kMedical, kChildAndFamily, kCommunityHealthCentre, kCityTeam, kOther };
// "ziekenhuis", "medisch", "kind_en_gezin", "wijkgezondheidscentrum", "interne_stadsdienst", "andere".
std::string_view OrganisationKindCode(OrganisationKind kind);
std::optional<OrganisationKind> ParseOrganisationKind(std::string_view code);
const std::vector<OrganisationKind>& AllOrganisationKinds();
// Hospitals and medical practices: the "medical sector" of the analytics.
bool IsMedicalSector(OrganisationKind kind);

// What the mother may allow to be shared back with the referring
// organisation. Stored as a bit set (bit = the enumerator's value).
enum class ShareCategory { kStatus = 0, kWorkerName = 1, kFirstHomeVisit = 2, kEndOfGuidance = 3 };
// "status", "begeleider", "eerste_huisbezoek", "einde_begeleiding".
std::string_view ShareCategoryCode(ShareCategory category);
const std::vector<ShareCategory>& AllShareCategories();

struct SharingConsent {
  unsigned categories = 0;           // bits of ShareCategory
  std::optional<Date> until;         // the last day sharing is allowed; required when any category is given
  std::optional<Date> withdrawn_on;  // registered by the team; takes effect at once
  bool Includes(ShareCategory c) const { return (categories >> static_cast<unsigned>(c)) & 1u; }
  void Add(ShareCategory c) { categories |= 1u << static_cast<unsigned>(c); }
};

// The consent's state on `today`, for the matrix test and the pages.
enum class ConsentState { kGiven, kNotGiven, kExpired, kWithdrawn };
ConsentState StateOf(const SharingConsent& consent, ShareCategory category, Date today);

// The one visibility rule: a partner sees a category of a referral only if
// the referral came from the partner's own organisation and the mother's
// sharing consent covers the category and has neither expired nor been
// withdrawn. `viewer_organisation` 0 = no organisation: sees nothing.
bool PartnerMaySee(int64_t viewer_organisation, int64_t referral_organisation, const SharingConsent& consent,
                   ShareCategory category, Date today);

// The Opkomst+ target group (CODEBOOK: under 25 and single, or a partner
// without papers, or no stable relationship). A hint for the meeting only.
struct HintInput {
  std::optional<int> mother_age;
  bool single = false, partner_without_papers = false, no_stable_relationship = false;
};
bool OpkomstPlusHint(const HintInput& input);

// The meeting's decisions on a referral, stored by code.
//   opkomst, opkomst_plus, groepswerk (group work only), combinatie (a track
//   and group work), elders (referred elsewhere: to whom), afgewezen (why).
const std::vector<std::string>& DecisionCodes();
bool IsDecision(std::string_view code);
// Decisions that open a dossier, and the dossier's track code for them
// ("opkomst" / "opkomst_plus"; empty for group work only).
bool OpensDossier(std::string_view decision);

// The reasons for referral: the codebook's domains of difficulty.
const std::vector<std::string>& ReasonCodes();

struct Referral {
  int64_t id = 0;
  int64_t organisation_id = 0;  // 0 = self-referral
  std::string channel;          // "partner", "mail", "telefoon", "zelf"
  std::string submitted_by;     // account
  Date received_on;
  bool pregnant = true;
  std::optional<Date> due_date, child_birth_date;
  std::optional<bool> first_pregnancy;
  std::optional<int> mother_age;
  std::vector<std::string> reasons;  // ReasonCodes()
  std::string urgency = "normaal";   // "normaal", "dringend"
  // Contact consent: required.
  std::string contact_consent_how;  // "schriftelijk", "mondeling"
  std::optional<Date> contact_consent_on;
  std::string contact_consent_by;
  SharingConsent sharing;
  std::string born_in_belgium;  // "", "positief", "negatief"
  HintInput hint;
  std::string mother_id;  // a known mother's pseudonym, linked by the team
};

// The mother's name and contact details, sealed as a dossier's identity is.
struct ReferralIdentity {
  std::string name, phone, address, language;
  bool interpreter = false;
};
std::string EncodeIdentity(const ReferralIdentity& identity);  // lines, for sealing
ReferralIdentity DecodeIdentity(std::string_view text);
// The dossier identity format ("name\nphone\naddress", web/pages_dossier.cc).
std::string DossierIdentityText(const ReferralIdentity& identity);

// A broken rule: the field, the value given, and the rule (a ui.txt key,
// so the page words it in the user's language).
struct FieldProblem {
  std::string field, value, rule;
};
std::vector<FieldProblem> ValidateReferral(const Referral& referral, const ReferralIdentity& identity, Date today);

// Pregnancy month (1-9) at the referral, from the due date; nullopt without
// a due date or when she was not pregnant.
std::optional<double> PregnancyMonthAt(const Referral& referral);
inline constexpr double kIdealPregnancyMonth = 4.5;

// "S.P." for "Sara Peeters": what the partner's list and the meeting show.
std::string Initials(std::string_view name);

// Same person for the duplicate check: names equal after folding case,
// spaces and accents-free ASCII punctuation; due dates within 60 days.
std::string NormaliseName(std::string_view name);
inline constexpr int kDuplicateDueDays = 60;

}  // namespace opkomst::intake

#endif  // OPKOMST_DOMAIN_REFERRAL_H_
