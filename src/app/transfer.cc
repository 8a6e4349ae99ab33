#include "app/transfer.h"

#include "app/pipelined_sink.h"

namespace opkomst {

Status ImportFolder(Store* store, const Codebook& codebook, const std::string& dir, const ReadOptions& options,
                    Findings* findings) {
  auto known = store->LoadKnownDossiers();
  if (!known.ok()) return known.status();
  auto transaction = store->BeginImport();
  if (!transaction.ok()) return transaction.status();
  PipelinedSink pipeline(transaction->get());
  Status s = ReadExchangeFolder(dir, codebook, *known, options, &pipeline, findings);
  Status written = pipeline.Finish();
  if (!s.ok()) return s;
  if (!written.ok()) return written;
  if (!findings->empty()) return Status::Ok();  // the transaction rolls back
  return (*transaction)->Commit();
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
