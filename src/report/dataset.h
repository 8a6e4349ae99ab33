// Everything the report engine reads, built once from the stored records into
// columns: one per dossier attribute and one per variable and moment, each
// with an entry per dossier. Populations and statistics work on these
// columns only.
//
// Columns, not records: a table reads one or a few attributes of every
// dossier, so it should touch a byte or two per dossier, not a whole record
// (at a million dossiers that is the difference between reading 1 MB and
// 64 MB per pass).
#ifndef OPKOMST_REPORT_DATASET_H_
#define OPKOMST_REPORT_DATASET_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "domain/codebook.h"
#include "domain/dossier.h"
#include "domain/stored_records.h"
#include "report/group_work.h"

namespace opkomst::report {

inline constexpr int32_t kNoDate = INT32_MIN;
inline constexpr int16_t kNoNumber = INT16_MIN;

// Strings one after the other in one buffer (ids: a million small strings
// would be a million allocations), each found by its index.
class PackedStrings {
 public:
  void Reserve(size_t count, size_t bytes) { ends_.reserve(count), text_.reserve(bytes); }
  void Add(std::string_view s) {
    text_.append(s);
    ends_.push_back(static_cast<uint32_t>(text_.size()));
  }
  size_t size() const { return ends_.size(); }
  std::string_view operator[](size_t i) const {
    size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }

 private:
  std::string text_;
  std::vector<uint32_t> ends_;  // end offset of each string in text_
};

// The dossiers' attributes; entry i belongs to the i-th dossier in id order.
// Codes are one byte, as in the answer columns, so a table reads a coded
// field and a variable the same way (a column of int8_t).
struct DossierColumns {
  std::vector<int8_t> track, pregnant_at_start, first_pregnancy, referrer_type;
  std::vector<int8_t> referrer_group;   // Figure 3's groups, see ReferrerGroupOf
  std::vector<int8_t> mother_age_band;  // Figure 6's bands, see AgeBandOf
  std::vector<int32_t> start, end;      // days since 1970-01-01; end is kNoDate while running
  // The same dates as calendar months (year * 12 + month - 1; the year is
  // that / 12) and days of the month, for counting whole months without
  // converting every time.
  std::vector<int32_t> start_month, end_month;
  std::vector<int8_t> start_day, end_day;
  std::vector<int16_t> trajectory;
  std::vector<int16_t> mother_age, child_age_months;           // kNoNumber when unknown; see ChildAgeMonthsAtStart
  std::array<std::vector<uint8_t>, kMomentCount> registered;   // 1 if the moment was registered
  std::array<std::vector<int32_t>, kMomentCount> measured_on;  // kNoDate when undated or not registered
};

class DatasetParts;

// One referral to the intake point (issue 12), pseudonymous: no name, no
// note, no mother id; what the referral analytics (T30-T34, F21-F22) count.
// Dates in days since 1970-01-01, kNoDate when there is none.
struct ReferralFact {
  int32_t received = kNoDate;
  int32_t due = kNoDate;               // the due date, if she was pregnant at the referral
  int32_t decided = kNoDate;           // the meeting's decision
  int32_t first_home_visit = kNoDate;  // of the dossier the decision opened
  int32_t withdrawn = kNoDate;         // the consent's withdrawal
  bool pregnant = true;
  std::string organisation;  // the referring organisation's name; "" = self-referral
  std::string kind;          // intake::OrganisationKindCode, "" = self-referral
  std::string decision;      // intake::DecisionCodes(), "" = not decided
  std::string decline_reason;
};

// One dossier's case-study score on one indicator: at its first and at its
// latest score moment (moment 0: never scored). Scores at the same moment
// count once, the first that arrived.
struct ScoreSpan {
  int16_t first_moment = 0, last_moment = 0;
  int8_t first = static_cast<int8_t>(kMissing), last = static_cast<int8_t>(kMissing);
  bool scored() const { return first_moment != 0; }
  bool operator==(const ScoreSpan&) const = default;
};

class Dataset {
 public:
  explicit Dataset(const Codebook& codebook) : codebook_(&codebook) {}

  const Codebook& codebook() const { return *codebook_; }
  // The case-study indicator set the report's tables use: the team's
  // current version (labels, order, dropped, added indicators) when the
  // loader gave one (DatasetBuilder::UseCaseStudySet), else the codebook's.
  const IndicatorSet& casestudy() const { return casestudy_ ? *casestudy_ : codebook_->indicator_set("casestudy"); }
  size_t size() const { return ids_.size(); }
  std::string_view id(size_t dossier) const { return ids_[dossier]; }
  // Index of a dossier by id (binary search: dossiers are in id order), or -1.
  int64_t Find(std::string_view dossier_id) const;
  const DossierColumns& dossiers() const { return columns_; }

  // The codes of `variable` (a codebook index) at `moment`, one per dossier:
  // kMissing where the cell is empty or the moment was not registered.
  const int8_t* Column(Moment moment, int variable) const {
    return cells_.data() + (static_cast<size_t>(moment) * width_ + static_cast<size_t>(variable)) * size();
  }
  Code Value(size_t dossier, Moment moment, int variable) const { return Column(moment, variable)[dossier]; }
  bool Has(size_t dossier, Moment moment) const { return columns_.registered[static_cast<size_t>(moment)][dossier]; }

  // The case-study scores as Tables 20-25 and population P5 use them: per
  // scored dossier and indicator, its first and its latest score. Folded
  // in as the scores arrive, so neither a score record nor a lookup by
  // string is kept per score.
  const std::vector<uint32_t>& scored_dossiers() const { return scored_; }  // dossier indices, id order
  size_t score_width() const { return score_width_; }                       // indicators of the set
  // The spans of scored_dossiers()[k], one per indicator of the set.
  const ScoreSpan* spans(size_t k) const { return spans_.data() + k * score_width_; }
  // Scores folded in (of dossiers in the data set).
  size_t score_count() const { return score_count_; }
  // In (respondent_id, indicator) order.
  const std::vector<InterviewAnswer>& interviews() const { return interviews_; }
  // Group work and support money (report/group_work.h), set after Finish().
  const GroupWork& group_work() const { return group_work_; }
  void SetGroupWork(GroupWork group_work) { group_work_ = std::move(group_work); }
  // The intake's referrals, in any order (app/report_loading.cc adds them).
  const std::vector<ReferralFact>& referrals() const { return referrals_; }
  void SetReferrals(std::vector<ReferralFact> referrals) { referrals_ = std::move(referrals); }

 private:
  friend class DatasetParts;
  const Codebook* codebook_;
  std::shared_ptr<const IndicatorSet> casestudy_;  // null: the codebook's
  PackedStrings ids_;
  DossierColumns columns_;
  std::vector<int8_t> cells_;  // codes are < 64: one byte each; column (moment, variable) after column
  size_t width_ = 0;           // variables per moment
  std::vector<uint32_t> scored_;
  std::vector<ScoreSpan> spans_;
  size_t score_width_ = 0, score_count_ = 0;
  std::vector<InterviewAnswer> interviews_;
  GroupWork group_work_;
  std::vector<ReferralFact> referrals_;
};

// Figure 3's five groups of referrers (an index into ReferrerGroups()),
// matched on words in the free-text referrer; kMissing when empty.
Code ReferrerGroupOf(std::string_view referrer);
const OptionList& ReferrerGroups();
// Figure 6's bands of the mother's age (an index into AgeBands()), kMissing
// when the age is unknown.
Code AgeBandOf(int16_t age);
const OptionList& AgeBands();

// Builds a Dataset from the records as stored (domain/stored_records.h):
// the dossiers in id order and, at the same time on a second thread, the
// measurements in (id, moment) order; then the scores and interviews. The
// expected counts only size the buffers. Loading them from a store is the
// application layer's job (app/report_loading.h); the report engine needs
// no database.
class DatasetBuilder {
 public:
  DatasetBuilder(const Codebook& codebook, size_t expected_dossiers, size_t expected_measurements);
  ~DatasetBuilder();
  DatasetBuilder(const DatasetBuilder&) = delete;
  DatasetBuilder& operator=(const DatasetBuilder&) = delete;

  Status AddDossier(const BulkDossier& dossier);
  Status AddMeasurement(const BulkMeasurement& measurement);
  // Before the first score: the case-study set to report on instead of the
  // codebook's. It holds every indicator of the codebook's set (a version
  // never removes one) in any order, and may add some: a score is placed by
  // its indicator's name, so the same indicator is compared with itself.
  void UseCaseStudySet(IndicatorSet set);
  void AddScore(const Score& score);
  void AddInterview(const InterviewAnswer& answer);
  // Places every measurement in the columns of its dossier.
  StatusOr<Dataset> Finish();

 private:
  std::unique_ptr<DatasetParts> parts_;
};

// A Dataset from domain records in memory, in any order: for tools and tests
// that have records and no database. Scores and interviews may come in any order.
StatusOr<Dataset> DatasetFromRecords(const Codebook& codebook, std::vector<Dossier> dossiers,
                                     std::vector<std::pair<std::string, Measurement>> measurements,
                                     std::vector<Score> scores, std::vector<InterviewAnswer> interviews);

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_DATASET_H_
