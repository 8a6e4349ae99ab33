// The stored form of a dossier and a measurement as the report engine reads
// it in bulk (without building domain objects), and the one decoder of the
// stored answer string (see EncodeAnswers in domain/dossier.h). The storage
// layer produces these views; the report engine consumes them; neither
// needs the other.
#ifndef OPKOMST_DOMAIN_STORED_RECORDS_H_
#define OPKOMST_DOMAIN_STORED_RECORDS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/codebook.h"
#include "domain/date.h"
#include "domain/dossier.h"

namespace opkomst {

// What the report needs of one dossier. Views are valid only during the
// call that hands them over.
struct BulkDossier {
  std::string_view dossier_id, track, referrer, referrer_type, pregnant_at_start, first_pregnancy;
  int trajectory_number = 1;
  Date start_date;
  std::optional<Date> end_date, due_date, child_birth_date;
  std::optional<int> child_age_months_at_start, mother_age_at_start;
};

// One measurement, its answers as stored (see EncodeAnswers).
struct BulkMeasurement {
  std::string_view dossier_id;
  Moment moment = Moment::kStart;
  std::optional<Date> measured_on;
  std::string_view answers;
};

// The code of one character of a stored answer string: its position in
// kAnswerAlphabet, kMissing for '-', or kUnreadableAnswer for a character
// no code has. A table, so the report can decode millions of answers.
inline constexpr Code kUnreadableAnswer = -2;
inline constexpr std::array<int8_t, 256> kStoredAnswerCodes = [] {
  std::array<int8_t, 256> codes{};
  codes.fill(static_cast<int8_t>(kUnreadableAnswer));
  for (size_t k = 0; k < kAnswerAlphabet.size(); ++k)
    codes[static_cast<unsigned char>(kAnswerAlphabet[k])] = static_cast<int8_t>(k);
  codes['-'] = static_cast<int8_t>(kMissing);
  return codes;
}();
inline Code StoredAnswerCode(char c) { return kStoredAnswerCodes[static_cast<unsigned char>(c)]; }
// The code stored in `slot` of `answers`; kMissing past the end (a slot
// added to the codebook after the answers were stored).
inline Code StoredAnswerAt(std::string_view answers, int slot) {
  return static_cast<size_t>(slot) < answers.size() ? StoredAnswerCode(answers[static_cast<size_t>(slot)]) : kMissing;
}

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_STORED_RECORDS_H_
