#include "domain/referral.h"

#include <algorithm>
#include <cctype>

namespace opkomst::intake {
namespace {

struct KindName {
  OrganisationKind kind;
  std::string_view code;
};
constexpr KindName kKinds[] = {{OrganisationKind::kHospital, "ziekenhuis"},
                               {OrganisationKind::kMedical, "medisch"},
                               {OrganisationKind::kChildAndFamily, "kind_en_gezin"},
                               {OrganisationKind::kCommunityHealthCentre, "wijkgezondheidscentrum"},
                               {OrganisationKind::kCityTeam, "interne_stadsdienst"},
                               {OrganisationKind::kOther, "andere"}};

bool Contains(const std::vector<std::string>& list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

// Identity lines may not hold a line break of their own.
std::string OneLine(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return text;
}

}  // namespace

std::string_view OrganisationKindCode(OrganisationKind kind) {
  for (const KindName& k : kKinds)
    if (k.kind == kind) return k.code;
  return "andere";
}

std::optional<OrganisationKind> ParseOrganisationKind(std::string_view code) {
  for (const KindName& k : kKinds)
    if (k.code == code) return k.kind;
  return std::nullopt;
}

const std::vector<OrganisationKind>& AllOrganisationKinds() {
  static const std::vector<OrganisationKind> all = [] {
    std::vector<OrganisationKind> out;
    for (const KindName& k : kKinds) out.push_back(k.kind);
    return out;
  }();
  return all;
}

bool IsMedicalSector(OrganisationKind kind) {
  return kind == OrganisationKind::kHospital || kind == OrganisationKind::kMedical;
}

std::string_view ShareCategoryCode(ShareCategory category) {
  switch (category) {
    case ShareCategory::kStatus:
      return "status";
    case ShareCategory::kWorkerName:
      return "begeleider";
    case ShareCategory::kFirstHomeVisit:
      return "eerste_huisbezoek";
    case ShareCategory::kEndOfGuidance:
      return "einde_begeleiding";
  }
  return "";
}

const std::vector<ShareCategory>& AllShareCategories() {
  static const std::vector<ShareCategory> all = {ShareCategory::kStatus, ShareCategory::kWorkerName,
                                                 ShareCategory::kFirstHomeVisit, ShareCategory::kEndOfGuidance};
  return all;
}

ConsentState StateOf(const SharingConsent& consent, ShareCategory category, Date today) {
  // Withdrawal wins over everything: it takes effect on the day it is registered.
  if (consent.withdrawn_on && *consent.withdrawn_on <= today) return ConsentState::kWithdrawn;
  if (!consent.Includes(category)) return ConsentState::kNotGiven;
  // Consent without an end date is not valid consent for sharing.
  if (!consent.until || today > *consent.until) return ConsentState::kExpired;
  return ConsentState::kGiven;
}

bool PartnerMaySee(int64_t viewer_organisation, int64_t referral_organisation, const SharingConsent& consent,
                   ShareCategory category, Date today) {
  if (viewer_organisation <= 0 || viewer_organisation != referral_organisation) return false;
  return StateOf(consent, category, today) == ConsentState::kGiven;
}

bool OpkomstPlusHint(const HintInput& input) {
  bool young_and_single = input.mother_age && *input.mother_age < 25 && input.single;
  return young_and_single || input.partner_without_papers || input.no_stable_relationship;
}

const std::vector<std::string>& DecisionCodes() {
  static const std::vector<std::string> codes = {"opkomst",    "opkomst_plus", "groepswerk",
                                                 "combinatie", "elders",       "afgewezen"};
  return codes;
}

bool IsDecision(std::string_view code) { return Contains(DecisionCodes(), code); }

bool OpensDossier(std::string_view decision) {
  return decision == "opkomst" || decision == "opkomst_plus" || decision == "combinatie";
}

const std::vector<std::string>& ReasonCodes() {
  static const std::vector<std::string> codes = {"huisvesting",       "inkomen", "verblijfsstatus", "netwerk",
                                                 "psychisch_welzijn", "geweld",  "administratie",   "opvoeding",
                                                 "gezondheid",        "andere"};
  return codes;
}

std::string EncodeIdentity(const ReferralIdentity& id) {
  return OneLine(id.name) + "\n" + OneLine(id.phone) + "\n" + OneLine(id.address) + "\n" + OneLine(id.language) + "\n" +
         (id.interpreter ? "1" : "0");
}

ReferralIdentity DecodeIdentity(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (true) {
    size_t end = text.find('\n', start);
    lines.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  lines.resize(std::max<size_t>(lines.size(), 5));
  return {lines[0], lines[1], lines[2], lines[3], lines[4] == "1"};
}

std::string DossierIdentityText(const ReferralIdentity& id) {
  return OneLine(id.name) + "\n" + OneLine(id.phone) + "\n" + OneLine(id.address);
}

std::vector<FieldProblem> ValidateReferral(const Referral& r, const ReferralIdentity& id, Date today) {
  std::vector<FieldProblem> out;
  auto add = [&](const char* field, std::string value, const char* rule) { out.push_back({field, value, rule}); };
  if (id.name.empty()) add("naam", "", "intake.regel.verplicht");
  if (id.name.size() > 200) add("naam", id.name.substr(0, 20) + "...", "intake.regel.te_lang");
  if (id.phone.size() > 60) add("telefoon", id.phone.substr(0, 20) + "...", "intake.regel.te_lang");
  if (id.address.size() > 300) add("adres", id.address.substr(0, 20) + "...", "intake.regel.te_lang");
  if (id.language.size() > 60) add("taal", id.language.substr(0, 20) + "...", "intake.regel.te_lang");
  if (r.pregnant && !r.due_date) add("vermoedelijke_bevallingsdatum", "", "intake.regel.bevallingsdatum");
  if (r.due_date && (*r.due_date < today.AddDays(-31) || *r.due_date > today.AddDays(300)))
    add("vermoedelijke_bevallingsdatum", r.due_date->ToString(), "intake.regel.bevallingsdatum_bereik");
  if (!r.pregnant && !r.child_birth_date) add("geboortedatum_kind", "", "intake.regel.geboortedatum");
  if (r.child_birth_date && *r.child_birth_date > today)
    add("geboortedatum_kind", r.child_birth_date->ToString(), "intake.regel.niet_in_toekomst");
  if (r.mother_age && (*r.mother_age < 12 || *r.mother_age > 60))
    add("leeftijd", std::to_string(*r.mother_age), "intake.regel.leeftijd");
  for (const std::string& reason : r.reasons)
    if (!Contains(ReasonCodes(), reason)) add("redenen", reason, "intake.regel.onbekende_code");
  if (r.urgency != "normaal" && r.urgency != "dringend") add("dringendheid", r.urgency, "intake.regel.onbekende_code");
  if (r.contact_consent_how != "schriftelijk" && r.contact_consent_how != "mondeling")
    add("toestemming_contact", r.contact_consent_how, "intake.regel.toestemming_contact");
  if (!r.contact_consent_on) add("toestemming_datum", "", "intake.regel.verplicht");
  if (r.contact_consent_on && *r.contact_consent_on > today)
    add("toestemming_datum", r.contact_consent_on->ToString(), "intake.regel.niet_in_toekomst");
  if (r.contact_consent_by.empty()) add("toestemming_door", "", "intake.regel.verplicht");
  if (r.contact_consent_by.size() > 120)
    add("toestemming_door", r.contact_consent_by.substr(0, 20), "intake.regel.te_lang");
  if (r.sharing.categories != 0 && !r.sharing.until) add("delen_tot", "", "intake.regel.delen_tot");
  if (r.sharing.until && *r.sharing.until < today)
    add("delen_tot", r.sharing.until->ToString(), "intake.regel.delen_tot_verleden");
  if (r.sharing.until && *r.sharing.until > today.AddDays(3 * 366))
    add("delen_tot", r.sharing.until->ToString(), "intake.regel.delen_tot_lang");
  if (!r.born_in_belgium.empty() && r.born_in_belgium != "positief" && r.born_in_belgium != "negatief")
    add("born_in_belgium", r.born_in_belgium, "intake.regel.onbekende_code");
  return out;
}

std::optional<double> PregnancyMonthAt(const Referral& r) {
  if (!r.pregnant || !r.due_date) return std::nullopt;
  // A pregnancy lasts 280 days from the last period; month = elapsed / (280/9).
  double elapsed = 280.0 - (r.due_date->days() - r.received_on.days());
  double month = elapsed / (280.0 / 9.0);
  return std::clamp(month, 0.0, 9.0);
}

std::string Initials(std::string_view name) {
  std::string out;
  bool start = true;
  for (unsigned char c : name) {
    if (std::isspace(c)) {
      start = true;
    } else if (start) {
      if (std::isalpha(c)) out += static_cast<char>(std::toupper(c)) + std::string(".");
      start = false;
    }
  }
  return out;
}

std::string NormaliseName(std::string_view name) {
  std::string out;
  bool space = false;
  for (unsigned char c : name) {
    if (std::isspace(c) || c == '-' || c == '.' || c == ',' || c == '\'') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

}  // namespace opkomst::intake
