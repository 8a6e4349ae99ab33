// Feeds arbitrary text to the codebook parser and the date parser.
#include <cstdint>
#include <string_view>

#include "domain/codebook.h"
#include "domain/date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = opkomst::Codebook::Parse(text);
  if (parsed.ok()) (void)(*parsed)->StorageLayout();
  if (auto date = opkomst::Date::Parse(text.substr(0, 16))) (void)date->ToString();
  return 0;
}
