#include "domain/dossier.h"

#include "domain/stored_records.h"

namespace opkomst {
namespace {

constexpr std::string_view kAlphabet = kAnswerAlphabet;

}  // namespace

bool Dossier::operator==(const Dossier& o) const {
  return dossier_id == o.dossier_id && mother_id == o.mother_id && trajectory_number == o.trajectory_number &&
         track == o.track && start_date == o.start_date && end_date == o.end_date && social_worker == o.social_worker &&
         referrer == o.referrer && referrer_type == o.referrer_type && due_date == o.due_date &&
         child_birth_date == o.child_birth_date && child_age_months_at_start == o.child_age_months_at_start &&
         pregnant_at_start == o.pregnant_at_start && first_pregnancy == o.first_pregnancy &&
         mother_age_at_start == o.mother_age_at_start;
}

std::optional<int> ChildAgeMonthsAtStart(const Dossier& d) {
  return ChildAgeMonthsAtStart(d.start_date, d.child_birth_date, d.due_date, d.child_age_months_at_start);
}

std::optional<int> ChildAgeMonthsAtStart(Date start, const std::optional<Date>& birth, const std::optional<Date>& due,
                                         const std::optional<int>& registered) {
  if (birth) return WholeMonthsBetween(*birth, start);
  if (due) return WholeMonthsBetween(*due, start);
  return registered;
}

std::string EncodeAnswers(const Codebook& codebook, const std::vector<Code>& values) {
  std::string out(static_cast<size_t>(codebook.slot_count()), '-');
  const auto& variables = codebook.variables();
  for (size_t i = 0; i < variables.size() && i < values.size(); ++i) {
    Code v = values[i];
    if (v == kMissing) continue;
    out[static_cast<size_t>(variables[i].slot)] =
        v >= 0 && static_cast<size_t>(v) < kAlphabet.size() ? kAlphabet[static_cast<size_t>(v)] : '?';
  }
  return out;
}

StatusOr<std::vector<Code>> DecodeAnswers(const Codebook& codebook, std::string_view encoded) {
  const auto& variables = codebook.variables();
  std::vector<Code> values(variables.size(), kMissing);
  for (size_t i = 0; i < variables.size(); ++i) {
    size_t slot = static_cast<size_t>(variables[i].slot);
    Code code = StoredAnswerAt(encoded, static_cast<int>(slot));
    if (code == kUnreadableAnswer) return Incompatible("stored answer for " + variables[i].name + " is unreadable");
    values[i] = code;
  }
  return values;
}

}  // namespace opkomst
