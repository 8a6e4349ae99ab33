#include "domain/record_rules.h"

#include <algorithm>

#include "domain/access.h"
#include "domain/validation.h"

namespace opkomst {
namespace {

void Required(std::string_view column, std::string_view value, Findings* findings) {
  if (value.empty()) findings->Add({"", 0, std::string(column), "", "value.required", ""});
}

// Length and formula start of free text (ids, names, the referrer).
void FreeText(std::string_view column, std::string_view value, size_t max, Findings* findings) {
  if (value.size() > max)
    findings->Add({"", 0, std::string(column), std::string(value), "value.too_long", std::to_string(max)});
  CheckFreeText("", 0, std::string(column), value, findings);
}

void InRange(std::string_view column, const std::optional<int>& value, WholeRange range, Findings* findings) {
  if (value && !range.Contains(*value))
    findings->Add({"", 0, std::string(column), std::to_string(*value), "value.range", range.Text()});
}

void KnownCode(std::string_view column, Code code, const OptionList& options, Findings* findings) {
  if (code != kMissing && (code < 0 || static_cast<size_t>(code) >= options.size()))
    findings->Add({"", 0, std::string(column), std::to_string(code), "value.code", options.CodesForMessage()});
}

}  // namespace

void AddFindings(const Findings& from, const Place& where, Findings* to) {
  for (Finding f : from.items()) {
    f.file = where.file;
    f.line = where.line;
    to->Add(std::move(f));
  }
}

Findings ValidateDossier(const Codebook& codebook, const Dossier& d) {
  Findings findings;
  Required("dossier_id", d.dossier_id, &findings);
  FreeText("dossier_id", d.dossier_id, kMaxIdLength, &findings);
  Required("mother_id", d.mother_id, &findings);
  FreeText("mother_id", d.mother_id, kMaxIdLength, &findings);
  if (d.trajectory_number != 0) InRange("trajectory_number", d.trajectory_number, kTrajectoryNumberRange, &findings);
  if (d.track == kMissing) findings.Add({"", 0, "track", "", "value.required", ""});
  KnownCode("track", d.track, codebook.field("track").options, &findings);
  FreeText("social_worker", d.social_worker, kMaxIdLength, &findings);
  FreeText("referrer", d.referrer, kMaxTextLength, &findings);
  KnownCode("referrer_type", d.referrer_type, codebook.field("referrer_type").options, &findings);
  KnownCode("pregnant_at_start", d.pregnant_at_start, codebook.field("pregnant_at_start").options, &findings);
  KnownCode("first_pregnancy", d.first_pregnancy, codebook.field("first_pregnancy").options, &findings);
  InRange("child_age_months_at_start", d.child_age_months_at_start, kChildAgeMonthsRange, &findings);
  InRange("mother_age_at_start", d.mother_age_at_start, kMotherAgeRange, &findings);
  if (d.end_date && *d.end_date < d.start_date)
    findings.Add({"", 0, "end_date", d.end_date->ToString(), "dossier.end_before_start", d.start_date.ToString()});
  return findings;
}

Findings PlausibilityWarnings(const Dossier& d) {
  Findings warnings;
  auto warn = [&](const char* column, Date value, const char* rule, Date compared) {
    warnings.Add({"", 0, column, value.ToString(), rule, compared.ToString()});
  };
  if (d.child_birth_date && d.due_date) {
    if (*d.child_birth_date < d.due_date->AddDays(-kPrematureDays))
      warn("child_birth_date", *d.child_birth_date, "dossier.plausible_premature", *d.due_date);
    else if (*d.child_birth_date > d.due_date->AddDays(kPostTermDays))
      warn("child_birth_date", *d.child_birth_date, "dossier.plausible_post_term", *d.due_date);
  }
  if (d.due_date && *d.due_date > d.start_date.AddDays(kLongestPregnancyDays))
    warn("due_date", *d.due_date, "dossier.plausible_due_late", d.start_date);
  if (d.due_date && *d.due_date < d.start_date.AddDays(-kOldestChildDays))
    warn("due_date", *d.due_date, "dossier.plausible_due_early", d.start_date);
  if (d.end_date && *d.end_date >= d.start_date && *d.end_date < d.start_date.AddDays(kShortestGuidanceDays))
    warn("end_date", *d.end_date, "dossier.plausible_short", d.start_date);
  return warnings;
}

Findings ValidateMeasurement(const Codebook& codebook, Date dossier_start, const Measurement& m) {
  Findings findings;
  if (m.measured_on && *m.measured_on < dossier_start)
    findings.Add(
        {"", 0, "measured_on", m.measured_on->ToString(), "measurement.before_start", dossier_start.ToString()});
  const auto& variables = codebook.variables();
  for (size_t i = 0; i < variables.size() && i < m.values.size(); ++i) {
    const Variable& v = variables[i];
    Code value = m.values[i];
    if (value == kMissing) continue;
    if (v.type == VariableType::kCount) {
      CheckCount(v, value, &findings);
    } else {
      KnownCode(v.name, value, *v.options, &findings);
    }
  }
  return findings;
}

void CheckCount(const Variable& v, long long value, Findings* findings) {
  WholeRange range{v.min, v.max};
  if (!range.Contains(value)) findings->Add({"", 0, v.name, std::to_string(value), "value.range", range.Text()});
}

Findings ValidateScore(const Codebook& codebook, const Score& s) {
  Findings findings;
  const IndicatorSet& set = codebook.indicator_set("casestudy");
  if (!kMeasurementNumberRange.Contains(s.moment))
    findings.Add({"", 0, "moment", std::to_string(s.moment), "value.measurement_number", ""});
  if (s.indicator < 0 || static_cast<size_t>(s.indicator) >= set.indicators.size())
    findings.Add({"", 0, "indicator", std::to_string(s.indicator), "value.indicator", set.title_nl});
  if (s.score == kMissing) {
    findings.Add({"", 0, "score", "", "value.required", ""});
  } else if (s.score < 0 || s.score > set.scale_max - set.scale_min + static_cast<Code>(set.specials.size())) {
    findings.Add({"", 0, "score", std::to_string(s.score), "value.score", set.ScoresForMessage()});
  }
  return findings;
}

const std::vector<std::string>& ContactKinds() {
  static const std::vector<std::string> kinds = {"huisbezoek", "telefoon", "bericht", "begeleiding"};
  return kinds;
}

Findings ValidateContact(std::string_view kind, const std::optional<Date>& date, std::string_view note) {
  Findings findings;
  const auto& kinds = ContactKinds();
  if (kind.empty()) {
    findings.Add({"", 0, "kind", "", "value.required", ""});
  } else if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    std::string allowed;
    for (const std::string& k : kinds) allowed += (allowed.empty() ? "" : ", ") + k;
    findings.Add({"", 0, "kind", std::string(kind), "value.code", allowed});
  }
  if (!date) findings.Add({"", 0, "contact_date", "", "value.required", ""});
  if (note.size() > kMaxNoteLength)
    findings.Add({"", 0, "note", std::string(note.substr(0, 40)), "value.too_long", std::to_string(kMaxNoteLength)});
  return findings;
}

bool ValidUsername(std::string_view name) {
  if (name.size() < 2 || name.size() > 32) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

Findings ValidateAssignment(std::string_view worker, bool exists, std::string_view role, bool active) {
  Findings findings;
  auto parsed = ParseRole(role);
  bool may_hold = exists && active && parsed && (*parsed == Role::kWorker || *parsed == Role::kTeamLead);
  if (!may_hold) findings.Add({"", 0, "social_worker", std::string(worker), "dossier.social_worker", ""});
  return findings;
}

Findings ValidateAccount(std::string_view username, std::string_view display_name, std::string_view role) {
  Findings findings;
  if (!ValidUsername(username)) findings.Add({"", 0, "username", std::string(username), "account.username", ""});
  FreeText("display_name", display_name, kMaxTextLength, &findings);
  if (!ParseRole(role)) {
    std::string allowed;
    for (Role r :
         {Role::kWorker, Role::kTeamLead, Role::kResearcher, Role::kAdministrator, Role::kFacilitator, Role::kReferrer})
      allowed += (allowed.empty() ? "" : ", ") + std::string(RoleName(r));
    findings.Add({"", 0, "role", std::string(role), "value.code", allowed});
  }
  return findings;
}

}  // namespace opkomst
