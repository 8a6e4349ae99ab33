// The cryptography the web application needs, all from libsodium except
// TOTP's HMAC-SHA1 (authenticator apps expect SHA-1; libsodium has none).
#ifndef OPKOMST_SECURITY_CRYPTO_H_
#define OPKOMST_SECURITY_CRYPTO_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace opkomst::security {

// Call once before anything else here; safe to call again.
Status InitialiseCrypto();

// `bytes` random bytes as lower-case hex (tokens: 16 bytes = 128 bits).
std::string RandomHex(size_t bytes);
std::string Sha256Hex(std::string_view data);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// argon2id, 19 MiB and 2 passes (OWASP's minimum), as a self-describing
// string. The whole password is hashed, never truncated.
StatusOr<std::string> HashPassword(std::string_view password);
bool VerifyPassword(const std::string& hash, std::string_view password);

// Secret-key encryption (XSalsa20-Poly1305) of the sensitive free text:
// names, contact details, contact notes, TOTP secrets. The key lives in a
// file readable by the server only, never in the database.
class Sealer {
 public:
  // Reads the 32-byte key; with `create`, writes a new one (mode 0600) if
  // the file does not exist.
  static StatusOr<Sealer> FromKeyFile(const std::string& path, bool create);
  std::string Seal(std::string_view plaintext) const;  // base64 of nonce + box
  // kIncompatible if the text was not sealed with this key or was altered.
  StatusOr<std::string> Open(std::string_view sealed) const;

 private:
  std::array<unsigned char, 32> key_{};
};

// RFC 6238 TOTP: 6 digits, 30-second steps, HMAC-SHA1.
std::string NewTotpSecret();  // 160 bits, base32 (RFC 4648, no padding)
// kInvalidInput if the secret is not base32.
StatusOr<std::string> TotpCode(std::string_view base32_secret, int64_t unix_time);
// Accepts the code of the current step and one step either side (clock drift).
bool VerifyTotp(std::string_view base32_secret, std::string_view code, int64_t unix_time);
// The same check, returning the matched time step (unix_time / 30 +- 1), so
// the caller can refuse a step that was used before (a replayed code).
std::optional<int64_t> MatchTotpStep(std::string_view base32_secret, std::string_view code, int64_t unix_time);
std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view base32_secret);

}  // namespace opkomst::security

#endif  // OPKOMST_SECURITY_CRYPTO_H_
