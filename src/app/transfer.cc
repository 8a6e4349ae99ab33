#include "app/transfer.h"

#include "app/pipelined_sink.h"
#include "security/crypto.h"
#include "storage/audited_import.h"
#include "storage/unit_of_work.h"

namespace opkomst {
namespace {

// Counts what passes to `target`: the import's audit record names how many
// records of each kind it wrote, never what they hold.
class CountingSink : public RecordSink {
 public:
  explicit CountingSink(RecordSink* target) : target_(target) {}
  Status AddDossiers(const std::vector<Dossier>& dossiers) override {
    dossiers_ += static_cast<int64_t>(dossiers.size());
    return target_->AddDossiers(dossiers);
  }
  Status AddMeasurement(const std::string& dossier_id, const Measurement& m) override {
    ++measurements_;
    return target_->AddMeasurement(dossier_id, m);
  }
  Status AddScore(const Score& s) override {
    ++scores_;
    return target_->AddScore(s);
  }
  Status AddInterview(const InterviewAnswer& a) override {
    ++interviews_;
    return target_->AddInterview(a);
  }
  std::string Detail() const {
    return "dossiers=" + std::to_string(dossiers_) + " metingen=" + std::to_string(measurements_) +
           " scores=" + std::to_string(scores_) + " interviews=" + std::to_string(interviews_);
  }

 private:
  RecordSink* target_;
  int64_t dossiers_ = 0, measurements_ = 0, scores_ = 0, interviews_ = 0;
};

}  // namespace

Status ImportFolder(Store* store, const Codebook& codebook, const std::string& dir, const ReadOptions& options,
                    Findings* findings) {
  auto known = store->LoadKnownDossiers();
  if (!known.ok()) return known.status();
  auto transaction = store->BeginImport();
  if (!transaction.ok()) return transaction.status();
  CountingSink counted(transaction->get());
  PipelinedSink pipeline(&counted);
  Status s = ReadExchangeFolder(dir, codebook, *known, options, &pipeline, findings);
  Status written = pipeline.Finish();
  if (!s.ok()) return s;
  if (!written.ok()) return written;
  if (!findings->empty()) return Status::Ok();  // the transaction rolls back
  // The operator's ("cli", as her other commands), in the import's own
  // transaction; the audit writer chains it at the next start of serve.
  storage::AuditEntry audit{security::RandomHex(16), storage::AuditTimestamp(), "cli", "", "import", "", "ok",
                            counted.Detail()};
  return storage::CommitAudited(**transaction, audit);
}

Status ValidateFolder(Store* store, const Codebook& codebook, const std::string& dir, const ReadOptions& options,
                      Findings* findings) {
  KnownDossiers known;
  if (store != nullptr) {
    auto loaded = store->LoadKnownDossiers();
    if (!loaded.ok()) return loaded.status();
    known = std::move(loaded).value();
  }
  return ReadExchangeFolder(dir, codebook, known, options, nullptr, findings);
}

Status ExportFolder(Store* store, const Codebook& codebook, const std::string& dir) {
  ExchangeWriter writer(codebook, dir);
  OPKOMST_RETURN_IF_ERROR(writer.Begin());
  OPKOMST_RETURN_IF_ERROR(store->ScanDossiers([&](const Dossier& d) {
    writer.WriteDossier(d);
    return Status::Ok();
  }));
  OPKOMST_RETURN_IF_ERROR(store->ScanMeasurements([&](const std::string& id, const Measurement& m) {
    writer.WriteMeasurement(id, m);
    return Status::Ok();
  }));
  OPKOMST_RETURN_IF_ERROR(store->ScanScores([&](const Score& s) {
    writer.WriteScore(s);
    return Status::Ok();
  }));
  OPKOMST_RETURN_IF_ERROR(store->ScanInterviews([&](const InterviewAnswer& a) {
    writer.WriteInterview(a);
    return Status::Ok();
  }));
  return writer.Finish();
}

Status ExchangeSink::AddDossiers(const std::vector<Dossier>& dossiers) {
  for (const Dossier& d : dossiers) writer_->WriteDossier(d);
  return Status::Ok();
}

Status ExchangeSink::AddMeasurement(const std::string& dossier_id, const Measurement& m) {
  writer_->WriteMeasurement(dossier_id, m);
  return Status::Ok();
}

Status ExchangeSink::AddScore(const Score& s) {
  writer_->WriteScore(s);
  return Status::Ok();
}

Status ExchangeSink::AddInterview(const InterviewAnswer& a) {
  writer_->WriteInterview(a);
  return Status::Ok();
}

}  // namespace opkomst
