// Import and export between an exchange folder and a store: the use cases
// behind `opkomst import`, `export` and `validate`, shared by the CLI and
// (later) the web application.
#ifndef OPKOMST_APP_TRANSFER_H_
#define OPKOMST_APP_TRANSFER_H_

#include <string>

#include "base/status.h"
#include "domain/codebook.h"
#include "domain/messages.h"
#include "exchange/exchange.h"
#include "storage/store.h"

namespace opkomst {

// Validates `dir` against the codebook and the store's dossiers. With a
// store, every valid record is written inside one transaction that is
// committed only if the whole folder is valid, together with one audit
// record (action "import", account "cli", the counts of records written,
// never their contents); otherwise the store is left exactly as it was. Findings are the user's errors; the returned
// Status is for failures of the store itself.
Status ImportFolder(Store* store, const Codebook& codebook, const std::string& dir, const ReadOptions& options,
                    Findings* findings);

// Validation only; `store` may be null (then dossier ids are checked
// against the folder alone).
Status ValidateFolder(Store* store, const Codebook& codebook, const std::string& dir, const ReadOptions& options,
                      Findings* findings);

// Writes everything in the store to `dir` in the exchange format.
Status ExportFolder(Store* store, const Codebook& codebook, const std::string& dir);

// A RecordSink that writes an exchange folder (for the demo generator).
class ExchangeSink : public RecordSink {
 public:
  explicit ExchangeSink(ExchangeWriter* writer) : writer_(writer) {}
  Status AddDossiers(const std::vector<Dossier>& dossiers) override;
  Status AddMeasurement(const std::string& dossier_id, const Measurement& m) override;
  Status AddScore(const Score& s) override;
  Status AddInterview(const InterviewAnswer& a) override;

 private:
  ExchangeWriter* writer_;
};

}  // namespace opkomst

#endif  // OPKOMST_APP_TRANSFER_H_
