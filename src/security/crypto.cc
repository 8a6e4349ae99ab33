#include "security/crypto.h"

#include <Poco/HMACEngine.h>
#include <Poco/SHA1Engine.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <vector>

namespace opkomst::security {
namespace {

constexpr unsigned long long kOpsLimit = 2;        // passes
constexpr size_t kMemLimit = 19u * 1024u * 1024u;  // bytes
constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string Hex(const unsigned char* data, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

StatusOr<std::vector<unsigned char>> Base32Decode(std::string_view text) {
  std::vector<unsigned char> out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == ' ') continue;
    char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    const char* at = std::char_traits<char>::find(kBase32Alphabet, 32, upper);
    if (!at) return InvalidInput("TOTP secret: '" + std::string(1, c) + "' is not a base32 character (A-Z, 2-7)");
    buffer = (buffer << 5) | static_cast<uint32_t>(at - kBase32Alphabet);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>((buffer >> bits) & 0xff));
    }
  }
  if (out.empty()) return InvalidInput("TOTP secret is empty");
  return out;
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

Status InitialiseCrypto() {
  if (sodium_init() < 0) return Internal("libsodium could not be initialised");
  return Status::Ok();
}

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  return Hex(buffer.data(), buffer.size());
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return Hex(digest, sizeof digest);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

StatusOr<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Unavailable("not enough memory to hash the password (argon2id needs 19 MiB)");
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

StatusOr<Sealer> Sealer::FromKeyFile(const std::string& path, bool create) {
  Sealer sealer;
  std::ifstream in(path, std::ios::binary);
  if (in) {
    in.read(reinterpret_cast<char*>(sealer.key_.data()), static_cast<std::streamsize>(sealer.key_.size()));
    if (in.gcount() != static_cast<std::streamsize>(sealer.key_.size()) || in.get() != EOF)
      return Incompatible("key file " + path + " must hold exactly 32 bytes");
    return sealer;
  }
  if (!create) return NotFound("key file " + path + " does not exist");
  crypto_secretbox_keygen(sealer.key_.data());
  std::string temporary = path + ".new";
  mode_t old_mask = umask(077);
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  umask(old_mask);
  out.write(reinterpret_cast<const char*>(sealer.key_.data()), static_cast<std::streamsize>(sealer.key_.size()));
  out.close();
  if (!out || std::rename(temporary.c_str(), path.c_str()) != 0) return Unavailable("cannot write key file " + path);
  return sealer;
}

std::string Sealer::Seal(std::string_view plaintext) const {
  std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
  randombytes_buf(box.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), box.data(),
                        key_.data());
  std::string out(sodium_base64_encoded_len(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), box.data(), box.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();
  return out;
}

StatusOr<std::string> Sealer::Open(std::string_view sealed) const {
  std::vector<unsigned char> box(sealed.size());
  size_t length = 0;
  if (sodium_base642bin(box.data(), box.size(), sealed.data(), sealed.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return Incompatible("sealed value is not valid base64");
  if (length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return Incompatible("sealed value is too short to be sealed");
  std::string plain(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 box.data() + crypto_secretbox_NONCEBYTES, length - crypto_secretbox_NONCEBYTES,
                                 box.data(), key_.data()) != 0)
    return Incompatible("sealed value does not open with this key (wrong key file or altered data)");
  return plain;
}

std::string NewTotpSecret() {
  unsigned char secret[20];
  randombytes_buf(secret, sizeof secret);
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : secret) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kBase32Alphabet[(buffer >> bits) & 31]);
    }
  }
  return out;  // 160 bits = 32 characters exactly, no remainder
}

StatusOr<std::string> TotpCode(std::string_view base32_secret, int64_t unix_time) {
  auto key = Base32Decode(base32_secret);
  if (!key.ok()) return key.status();
  uint64_t step = static_cast<uint64_t>(unix_time / 30);
  unsigned char counter[8];
  for (int i = 7; i >= 0; --i, step >>= 8) counter[i] = static_cast<unsigned char>(step & 0xff);
  Poco::HMACEngine<Poco::SHA1Engine> hmac(std::string(key->begin(), key->end()));
  hmac.update(counter, sizeof counter);
  const auto& digest = hmac.digest();
  int offset = digest[19] & 0x0f;
  uint32_t binary = (static_cast<uint32_t>(digest[offset] & 0x7f) << 24) |
                    (static_cast<uint32_t>(digest[offset + 1]) << 16) |
                    (static_cast<uint32_t>(digest[offset + 2]) << 8) | digest[offset + 3];
  char code[8];
  std::snprintf(code, sizeof code, "%06u", binary % 1000000u);
  return std::string(code);
}

std::optional<int64_t> MatchTotpStep(std::string_view base32_secret, std::string_view code, int64_t unix_time) {
  std::optional<int64_t> step;
  for (int drift = -1; drift <= 1; ++drift) {
    auto expected = TotpCode(base32_secret, unix_time + drift * 30);
    if (expected.ok() && ConstantTimeEquals(*expected, code)) step = unix_time / 30 + drift;
  }
  return step;
}

bool VerifyTotp(std::string_view base32_secret, std::string_view code, int64_t unix_time) {
  return MatchTotpStep(base32_secret, code, unix_time).has_value();
}

std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view base32_secret) {
  return "otpauth://totp/" + UrlEncode(issuer) + ":" + UrlEncode(account) + "?secret=" + std::string(base32_secret) +
         "&issuer=" + UrlEncode(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace opkomst::security
