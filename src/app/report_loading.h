// Loading the report's dataset from a store: the one place where the report
// engine (which computes from records, without a database) meets storage.
// Shared by `opkomst report` and the web report page.
#ifndef OPKOMST_APP_REPORT_LOADING_H_
#define OPKOMST_APP_REPORT_LOADING_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "domain/codebook.h"
#include "report/dataset.h"
#include "storage/store.h"

namespace opkomst {

// Reads the whole store (Store::ScanBulk: dossiers and measurements at the
// same time, from one snapshot, then its scores and interviews) into a
// report::Dataset.
// Group work and support money come from the same store afterwards
// (LoadGroupWork): pseudonymous rows only, no names or contacts.
// same time, from one snapshot, then its scores and interviews, then the
// intake's referrals) into a report::Dataset.
StatusOr<report::Dataset> LoadReportDataset(Store* store, const Codebook& codebook);
StatusOr<report::GroupWork> LoadGroupWork(Store* store);

// The intake's referrals as the referral analytics count them
// (report::ReferralFact): dates, organisation and kind, decision and
// reason; never a name, a note or a mother id.
StatusOr<std::vector<report::ReferralFact>> LoadReferralFacts(Store& store);

// The same, as a CSV file for researchers and the pandas oracle
// (docs/intake.md, "Referral analytics"): one row per referral with
// received_on, organisation, organisation_kind, pregnant, due_date,
// decision, decline_reason, decided_on, first_home_visit_on, withdrawn_on.
Status ExportReferralsCsv(Store& store, const std::string& path);

}  // namespace opkomst

#endif  // OPKOMST_APP_REPORT_LOADING_H_
