// The cryptography and the password policy, with published test vectors
// where they exist (RFC 6238 for TOTP).
#include <gtest/gtest.h>

#include "security/crypto.h"
#include "security/password_policy.h"
#include "support/test_support.h"

namespace opkomst::security {
namespace {

class SecurityTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitialiseCrypto().ok()); }
};

TEST_F(SecurityTest, TotpMatchesRfc6238Vectors) {
  // RFC 6238 appendix B, SHA-1 key "12345678901234567890", last 6 digits.
  const std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  struct Case {
    int64_t time;
    const char* code;
  } cases[] = {{59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
               {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"}};
  for (const Case& c : cases) {
    auto code = TotpCode(secret, c.time);
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(*code, c.code) << "at " << c.time;
  }
  EXPECT_TRUE(VerifyTotp(secret, "287082", 59 + 30));   // one step of drift
  EXPECT_FALSE(VerifyTotp(secret, "287082", 59 + 90));  // three steps: too old
  EXPECT_FALSE(TotpCode("not base32!", 0).ok());
}

TEST_F(SecurityTest, NewTotpSecretsAreBase32AndDistinct) {
  std::string a = NewTotpSecret(), b = NewTotpSecret();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(TotpCode(a, 0).ok());
}

TEST_F(SecurityTest, PasswordHashIsArgon2idAndVerifiesWholePassword) {
  std::string long_password(200, 'x');
  auto hash = HashPassword(long_password);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_NE(hash->find("m=19456,t=2"), std::string::npos) << *hash;  // 19 MiB, 2 passes
  EXPECT_TRUE(VerifyPassword(*hash, long_password));
  // Never truncated: a change at the very end is a different password.
  EXPECT_FALSE(VerifyPassword(*hash, long_password.substr(0, 199) + "y"));
}

TEST_F(SecurityTest, SealerRoundTripsAndRefusesTamperingAndOtherKeys) {
  testing::TempDir dir;
  auto sealer = Sealer::FromKeyFile(dir.File("key"), true);
  ASSERT_TRUE(sealer.ok());
  std::string sealed = sealer->Seal("Amina\n0470 00 00 00\nStraat 1");
  EXPECT_EQ(sealed.find("Amina"), std::string::npos);
  auto opened = sealer->Open(sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "Amina\n0470 00 00 00\nStraat 1");
  std::string tampered = sealed;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(sealer->Open(tampered).ok());
  auto again = Sealer::FromKeyFile(dir.File("key"), false);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->Open(sealed).ok());  // the same key file opens it
  auto other = Sealer::FromKeyFile(dir.File("other"), true);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->Open(sealed).ok());
  EXPECT_FALSE(Sealer::FromKeyFile(dir.File("missing"), false).ok());
}

TEST(PasswordPolicyTest, Table) {
  struct Case {
    const char* password;
    const char* username;
    const char* rule;  // "" = accepted
  } cases[] = {
      {"kort", "mw01", "password.too_short"},
      {"elf tekens!", "mw01", "password.too_short"},
      {"ééééééééééé", "mw01", "password.too_short"},  // 11 code points, 22 bytes
      {"wachtwoord12", "mw01", "password.common"},
      {"Wachtwoord2024!", "mw01", "password.common"},
      {"123456789012", "mw01", "password.common"},
      {"aaaaaaaaaaaaaaaa", "mw01", "password.common"},
      {"mijn-mw01-sleutel", "mw01", "password.username"},
      {"fiets boom regenjas", "mw01", ""},
      {"ééééééééééééé", "mw01", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(CheckPassword(c.password, c.username), c.rule) << c.password;
  EXPECT_EQ(CheckPassword(std::string(2000, 'q') + "x", "mw01"), "password.too_long");
}

}  // namespace
}  // namespace opkomst::security
