#include "app/audit.h"

#include <algorithm>
#include <cstdio>

#include "domain/text.h"
#include "security/crypto.h"
#include "storage/crash_point.h"
#include "storage/unit_of_work.h"

namespace opkomst::app {
namespace {

constexpr char kGenesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

// Length of the well-formed UTF-8 sequence at `text[at]`, 0 if there is none.
size_t SequenceLength(std::string_view text, size_t at) {
  unsigned char lead = static_cast<unsigned char>(text[at]);
  size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || at + length > text.size()) return 0;
  return IsValidUtf8(text.substr(at, length)) ? length : 0;
}

}  // namespace

std::string AuditSafe(std::string_view text) {
  std::string out;
  out.reserve(std::min(text.size(), kAuditFieldMax) + 8);
  size_t at = 0;
  while (at < text.size() && out.size() < kAuditFieldMax) {
    size_t length = SequenceLength(text, at);
    unsigned char byte = static_cast<unsigned char>(text[at]);
    // C0 controls, DEL, the C1 controls (U+0080..U+009F) and broken UTF-8.
    bool control = length == 0 || byte < 0x20 || byte == 0x7F ||
                   (length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[at + 1]) < 0xA0);
    if (control) {
      size_t bytes = length == 0 ? 1 : length;
      for (size_t i = 0; i < bytes; ++i) {
        char escaped[5];
        std::snprintf(escaped, sizeof escaped, "\\x%02X", static_cast<unsigned char>(text[at + i]));
        out += escaped;
      }
      at += bytes;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out;
}

AuditEvent AuditSafe(const AuditEvent& event) {
  return {AuditSafe(event.account),    AuditSafe(event.role),    AuditSafe(event.action),
          AuditSafe(event.dossier_id), AuditSafe(event.outcome), AuditSafe(event.detail)};
}

std::string AuditUrl(const std::string& url) {
  if (url.rfind("postgres", 0) == 0) return url;
  std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
  return "sqlite:" + path + "-audit";
}

std::string AuditHash(const team::AuditRow& r) {
  // Fields joined by a byte that cannot occur in them (all are UTF-8 text
  // without control characters), so no two rows hash the same input.
  std::string input;
  for (const std::string* part :
       {&r.prev_hash, &r.at, &r.account, &r.role, &r.action, &r.dossier_id, &r.outcome, &r.detail}) {
    input += *part;
    input.push_back('\x1f');
  }
  input += std::to_string(r.seq);
  return security::Sha256Hex(input);
}

AuditLog::AuditLog(Store* chain, Store* main) : chain_(chain), main_(main) {
  if (main_) queue_.push_back(nullptr);  // the start-up drain, before anything else
  writer_ = std::thread([this] { WriterLoop(); });
}

AuditLog::~AuditLog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  writer_.join();
}

Status AuditLog::Submit(Pending& pending) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (stopping_) return Unavailable("the audit log is shutting down");
  queue_.push_back(&pending);
  work_.notify_one();
  finished_.wait(lock, [&] { return pending.done; });
  return pending.result;
}

Status AuditLog::Record(const AuditEvent& event) {
  // Neutralised here, once, for every caller: the hash input and the
  // stored row never hold a control character or broken UTF-8.
  Pending pending{AuditSafe(event), Status::Ok(), false};
  return Submit(pending);
}

Status AuditLog::Drain() {
  if (!main_) return Status::Ok();
  Pending pending{std::nullopt, Status::Ok(), false};
  return Submit(pending);
}

void AuditLog::WriterLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty() && stopping_) return;
    std::deque<Pending*> batch;
    batch.swap(queue_);
    lock.unlock();
    Status s = WriteBatch(batch);
    lock.lock();
    for (Pending* p : batch) {
      if (!p) continue;  // the start-up drain: nobody waits for it
      p->result = s;
      p->done = true;
    }
    if (!s.ok()) std::fprintf(stderr, "opkomst: audit log: %s\n", s.message().c_str());
    finished_.notify_all();
  }
}

Status AuditLog::WriteBatch(std::deque<Pending*>& batch) {
  bool drain = false;
  std::vector<storage::AuditEntry> reads;
  std::string at = storage::AuditTimestamp();
  for (Pending* p : batch) {
    if (!p || !p->event) {
      drain = true;
      continue;
    }
    const AuditEvent& e = *p->event;
    reads.push_back({"", at, e.account, e.role, e.action, e.dossier_id, e.outcome, e.detail});
  }
  // Changes first: the outbox holds events older than the queued reads.
  if (drain) OPKOMST_RETURN_IF_ERROR(DrainAuditOutbox(*main_, *chain_));
  return storage::AppendToChain(*chain_, reads, kGenesis, AuditHash);
}

Status DrainAuditOutbox(Store& main, Store& chain) {
  while (true) {
    OPKOMST_ASSIGN_OR_RETURN(auto waiting, storage::ReadOutbox(main, 1000));
    if (waiting.empty()) return Status::Ok();
    OPKOMST_RETURN_IF_ERROR(storage::AppendToChain(chain, waiting, kGenesis, AuditHash));
    storage::CrashPoint("chained");
    OPKOMST_RETURN_IF_ERROR(storage::ClearOutbox(main, waiting));
    storage::CrashPoint("outbox-cleared");
  }
}

StatusOr<AuditVerification> VerifyAudit(Store& store) {
  AuditVerification result;
  std::string prev = kGenesis;
  int64_t after = 0;
  while (true) {
    std::vector<team::AuditRow> rows;
    OPKOMST_RETURN_IF_ERROR(team::ScanAudit(store, "", after, 10000, &rows));
    if (rows.empty()) return result;
    for (const team::AuditRow& row : rows) {
      std::string problem;
      if (row.seq != after + 1)
        problem = "sequence jumps from " + std::to_string(after) + " to " + std::to_string(row.seq);
      else if (row.prev_hash != prev)
        problem = "row " + std::to_string(row.seq) + " does not point to the hash of row " + std::to_string(after);
      else if (AuditHash(row) != row.hash)
        problem = "row " + std::to_string(row.seq) + " was changed after it was written (hash mismatch)";
      if (!problem.empty()) {
        result.problem = problem;
        result.first_bad_seq = row.seq;
        return result;
      }
      prev = row.hash;
      after = row.seq;
      ++result.rows;
    }
  }
}

}  // namespace opkomst::app
