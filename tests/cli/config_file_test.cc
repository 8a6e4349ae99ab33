// The configuration file of `opkomst serve` (issue 15): keys map onto the
// flags, the command line wins, and every bad line is refused with a
// message naming the file, line, key, value and rule, in Dutch or English.
#include "cli/config_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "support/test_support.h"

namespace opkomst {
namespace {

Flags ServeLikeFlags() {
  return Flags({{"db", "URL", "", "sqlite:opkomst.db"},
                {"host", "ADRES", "", "127.0.0.1"},
                {"port", "POORT", "", "8080"},
                {"key-file", "BESTAND", "", ""},
                {"session-idle-minutes", "MINUTEN", "", "15"},
                {"behind-tls", "", "", ""},
                {"allowed-host", "NAAM", "", ""},
                {"config", "BESTAND", "", ""},
                {"help", "", "", ""}});
}

Status Apply(const std::string& text, Flags* flags, Language language = Language::kEnglish) {
  CliContext c{language};
  return ApplyConfigText(c, text, "/etc/opkomst/opkomst.conf", flags);
}

std::vector<char*> Argv(std::vector<std::string>& args) {
  std::vector<char*> out;
  for (std::string& a : args) out.push_back(a.data());
  return out;
}

TEST(ConfigFileTest, KeysSetTheFlagsAndAliasesRead) {
  Flags flags = ServeLikeFlags();
  ASSERT_TRUE(Apply("# opkomst\n\ndatabase = postgresql://opkomst@db/team\naddress=10.0.0.5\n"
                    "port = 8081\nkey_file = \"/var/lib/opkomst/opkomst.key\"\nsession_idle_minutes = 20\n"
                    "behind_tls = yes\nallowed_host = opkomst.stad.be\n",
                    &flags)
                  .ok());
  EXPECT_EQ(flags.Get("db"), "postgresql://opkomst@db/team");
  EXPECT_EQ(flags.Get("host"), "10.0.0.5");
  EXPECT_EQ(*flags.GetInt("port", 0, 65535), 8081);
  EXPECT_EQ(flags.Get("key-file"), "/var/lib/opkomst/opkomst.key");
  EXPECT_EQ(*flags.GetInt("session-idle-minutes", 1, 1440), 20);
  EXPECT_TRUE(flags.Has("behind-tls"));
  EXPECT_EQ(flags.Get("allowed-host"), "opkomst.stad.be");
}

TEST(ConfigFileTest, CommandLineOverridesTheFile) {
  Flags flags = ServeLikeFlags();
  std::vector<std::string> args = {"opkomst", "serve", "--port", "9000"};
  auto argv = Argv(args);
  ASSERT_TRUE(flags.Parse(static_cast<int>(argv.size()), argv.data(), 2).ok());
  ASSERT_TRUE(Apply("port = 8081\nhost = 127.0.0.2\nbehind_tls = no\n", &flags).ok());
  EXPECT_EQ(flags.Get("port"), "9000");
  EXPECT_EQ(flags.Get("host"), "127.0.0.2");
  EXPECT_FALSE(flags.Has("behind-tls"));
}

TEST(ConfigFileTest, BadLinesNameFileLineKeyValueAndRule) {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"port = 8080\nprot = 8081\n", {"opkomst.conf line 2", "unknown key 'prot'"}},
      {"port 8080\n", {"line 1", "'port 8080' is not 'key = value'"}},
      {"port = 1\nport = 2\n", {"line 2", "key 'port' appears twice"}},
      {"behind_tls = misschien\n", {"line 1", "key 'behind_tls' has value 'misschien'", "expected yes or no"}},
      {"host =\n", {"line 1", "key 'host' has no value"}},
      {"help = yes\n", {"unknown key 'help'"}},
      {"key-file = x\n", {"unknown key 'key-file'"}},
  };
  for (const Case& c : cases) {
    Flags flags = ServeLikeFlags();
    Status s = Apply(c.text, &flags);
    ASSERT_FALSE(s.ok()) << c.text;
    EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
    for (const std::string& part : c.expected) EXPECT_NE(s.message().find(part), std::string::npos) << s.message();
  }
  // A value out of range is caught where the flag is read, naming its line.
  Flags flags = ServeLikeFlags();
  ASSERT_TRUE(Apply("\n\nport = 99999\n", &flags).ok());
  auto port = flags.GetInt("port", 0, 65535);
  ASSERT_FALSE(port.ok());
  EXPECT_NE(port.status().message().find("/etc/opkomst/opkomst.conf line 3: key port has value '99999'"),
            std::string::npos)
      << port.status().message();
  EXPECT_NE(port.status().message().find("from 0 to 65535"), std::string::npos);
}

TEST(ConfigFileTest, MessagesInDutch) {
  Flags flags = ServeLikeFlags();
  Status s = Apply("poort = 8080\n", &flags, Language::kDutch);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("regel 1: onbekende sleutel 'poort'"), std::string::npos) << s.message();
}

TEST(ConfigFileTest, FileFromConfigFlagMissingOrWritableByOthersIsRefused) {
  testing::TempDir dir;
  CliContext c{Language::kEnglish};
  std::string path = dir.File("opkomst.conf");
  {
    std::ofstream out(path);
    out << "port = 8099\n";
  }
  chmod(path.c_str(), 0640);
  Flags flags = ServeLikeFlags();
  std::vector<std::string> args = {"opkomst", "serve", "--config", path};
  auto argv = Argv(args);
  ASSERT_TRUE(flags.Parse(static_cast<int>(argv.size()), argv.data(), 2).ok());
  ASSERT_TRUE(ApplyConfigFile(c, &flags).ok());
  EXPECT_EQ(flags.Get("port"), "8099");

  chmod(path.c_str(), 0666);  // anyone could point the server at another database
  Flags writable = ServeLikeFlags();
  ASSERT_TRUE(writable.Parse(static_cast<int>(argv.size()), argv.data(), 2).ok());
  Status s = ApplyConfigFile(c, &writable);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("chmod go-w"), std::string::npos);

  Flags missing = ServeLikeFlags();
  std::vector<std::string> missing_args = {"opkomst", "serve", "--config", dir.File("absent.conf")};
  auto missing_argv = Argv(missing_args);
  ASSERT_TRUE(missing.Parse(static_cast<int>(missing_argv.size()), missing_argv.data(), 2).ok());
  EXPECT_EQ(ApplyConfigFile(c, &missing).code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace opkomst
