// RFC 4180 CSV: a streaming reader that reports syntax errors as findings
// with the line they start on, and a writer that quotes only when needed.
#ifndef OPKOMST_EXCHANGE_CSV_H_
#define OPKOMST_EXCHANGE_CSV_H_

#include <cstdio>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/messages.h"

namespace opkomst {

class CsvReader {
 public:
  enum class Result { kRecord, kEnd, kError };

  // `name` is used in findings (e.g. "dossiers.csv").
  CsvReader(std::istream* input, std::string name);

  // Reads the next record. kError fills `error`; reading may continue after a
  // recoverable error (the bad record is skipped), while an unterminated
  // quote or NUL byte ends the file (the next call returns kEnd).
  Result Next(std::vector<std::string>* fields, Finding* error);
  // Physical line (1-based) on which the last returned record started.
  int record_line() const { return record_line_; }
  const std::string& name() const { return name_; }
  // Bytes taken from the input so far, for progress reporting.
  long long bytes_read() const { return bytes_read_; }

 private:
  int Get();  // next byte or EOF
  void Unget(int c) { pending_ = c; }
  Result Fail(Finding* error, const std::string& rule, bool fatal);
  void SkipToLineEnd();

  std::istream* input_;
  std::string name_;
  std::vector<char> buffer_;
  size_t buffer_pos_ = 0, buffer_end_ = 0;
  int pending_ = -2;  // -2: none
  int line_ = 1;
  long long bytes_read_ = 0;
  int record_line_ = 0;
  bool at_start_ = true;
  bool finished_ = false;
  std::string raw_record_;  // bytes of the current record, for the UTF-8 check
};

class CsvWriter {
 public:
  explicit CsvWriter(std::FILE* out) : out_(out) {}
  void Row(const std::vector<std::string>& fields);
  bool ok() const { return std::ferror(out_) == 0; }

 private:
  std::FILE* out_;
  std::string line_;
};

}  // namespace opkomst

#endif  // OPKOMST_EXCHANGE_CSV_H_
