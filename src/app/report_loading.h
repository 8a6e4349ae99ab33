// Loading the report's dataset from a store: the one place where the report
// engine (which computes from records, without a database) meets storage.
// Shared by `opkomst report` and the web report page.
#ifndef OPKOMST_APP_REPORT_LOADING_H_
#define OPKOMST_APP_REPORT_LOADING_H_

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
StatusOr<report::Dataset> LoadReportDataset(Store* store, const Codebook& codebook);
StatusOr<report::GroupWork> LoadGroupWork(Store* store);

}  // namespace opkomst

#endif  // OPKOMST_APP_REPORT_LOADING_H_
