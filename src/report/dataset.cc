#include "report/dataset.h"

#include <algorithm>
#include <thread>
#include <tuple>
#include <unordered_map>

namespace opkomst::report {

namespace {

// The first of `n` entries in id order whose id is not below `key`.
template <typename IdOf>
size_t FirstNotBelow(size_t n, std::string_view key, const IdOf& id_of) {
  size_t low = 0, high = n;
  while (low < high) {
    size_t mid = low + (high - low) / 2;
    if (id_of(mid) < key) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

// Exact stored code -> Code, without the folding of OptionList::FindCode:
// this runs for several fields of every dossier.
class CodeOf {
 public:
  explicit CodeOf(const OptionList& options) : options_(options) {}
  std::optional<Code> operator()(std::string_view code) const {
    if (code.empty()) return kMissing;
    for (size_t i = 0; i < options_.size(); ++i)
      if (options_.options()[i].code == code) return static_cast<Code>(i);
    return std::nullopt;
  }

 private:
  const OptionList& options_;
};

}  // namespace

int64_t Dataset::Find(std::string_view key) const {
  size_t at = FirstNotBelow(size(), key, [&](size_t i) { return id(i); });
  return at < size() && id(at) == key ? static_cast<int64_t>(at) : -1;
}

// Collects the two bulk scans (each on its own thread: AddDossier on one,
// AddMeasurement on the other) and turns them into a Dataset's columns.
class DatasetParts {
 public:
  DatasetParts(const Codebook& codebook, size_t expected_dossiers, size_t expected_measurements)
      : data_(codebook),
        track_(codebook.field("track").options),
        referrer_type_(codebook.field("referrer_type").options),
        pregnant_(codebook.field("pregnant_at_start").options),
        first_pregnancy_(codebook.field("first_pregnancy").options) {
    const IndicatorSet* case_study = codebook.FindIndicatorSet("casestudy");
    data_.score_width_ = case_study ? case_study->indicators.size() : 0;
    const auto& variables = codebook.variables();
    for (const Variable& v : variables) {
      slots_.push_back(static_cast<size_t>(v.slot));
      limits_.push_back(static_cast<int8_t>(v.options ? v.options->size() : kAnswerAlphabet.size()));
    }
    data_.width_ = variables.size();
    size_t n = expected_dossiers, rows = expected_measurements;
    data_.ids_.Reserve(n, n * 8);
    group_ids_.Reserve(n, n * 8);
    group_first_row_.reserve(n);
    row_moment_.reserve(rows);
    row_measured_on_.reserve(rows);
    stride_ = static_cast<size_t>(codebook.slot_count());
    row_text_.reserve(rows * stride_);
  }

  Status AddDossier(const BulkDossier& d);
  Status AddMeasurement(const BulkMeasurement& m);
  void UseCaseStudySet(IndicatorSet set);
  void AddScore(const Score& s);
  void AddInterview(const InterviewAnswer& a) { data_.interviews_.push_back(a); }
  // Places every measurement in the columns of its dossier.
  StatusOr<Dataset> Finish();

 private:
  // The measurements come in groups, one per dossier (the store sends them
  // in id order): the group's id once, and where its rows begin.
  size_t Groups() const { return group_first_row_.size(); }
  std::string_view GroupId(size_t group) const { return group_ids_[group]; }
  size_t GroupEnd(size_t group) const {
    return group + 1 < Groups() ? group_first_row_[group + 1] : row_moment_.size();
  }
  Status PlaceRows(size_t first_dossier, size_t end_dossier);
  // Puts scored_ in id order (scores from records may come in any order)
  // and the interviews in (respondent, indicator) order.
  void OrderScoresAndInterviews();

  Dataset data_;
  CodeOf track_, referrer_type_, pregnant_, first_pregnancy_;
  // Few distinct referrers, many dossiers: each is matched once.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
  };
  std::unordered_map<std::string, Code, TextHash, std::equal_to<>> referrer_groups_;
  // The measurements as they arrive: ids, moments, dates and a row of codes.
  std::vector<size_t> slots_;
  std::vector<int8_t> limits_;  // per variable: its codes are below this
  PackedStrings group_ids_;
  std::vector<uint32_t> group_first_row_;
  std::vector<int8_t> row_moment_;
  std::vector<int32_t> row_measured_on_;
  std::string row_text_;  // each row's stored answers, stride_ characters (see EncodeAnswers)
  size_t stride_ = 0;
  // The scores: the last dossier seen (the store sends them in id order,
  // so one lookup per dossier) and each dossier's place in scored_.
  std::string last_scored_id_;
  int64_t last_scored_ = -1;
  std::vector<int32_t> score_slot_;
  // With a set of the team's (UseCaseStudySet): the place of each codebook
  // indicator in it, and of each indicator the team added, by name.
  std::vector<int32_t> place_of_codebook_indicator_;
  std::unordered_map<std::string, int32_t, TextHash, std::equal_to<>> place_of_added_;
};

void DatasetParts::UseCaseStudySet(IndicatorSet set) {
  const IndicatorSet& codebook_set = data_.codebook().indicator_set("casestudy");
  place_of_codebook_indicator_.assign(codebook_set.indicators.size(), -1);
  for (size_t i = 0; i < set.indicators.size(); ++i) {
    auto known = codebook_set.FindIndicator(set.indicators[i].name);
    if (known && codebook_set.indicators[static_cast<size_t>(*known)].name == set.indicators[i].name)
      place_of_codebook_indicator_[static_cast<size_t>(*known)] = static_cast<int32_t>(i);
    else
      place_of_added_[set.indicators[i].name] = static_cast<int32_t>(i);
  }
  data_.score_width_ = set.indicators.size();
  data_.casestudy_ = std::make_shared<const IndicatorSet>(std::move(set));
}

Status DatasetParts::AddDossier(const BulkDossier& d) {
  DossierColumns& c = data_.columns_;
  auto track = track_(d.track), referrer_type = referrer_type_(d.referrer_type),
       pregnant = pregnant_(d.pregnant_at_start), first = first_pregnancy_(d.first_pregnancy);
  if (!track || !referrer_type || !pregnant || !first)
    return Incompatible("stored dossier " + std::string(d.dossier_id) + " has a code this codebook does not know");
  // Find() and the merge with the measurements rely on id order.
  if (data_.size() > 0 && !(data_.id(data_.size() - 1) < d.dossier_id))
    return Internal("bulk scan: dossier " + std::string(d.dossier_id) + " out of id order");
  data_.ids_.Add(d.dossier_id);
  c.track.push_back(static_cast<int8_t>(*track));
  c.referrer_type.push_back(static_cast<int8_t>(*referrer_type));
  c.pregnant_at_start.push_back(static_cast<int8_t>(*pregnant));
  c.first_pregnancy.push_back(static_cast<int8_t>(*first));
  auto group = referrer_groups_.find(d.referrer);
  if (group == referrer_groups_.end())
    group = referrer_groups_.emplace(std::string(d.referrer), ReferrerGroupOf(d.referrer)).first;
  c.referrer_group.push_back(static_cast<int8_t>(group->second));
  int year, month, day;
  d.start_date.ToCivil(&year, &month, &day);
  c.start.push_back(d.start_date.days());
  c.start_month.push_back(year * 12 + month - 1);
  c.start_day.push_back(static_cast<int8_t>(day));
  year = month = day = 0;
  if (d.end_date) d.end_date->ToCivil(&year, &month, &day);
  c.end.push_back(d.end_date ? d.end_date->days() : kNoDate);
  c.end_month.push_back(year * 12 + month - 1);
  c.end_day.push_back(static_cast<int8_t>(day));
  c.trajectory.push_back(static_cast<int16_t>(d.trajectory_number));
  auto small = [](const std::optional<int>& v) { return v ? static_cast<int16_t>(*v) : kNoNumber; };
  c.mother_age.push_back(small(d.mother_age_at_start));
  c.mother_age_band.push_back(static_cast<int8_t>(AgeBandOf(c.mother_age.back())));
  c.child_age_months.push_back(
      small(ChildAgeMonthsAtStart(d.start_date, d.child_birth_date, d.due_date, d.child_age_months_at_start)));
  return Status::Ok();
}

void DatasetParts::AddScore(const Score& s) {
  if (s.dossier_id != last_scored_id_ || last_scored_ < 0) {
    last_scored_id_ = s.dossier_id;
    last_scored_ = data_.Find(s.dossier_id);
  }
  // The indicator's place in the set reported on: as stored, or by name
  // in the team's set.
  int64_t place = s.indicator;
  if (data_.casestudy_) {
    if (s.indicator < 0) {
      auto added = place_of_added_.find(s.added_indicator);
      place = added == place_of_added_.end() ? -1 : added->second;
    } else {
      place = static_cast<size_t>(s.indicator) < place_of_codebook_indicator_.size()
                  ? place_of_codebook_indicator_[static_cast<size_t>(s.indicator)]
                  : -1;
    }
  }
  // A score of a dossier outside the data set, or of an indicator the set
  // does not have, counts for no table.
  if (last_scored_ < 0 || place < 0 || static_cast<size_t>(place) >= data_.score_width_) return;
  if (score_slot_.empty()) score_slot_.assign(data_.size(), -1);
  int32_t& slot = score_slot_[static_cast<size_t>(last_scored_)];
  if (slot < 0) {
    slot = static_cast<int32_t>(data_.scored_.size());
    data_.scored_.push_back(static_cast<uint32_t>(last_scored_));
    data_.spans_.resize(data_.spans_.size() + data_.score_width_);
  }
  ScoreSpan& span = data_.spans_[static_cast<size_t>(slot) * data_.score_width_ + static_cast<size_t>(place)];
  ++data_.score_count_;
  auto moment = static_cast<int16_t>(s.moment);
  auto code = static_cast<int8_t>(s.score);
  if (!span.scored()) {
    span = {moment, moment, code, code};
    return;
  }
  if (moment < span.first_moment) span.first_moment = moment, span.first = code;
  if (moment > span.last_moment) span.last_moment = moment, span.last = code;
}

void DatasetParts::OrderScoresAndInterviews() {
  std::vector<uint32_t>& scored = data_.scored_;
  if (!std::is_sorted(scored.begin(), scored.end())) {
    const size_t width = data_.score_width_;
    std::vector<uint32_t> order(scored.size());
    for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return scored[a] < scored[b]; });
    std::vector<uint32_t> sorted_ids(scored.size());
    std::vector<ScoreSpan> sorted_spans(data_.spans_.size());
    for (size_t k = 0; k < order.size(); ++k) {
      sorted_ids[k] = scored[order[k]];
      std::copy_n(data_.spans_.begin() + static_cast<std::ptrdiff_t>(order[k] * width), width,
                  sorted_spans.begin() + static_cast<std::ptrdiff_t>(k * width));
    }
    scored.swap(sorted_ids);
    data_.spans_.swap(sorted_spans);
  }
  score_slot_.clear();
  score_slot_.shrink_to_fit();
  auto by_respondent = [](const InterviewAnswer& a, const InterviewAnswer& b) {
    return std::tie(a.respondent_id, a.indicator) < std::tie(b.respondent_id, b.indicator);
  };
  std::vector<InterviewAnswer>& interviews = data_.interviews_;
  if (!std::is_sorted(interviews.begin(), interviews.end(), by_respondent))
    std::stable_sort(interviews.begin(), interviews.end(), by_respondent);
}

Status DatasetParts::AddMeasurement(const BulkMeasurement& m) {
  // PlaceRows merges the groups with the dossiers: rows in (id, moment) order.
  int order = Groups() == 0 ? 1 : m.dossier_id.compare(GroupId(Groups() - 1));
  if (order < 0 || (order == 0 && static_cast<int8_t>(m.moment) <= row_moment_.back()))
    return Internal("bulk scan: measurement of " + std::string(m.dossier_id) + " out of order");
  if (order > 0) {
    group_ids_.Add(m.dossier_id);
    group_first_row_.push_back(static_cast<uint32_t>(row_moment_.size()));
  }
  row_moment_.push_back(static_cast<int8_t>(m.moment));
  row_measured_on_.push_back(m.measured_on ? m.measured_on->days() : kNoDate);
  // Kept as stored (PlaceRows decodes it, on every core): one copy, no work per answer here.
  std::string_view text = m.answers.substr(0, stride_);
  row_text_.append(text);
  row_text_.append(stride_ - text.size(), '-');
  return Status::Ok();
}

// Writes the cells of dossiers [first, end), each once: the codes of the
// dossier's measurement at a moment, or kMissing where it has none. Rows
// and dossiers are both in id order, so one merge walks them.
Status DatasetParts::PlaceRows(size_t first, size_t end) {
  const size_t n = data_.size(), width = data_.width_, groups = Groups();
  DossierColumns& c = data_.columns_;
  if (first == end) return Status::Ok();
  // The group of dossier `first` (groups before it belong to the range
  // before, which checks them).
  size_t group = first == 0 ? 0 : FirstNotBelow(groups, data_.id(first), [&](size_t g) { return GroupId(g); });
  auto unknown = [&](size_t g) {  // a group that no dossier takes: the foreign key rules it out
    return Incompatible("stored measurement of unknown dossier " + std::string(GroupId(g)));
  };
  for (size_t dossier = first; dossier < end; ++dossier) {
    int order = group < groups ? GroupId(group).compare(data_.id(dossier)) : 1;
    if (order < 0) return unknown(group);
    size_t row = order == 0 ? group_first_row_[group] : 0, rows_end = order == 0 ? GroupEnd(group) : 0;
    for (size_t moment = 0; moment < kMomentCount; ++moment) {
      int8_t* cells = data_.cells_.data() + moment * width * n + dossier;
      if (row == rows_end || static_cast<size_t>(row_moment_[row]) != moment) {
        for (size_t v = 0; v < width; ++v) cells[v * n] = static_cast<int8_t>(kMissing);
        continue;
      }
      c.registered[moment][dossier] = 1;
      c.measured_on[moment][dossier] = row_measured_on_[row];
      const unsigned char* text = reinterpret_cast<const unsigned char*>(row_text_.data()) + row * stride_;
      bool unreadable = false;  // one check per row, not a branch per answer
      for (size_t v = 0; v < width; ++v) {
        int8_t code = kStoredAnswerCodes[text[slots_[v]]];
        unreadable |= code == kUnreadableAnswer || code >= limits_[v];
        cells[v * n] = code;
      }
      if (unreadable) return Incompatible("stored answer of " + std::string(data_.id(dossier)) + " is unreadable");
      ++row;
    }
    if (order == 0) ++group;
  }
  if (group < groups && (end == n || GroupId(group) < data_.id(end))) return unknown(group);
  return Status::Ok();
}

StatusOr<Dataset> DatasetParts::Finish() {
  const size_t n = data_.size();
  for (size_t m = 0; m < kMomentCount; ++m) {
    data_.columns_.registered[m].assign(n, 0);
    data_.columns_.measured_on[m].assign(n, kNoDate);
  }
  data_.cells_.resize(kMomentCount * data_.width_ * n);
  // Every core takes a range of dossiers; the ranges share no cell.
  size_t parts = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  if (n < 4096) parts = 1;
  std::vector<Status> outcome(parts);
  std::vector<std::thread> workers;
  for (size_t p = 1; p < parts; ++p)
    workers.emplace_back([&, p] { outcome[p] = PlaceRows(n * p / parts, n * (p + 1) / parts); });
  outcome[0] = PlaceRows(0, n / parts);
  for (std::thread& w : workers) w.join();
  for (const Status& s : outcome) OPKOMST_RETURN_IF_ERROR(s);
  OrderScoresAndInterviews();
  return std::move(data_);
}

DatasetBuilder::DatasetBuilder(const Codebook& codebook, size_t expected_dossiers, size_t expected_measurements)
    : parts_(std::make_unique<DatasetParts>(codebook, expected_dossiers, expected_measurements)) {}
DatasetBuilder::~DatasetBuilder() = default;
Status DatasetBuilder::AddDossier(const BulkDossier& dossier) { return parts_->AddDossier(dossier); }
Status DatasetBuilder::AddMeasurement(const BulkMeasurement& measurement) {
  return parts_->AddMeasurement(measurement);
}
void DatasetBuilder::UseCaseStudySet(IndicatorSet set) { parts_->UseCaseStudySet(std::move(set)); }
void DatasetBuilder::AddScore(const Score& score) { parts_->AddScore(score); }
void DatasetBuilder::AddInterview(const InterviewAnswer& answer) { parts_->AddInterview(answer); }
StatusOr<Dataset> DatasetBuilder::Finish() { return parts_->Finish(); }

StatusOr<Dataset> DatasetFromRecords(const Codebook& codebook, std::vector<Dossier> dossiers,
                                     std::vector<std::pair<std::string, Measurement>> measurements,
                                     std::vector<Score> scores, std::vector<InterviewAnswer> interviews) {
  std::sort(dossiers.begin(), dossiers.end(),
            [](const Dossier& a, const Dossier& b) { return a.dossier_id < b.dossier_id; });
  std::sort(measurements.begin(), measurements.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second.moment) < std::tie(b.first, b.second.moment);
  });
  DatasetBuilder builder(codebook, dossiers.size(), measurements.size());
  auto code_text = [&](const char* field, Code code) -> std::string_view {
    return code == kMissing ? std::string_view() : std::string_view(codebook.field(field).options.at(code).code);
  };
  for (const Dossier& d : dossiers) {
    BulkDossier view{d.dossier_id,
                     code_text("track", d.track),
                     d.referrer,
                     code_text("referrer_type", d.referrer_type),
                     code_text("pregnant_at_start", d.pregnant_at_start),
                     code_text("first_pregnancy", d.first_pregnancy),
                     d.trajectory_number,
                     d.start_date,
                     d.end_date,
                     d.due_date,
                     d.child_birth_date,
                     d.child_age_months_at_start,
                     d.mother_age_at_start};
    OPKOMST_RETURN_IF_ERROR(builder.AddDossier(view));
  }
  for (const auto& [dossier_id, m] : measurements) {
    std::string answers = EncodeAnswers(codebook, m.values);
    OPKOMST_RETURN_IF_ERROR(builder.AddMeasurement({dossier_id, m.moment, m.measured_on, answers}));
  }
  for (const Score& s : scores) builder.AddScore(s);
  for (const InterviewAnswer& a : interviews) builder.AddInterview(a);
  return builder.Finish();
}

}  // namespace opkomst::report
