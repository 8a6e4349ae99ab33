// Feeds arbitrary bytes to the CSV reader: it must never crash, hang or
// read out of bounds, and every error must carry a known rule.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "exchange/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  opkomst::CsvReader reader(&in, "fuzz.csv");
  std::vector<std::string> fields;
  opkomst::Finding error;
  opkomst::CsvReader::Result r;
  int guard = 0;
  while ((r = reader.Next(&fields, &error)) != opkomst::CsvReader::Result::kEnd) {
    if (r == opkomst::CsvReader::Result::kError && !opkomst::HasRule(error.rule)) std::abort();
    if (++guard > 1000000) std::abort();  // no progress: a hang
  }
  return 0;
}
