// Everything the report engine reads, loaded once from the store into
// compact arrays: one Facts record per dossier and one row of answer codes
// per measurement. Populations and statistics work on these arrays only.
#ifndef OPKOMST_REPORT_DATASET_H_
#define OPKOMST_REPORT_DATASET_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/codebook.h"
#include "domain/dossier.h"
#include "storage/store.h"

namespace opkomst::report {

inline constexpr int32_t kNoDate = INT32_MIN;
inline constexpr int16_t kNoNumber = INT16_MIN;

struct Facts {
  std::string dossier_id;
  Code track = kMissing;
  int32_t start = 0;      // days since 1970-01-01
  int32_t end = kNoDate;  // kNoDate: running
  int16_t trajectory = 1;
  int16_t mother_age = kNoNumber;
  int16_t child_age_months = kNoNumber;  // derived, see ChildAgeMonthsAtStart
  Code pregnant_at_start = kMissing;
  Code first_pregnancy = kMissing;
  Code referrer_type = kMissing;
  Code referrer_group = kMissing;  // Figure 3's groups, see ReferrerGroupOf
  std::string referrer;
  // Index of the answer row per moment, -1 if not registered.
  std::array<int32_t, kMomentCount> answers{-1, -1, -1};
  std::array<int32_t, kMomentCount> measured_on{kNoDate, kNoDate, kNoDate};
};

// Measurements decoded straight from the stored answer strings, with their
// dossier ids kept for the join with the dossiers (both in id order).
struct MeasurementRows {
  std::string ids;               // the ids one after the other
  std::vector<uint32_t> id_end;  // end offset of each row's id in `ids`
  std::vector<int8_t> moment;
  std::vector<int32_t> measured_on;
  std::vector<int8_t> answers;  // rows of codebook().variables().size() codes (all < 64)
};

class Dataset {
 public:
  explicit Dataset(const Codebook& codebook) : codebook_(&codebook) {}

  const Codebook& codebook() const { return *codebook_; }
  const std::vector<Facts>& dossiers() const { return dossiers_; }
  // The code of `variable` (a codebook index) for `dossier` at `moment`;
  // kMissing if the moment was not registered or the cell is empty.
  Code Value(size_t dossier, Moment moment, int variable) const {
    int32_t row = dossiers_[dossier].answers[static_cast<size_t>(moment)];
    if (row < 0) return kMissing;
    return answers_[static_cast<size_t>(row) * width_ + static_cast<size_t>(variable)];
  }
  bool Has(size_t dossier, Moment moment) const { return dossiers_[dossier].answers[static_cast<size_t>(moment)] >= 0; }
  const std::vector<Score>& scores() const { return scores_; }
  const std::vector<InterviewAnswer>& interviews() const { return interviews_; }
  // Index of a dossier by id (binary search: dossiers are in id order), or -1.
  int64_t Find(const std::string& dossier_id) const;

  // Building, for the loader and for tests.
  void Reserve(size_t dossiers);  // the answers are sized by ReadMeasurements
  void AddDossier(const Dossier& dossier);
  // From the stored columns (Store::RawDossier); fails on a value that does
  // not fit the codebook.
  Status AddRawDossier(const Store::RawDossier& row);
  void AddScore(const Score& score) { scores_.push_back(score); }
  void AddInterview(const InterviewAnswer& answer) { interviews_.push_back(answer); }
  // Takes over decoded measurements; every row must belong to a dossier.
  Status JoinMeasurements(MeasurementRows&& rows);

 private:
  const Codebook* codebook_;
  std::vector<Facts> dossiers_;
  std::vector<int8_t> answers_;  // codes are < 64: one byte each halves the memory traffic
  size_t width_ = 0;
  std::vector<Score> scores_;
  std::vector<InterviewAnswer> interviews_;
};

// Figure 3's five groups of referrers (an index into ReferrerGroups()),
// matched on words in the free-text referrer; kMissing when empty.
Code ReferrerGroupOf(const std::string& referrer);
const OptionList& ReferrerGroups();

// Reads the whole store. With `second` (another connection to the same
// database) the measurements are read on a second thread while this one
// reads the dossiers.
StatusOr<Dataset> LoadDataset(Store* store, const Codebook& codebook, Store* second = nullptr);

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_DATASET_H_
