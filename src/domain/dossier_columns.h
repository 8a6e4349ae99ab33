// The dossier's columns, listed once: the header of dossiers.csv in the
// exchange format and the columns of the stored table dossier, in this
// order. The exchange reader and writer, the store's rows and the bulk
// readers all take their names and positions from here.
#ifndef OPKOMST_DOMAIN_DOSSIER_COLUMNS_H_
#define OPKOMST_DOMAIN_DOSSIER_COLUMNS_H_

#include <array>
#include <cstddef>
#include <string_view>

namespace opkomst {

enum class DossierColumn {
  kDossierId,
  kMotherId,
  kTrajectoryNumber,
  kTrack,
  kStartDate,
  kEndDate,
  kSocialWorker,
  kReferrer,
  kReferrerType,
  kDueDate,
  kChildBirthDate,
  kChildAgeMonthsAtStart,
  kPregnantAtStart,
  kFirstPregnancy,
  kMotherAgeAtStart,
};

inline constexpr std::array<std::string_view, 15> kDossierColumnNames = {
    "dossier_id",        "mother_id",       "trajectory_number",  "track",
    "start_date",        "end_date",        "social_worker",      "referrer",
    "referrer_type",     "due_date",        "child_birth_date",   "child_age_months_at_start",
    "pregnant_at_start", "first_pregnancy", "mother_age_at_start"};

// The column's position in kDossierColumnNames.
constexpr size_t ColumnIndex(DossierColumn column) { return static_cast<size_t>(column); }
constexpr std::string_view ColumnName(DossierColumn column) { return kDossierColumnNames[ColumnIndex(column)]; }

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_DOSSIER_COLUMNS_H_
