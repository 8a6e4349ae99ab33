// The registration records: a dossier (one guidance trajectory of one
// mother), its measurements at the moments start / birth / end, the
// indicator-set scores and the interview self-assessments.
#ifndef OPKOMST_DOMAIN_DOSSIER_H_
#define OPKOMST_DOMAIN_DOSSIER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/codebook.h"
#include "domain/date.h"

namespace opkomst {

struct Dossier {
  std::string dossier_id;     // pseudonymous, unique
  std::string mother_id;      // pseudonym of the mother; links her trajectories
  int trajectory_number = 0;  // 1 = first; 0 = not given (derived on import)
  Code track = kMissing;      // Codebook field "track"
  Date start_date;
  std::optional<Date> end_date;  // empty = running
  std::string social_worker;
  std::string referrer;
  Code referrer_type = kMissing;
  std::optional<Date> due_date;
  std::optional<Date> child_birth_date;
  std::optional<int> child_age_months_at_start;  // legacy; see ChildAgeMonthsAtStart
  Code pregnant_at_start = kMissing;
  Code first_pregnancy = kMissing;
  std::optional<int> mother_age_at_start;
  // Optimistic concurrency: the store refuses an update whose version is
  // not the stored one, and increments it on every change.
  int64_t version = 0;

  bool operator==(const Dossier& other) const;
};

// The child's age in whole months at the start of guidance (negative =
// before birth): from the birth date, else from the due date, else the
// legacy registered value.
std::optional<int> ChildAgeMonthsAtStart(const Dossier& dossier);
std::optional<int> ChildAgeMonthsAtStart(Date start, const std::optional<Date>& birth, const std::optional<Date>& due,
                                         const std::optional<int>& registered);

// The characters of stored answers (EncodeAnswers): the code's position.
inline constexpr std::string_view kAnswerAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

struct Measurement {
  Moment moment = Moment::kStart;
  std::optional<Date> measured_on;
  // One entry per Codebook::variables() index: an option code, a count, or
  // kMissing when not filled in.
  std::vector<Code> values;

  bool operator==(const Measurement& other) const = default;
};

struct Score {
  std::string dossier_id;
  int moment = 1;  // measurement number 1, 2, 3 ...
  std::optional<Date> measured_on;
  int indicator = 0;  // index into the casestudy IndicatorSet; -1: one the team added
  Code score = kMissing;
  // The name of an indicator the team added in the app (domain/
  // indicator_sets.h) and the codebook does not know: indicator is then -1.
  std::string added_indicator;

  bool operator==(const Score& other) const = default;
};

struct InterviewAnswer {
  std::string respondent_id;
  std::string dossier_id;  // optional link; empty if none
  Code track = kMissing;
  int indicator = 0;  // index into the interview IndicatorSet
  std::optional<int> score_start, score_end;

  bool operator==(const InterviewAnswer& other) const = default;
};

// Receives records one by one: all dossiers of a batch first, then their
// measurements, scores and interview answers. Implemented by the stores'
// import transactions; fed by the exchange reader and the demo generator.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual Status AddDossiers(const std::vector<Dossier>& dossiers) = 0;
  virtual Status AddMeasurement(const std::string& dossier_id, const Measurement& measurement) = 0;
  virtual Status AddScore(const Score& score) = 0;
  virtual Status AddInterview(const InterviewAnswer& answer) = 0;
};

// Encodes measurement values into the compact stored form: one character
// per codebook slot, '-' for missing, else a digit/letter giving the code.
std::string EncodeAnswers(const Codebook& codebook, const std::vector<Code>& values);
// The inverse; fails on a character no code can have.
StatusOr<std::vector<Code>> DecodeAnswers(const Codebook& codebook, std::string_view encoded);

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_DOSSIER_H_
