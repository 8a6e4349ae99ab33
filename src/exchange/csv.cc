#include "exchange/csv.h"

#include "domain/text.h"

namespace opkomst {

CsvReader::CsvReader(std::istream* input, std::string name) : input_(input), name_(std::move(name)), buffer_(1 << 16) {}

int CsvReader::Get() {
  if (pending_ != -2) {
    int c = pending_;
    pending_ = -2;
    return c;
  }
  if (buffer_pos_ == buffer_end_) {
    input_->read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_end_ = static_cast<size_t>(input_->gcount());
    bytes_read_ += static_cast<long long>(buffer_end_);
    buffer_pos_ = 0;
    if (buffer_end_ == 0) return EOF;
  }
  return static_cast<unsigned char>(buffer_[buffer_pos_++]);
}

void CsvReader::SkipToLineEnd() {
  int c;
  while ((c = Get()) != EOF && c != '\n') {
  }
  if (c == '\n') ++line_;
}

CsvReader::Result CsvReader::Fail(Finding* error, const std::string& rule, bool fatal) {
  *error = Finding{name_, record_line_, "", "", rule, ""};
  if (fatal) {
    finished_ = true;
  } else {
    SkipToLineEnd();
  }
  return Result::kError;
}

CsvReader::Result CsvReader::Next(std::vector<std::string>* fields, Finding* error) {
  fields->clear();
  if (finished_) return Result::kEnd;
  if (at_start_) {
    at_start_ = false;
    int a = Get(), b = a == 0xEF ? Get() : EOF, c = b == 0xBB ? Get() : EOF;
    if (!(a == 0xEF && b == 0xBB && c == 0xBF)) {
      // Not a BOM: only `a` can be pushed back, so a partial BOM is an
      // encoding error, which is what it is.
      if (a == 0xEF) return Fail(error, "csv.encoding", true);
      Unget(a);
    }
  }
  record_line_ = line_;
  raw_record_.clear();
  std::string field;
  int c = Get();
  if (c == EOF) return Result::kEnd;
  while (true) {
    if (c == '"') {
      // Quoted field.
      while (true) {
        c = Get();
        if (c == EOF) return Fail(error, "csv.quote_unterminated", true);
        if (c == 0) return Fail(error, "csv.null_byte", true);
        if (c == '"') {
          int next = Get();
          if (next == '"') {
            field.push_back('"');
            continue;
          }
          c = next;
          break;
        }
        if (c == '\n') ++line_;
        field.push_back(static_cast<char>(c));
      }
      if (c == '\r') {
        int next = Get();
        if (next != '\n') {
          Unget(next);
          return Fail(error, "csv.quote_trailing", false);
        }
        c = '\n';
      }
      if (c != ',' && c != '\n' && c != EOF) {
        Unget(c);
        return Fail(error, "csv.quote_trailing", false);
      }
    } else {
      while (c != ',' && c != '\n' && c != EOF) {
        if (c == 0) return Fail(error, "csv.null_byte", true);
        if (c == '"') return Fail(error, "csv.quote_stray", false);
        if (c == '\r') {
          int next = Get();
          if (next == '\n' || next == EOF) {
            c = '\n';
            break;
          }
          Unget(next);
        }
        field.push_back(static_cast<char>(c));
        c = Get();
      }
    }
    raw_record_ += field;
    fields->push_back(std::move(field));
    field.clear();
    if (c == ',') {
      c = Get();
      continue;
    }
    if (c == '\n') ++line_;
    break;  // '\n' or EOF ends the record
  }
  if (!IsValidUtf8(raw_record_)) {
    *error = Finding{name_, record_line_, "", "", "csv.encoding", ""};
    return Result::kError;
  }
  return Result::kRecord;
}

void CsvWriter::Row(const std::vector<std::string>& fields) {
  line_.clear();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line_.push_back(',');
    const std::string& f = fields[i];
    bool quote =
        f.find_first_of(",\"\r\n") != std::string::npos || (!f.empty() && (f.front() == ' ' || f.back() == ' '));
    if (!quote) {
      line_ += f;
      continue;
    }
    line_.push_back('"');
    for (char ch : f) {
      if (ch == '"') line_.push_back('"');
      line_.push_back(ch);
    }
    line_.push_back('"');
  }
  line_.push_back('\n');
  std::fwrite(line_.data(), 1, line_.size(), out_);
}

}  // namespace opkomst
