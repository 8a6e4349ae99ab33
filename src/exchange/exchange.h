// The exchange format of ../shared/spec/EXCHANGE.md: a folder with
// dossiers.csv (required), measurements.csv, scores.csv and interviews.csv.
//
// Reading validates every row against the codebook and the cross-file rules
// and collects every finding. Records reach the sink only while no finding
// has been made; the caller commits the sink's transaction only if the read
// ends without findings, so an import is all or nothing.
#ifndef OPKOMST_EXCHANGE_EXCHANGE_H_
#define OPKOMST_EXCHANGE_EXCHANGE_H_

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "domain/codebook.h"
#include "domain/dossier.h"
#include "domain/messages.h"
#include "domain/validation.h"

namespace opkomst {

struct ReadOptions {
  bool ignore_unknown_columns = false;
  // Remarks that do not stop the import: a column the codebook derives
  // (CODEBOOK §2 and §4, e.g. in_p3 or n_admin_in_order), which opkomst
  // computes itself and so does not read.
  std::function<void(const Finding&)> notice;
  // Called now and then with (bytes read, total bytes) of the folder.
  std::function<void(long long, long long)> progress;
};

// Reads the folder `dir`. Never throws; file problems become findings.
// A sink error (e.g. the database went away) is returned as the Status.
Status ReadExchangeFolder(const std::string& dir, const Codebook& codebook, const KnownDossiers& known,
                          const ReadOptions& options, RecordSink* sink, Findings* findings);

// Column names of each file, in the order export writes them.
std::vector<std::string> DossierColumns();
std::vector<std::string> MeasurementColumns(const Codebook& codebook);
std::vector<std::string> ScoreColumns();
std::vector<std::string> InterviewColumns();

// Writes one file of the exchange format row by row. Files are written
// under a temporary name and renamed into place by Finish(), so an
// interrupted export never leaves a half-written file under the real name.
class ExchangeWriter {
 public:
  ExchangeWriter(const Codebook& codebook, std::string dir);
  ~ExchangeWriter();
  Status Begin();  // creates dir and opens the four files
  void WriteDossier(const Dossier& dossier);
  void WriteMeasurement(const std::string& dossier_id, const Measurement& measurement);
  void WriteScore(const Score& score);
  void WriteInterview(const InterviewAnswer& answer);
  Status Finish();

 private:
  struct File;
  const Codebook& codebook_;
  std::string dir_;
  std::vector<std::unique_ptr<File>> files_;
  std::vector<std::string> row_;
};

}  // namespace opkomst

#endif  // OPKOMST_EXCHANGE_EXCHANGE_H_
