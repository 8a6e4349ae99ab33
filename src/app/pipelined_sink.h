// Runs a RecordSink on a worker thread, so that parsing and validating a
// file (this thread) and writing to the database (the worker) use both
// cores. Records are handed over in batches through a bounded queue, which
// keeps memory flat however large the import.
#ifndef OPKOMST_APP_PIPELINED_SINK_H_
#define OPKOMST_APP_PIPELINED_SINK_H_

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

#include "domain/dossier.h"

namespace opkomst {

class PipelinedSink : public RecordSink {
 public:
  explicit PipelinedSink(RecordSink* target);
  ~PipelinedSink() override;  // waits for the worker; use Finish() to see errors

  // Each returns the first error the target has reported so far, if any.
  Status AddDossiers(const std::vector<Dossier>& dossiers) override;
  Status AddMeasurement(const std::string& dossier_id, const Measurement& measurement) override;
  Status AddScore(const Score& score) override;
  Status AddInterview(const InterviewAnswer& answer) override;
  // Hands over what is left, waits until the target has written it all and
  // returns the first error. The target must not be used before this returns.
  Status Finish();

 private:
  using Item = std::variant<std::vector<Dossier>, std::pair<std::string, Measurement>, Score, InterviewAnswer>;
  Status Push(Item item);
  void Flush();
  void Work();

  RecordSink* target_;
  std::vector<Item> batch_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<Item>> queue_;
  bool closing_ = false;
  Status error_;
  std::thread worker_;
};

}  // namespace opkomst

#endif  // OPKOMST_APP_PIPELINED_SINK_H_
