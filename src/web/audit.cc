#include "web/audit.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "domain/text.h"
#include "security/crypto.h"

namespace opkomst::web {
namespace {

constexpr char kGenesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

std::string UtcNow() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  return buf;
}

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

AuditLog::AuditLog(Store* store) : store_(store), writer_([this] { WriterLoop(); }) {}

AuditLog::~AuditLog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  writer_.join();
}

Status AuditLog::Record(const AuditEvent& event) {
  // Neutralised here, once, for every caller: the hash input and the
  // stored row never hold a control character or broken UTF-8.
  Pending pending{AuditSafe(event), Status::Ok(), false};
  std::unique_lock<std::mutex> lock(mutex_);
  if (stopping_) return Unavailable("the audit log is shutting down");
  queue_.push_back(&pending);
  work_.notify_one();
  finished_.wait(lock, [&] { return pending.done; });
  return pending.result;
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
      p->result = s;
      p->done = true;
    }
    finished_.notify_all();
  }
}

Status AuditLog::WriteBatch(std::deque<Pending*>& batch) {
  return store_->Transact([&](SqlSession& session) -> Status {
    // Other servers on the same PostgreSQL database append too: one at a time.
    if (store_->Dialect() == "postgres")
      OPKOMST_RETURN_IF_ERROR(session.Query("SELECT pg_advisory_xact_lock(81158)").status());
    auto last = team::LastAudit(session);
    if (!last.ok()) return last.status();
    int64_t seq = *last ? (*last)->seq : 0;
    std::string prev = *last ? (*last)->hash : kGenesis;
    std::string at = UtcNow();
    for (Pending* p : batch) {
      team::AuditRow row{++seq,
                         at,
                         p->event.account,
                         p->event.role,
                         p->event.action,
                         p->event.dossier_id,
                         p->event.outcome,
                         p->event.detail,
                         prev,
                         ""};
      row.hash = AuditHash(row);
      OPKOMST_RETURN_IF_ERROR(team::InsertAudit(session, row));
      prev = row.hash;
    }
    return Status::Ok();
  });
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

}  // namespace opkomst::web
