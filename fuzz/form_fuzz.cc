// The web application's parsers of untrusted input: form bodies and query
// strings, Cookie headers, TOTP secrets and sealed values.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "security/crypto.h"
#include "web/http.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool initialised = opkomst::security::InitialiseCrypto().ok();
  (void)initialised;
  std::string text(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::string> form;
  if (opkomst::web::ParseUrlEncoded(text, &form)) {
    // What parses must survive encoding and parsing again unchanged.
    std::string again;
    for (const auto& [key, value] : form)
      again += (again.empty() ? "" : "&") + opkomst::web::UrlEncode(key) + "=" + opkomst::web::UrlEncode(value);
    std::map<std::string, std::string> round;
    if (!opkomst::web::ParseUrlEncoded(again, &round) || round != form) __builtin_trap();
  }
  (void)opkomst::web::ParseCookies(text);
  (void)opkomst::security::TotpCode(text, 1764000000);
  static const opkomst::security::Sealer sealer =
      *opkomst::security::Sealer::FromKeyFile("/tmp/opkomst-form-fuzz.key", true);
  (void)sealer.Open(text);
  return 0;
}
