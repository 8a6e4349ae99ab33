#include "app/report_loading.h"

#include "app/indicator_sets.h"

namespace opkomst {

StatusOr<report::Dataset> LoadReportDataset(Store* store, const Codebook& codebook) {
  // Only sizes the buffers; an eighth more, since an estimate may fall short
  // and a vector that outgrows its buffer copies everything once more. A
  // reservation larger than needed costs address space, not memory.
  OPKOMST_ASSIGN_OR_RETURN(StoreCounts counts, store->ApproximateCounts());
  report::DatasetBuilder builder(codebook, static_cast<size_t>(counts.dossiers + counts.dossiers / 8),
                                 static_cast<size_t>(counts.measurements + counts.measurements / 8));
  // The case-study tables show the team's current indicator set (labels,
  // order, dropped and added indicators), once she saved one.
  if (const IndicatorSet* set = codebook.FindIndicatorSet("casestudy")) {
    OPKOMST_ASSIGN_OR_RETURN(IndicatorSetVersion current, app::CurrentIndicatorSet(*store, *set));
    if (current.version > 1) builder.UseCaseStudySet(WithVersion(*set, current));
  }
  Store::BulkVisitors visit;
  visit.dossier = [&](const BulkDossier& d) { return builder.AddDossier(d); };
  visit.measurement = [&](const BulkMeasurement& m) { return builder.AddMeasurement(m); };
  visit.score = [&](const Score& s) {
    builder.AddScore(s);
    return Status::Ok();
  };
  visit.interview = [&](const InterviewAnswer& a) {
    builder.AddInterview(a);
    return Status::Ok();
  };
  OPKOMST_RETURN_IF_ERROR(store->ScanBulk(visit));
  return builder.Finish();
}

}  // namespace opkomst
