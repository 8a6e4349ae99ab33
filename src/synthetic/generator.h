// A synthetic team: dossiers, measurements, case-study scores and
// interviews drawn from distributions like those the evaluation report
// published (REPORT_SPEC tables 2-19). For demos, tests and benchmarks;
// every name and date is made up.
#ifndef OPKOMST_SYNTHETIC_GENERATOR_H_
#define OPKOMST_SYNTHETIC_GENERATOR_H_

#include <cstdint>

#include "base/status.h"
#include "domain/codebook.h"
#include "domain/date.h"
#include "domain/dossier.h"

namespace opkomst {

struct GeneratorOptions {
  int64_t dossiers = 300;
  uint64_t seed = 2020;
  Date first_start = *Date::FromYmd(2020, 1, 6);
  Date last_start = *Date::FromYmd(2023, 12, 22);
  // The day the data is as of: no date after it, running dossiers measured on it.
  Date as_of = *Date::FromYmd(2023, 12, 31);
  bool case_study = true;  // scores for 21 families and 9 interviews
  int64_t batch = 5000;    // dossiers per AddDossiers call
  // Benchmarks: give every dossier all three moments (start, birth, end).
  bool every_moment = false;
  // A fully registered team (issue 14): every family scored on the
  // case-study set at each of its measurements (score moment k at the k-th
  // measurement's date), and `interviewed_share` of the mothers interviewed.
  // Off, only the 21 case-study families are scored and 9 interviewed
  // (the published shape; the same team for the same seed as before).
  bool score_every_family = false;
  double interviewed_share = 0.3;
};

// Streams the team into `sink` in batches (dossiers, then their records).
Status GenerateTeam(const Codebook& codebook, const GeneratorOptions& options, RecordSink* sink);

}  // namespace opkomst

#endif  // OPKOMST_SYNTHETIC_GENERATOR_H_
