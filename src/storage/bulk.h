// Shared by the backends' bulk scans (Store::ScanBulk): the two scans side
// by side, and the checks on what they read.
#ifndef OPKOMST_STORAGE_BULK_H_
#define OPKOMST_STORAGE_BULK_H_

#include <array>
#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "domain/dossier_columns.h"

namespace opkomst {

// Runs `here` on the calling thread and `there` on a second thread at the
// same time. Each gets a flag that is set once the other has failed, so it
// can stop early; the first failure is returned.
using BulkScan = std::function<Status(const std::atomic<bool>& stop)>;
Status RunSideBySide(const BulkScan& here, const BulkScan& there);

// The dossier's columns that a bulk scan reads (Store::BulkDossier), in the
// order of its SELECT; BulkField gives a column's position in it.
inline constexpr std::array<DossierColumn, 13> kBulkDossierColumns = {
    DossierColumn::kDossierId,       DossierColumn::kTrajectoryNumber,
    DossierColumn::kTrack,           DossierColumn::kStartDate,
    DossierColumn::kEndDate,         DossierColumn::kReferrer,
    DossierColumn::kReferrerType,    DossierColumn::kDueDate,
    DossierColumn::kChildBirthDate,  DossierColumn::kChildAgeMonthsAtStart,
    DossierColumn::kPregnantAtStart, DossierColumn::kFirstPregnancy,
    DossierColumn::kMotherAgeAtStart};
constexpr int BulkField(DossierColumn column) {
  for (size_t i = 0; i < kBulkDossierColumns.size(); ++i)
    if (kBulkDossierColumns[i] == column) return static_cast<int>(i);
  return -1;
}
// "SELECT <those columns> FROM dossier".
std::string BulkDossierSelect();

// The error for a stored value the bulk reader cannot use.
Status UnreadableStored(std::string_view table, std::string_view id, std::string_view column, std::string_view value);

}  // namespace opkomst

#endif  // OPKOMST_STORAGE_BULK_H_
