// `opkomst serve` delivers reminders (issue 13): a real server process,
// started with the SMTP sink and the fake SMS gateway (app/fake_servers.h)
// as its channels, sends exactly the reminders that are due, none to the
// mother who opted out, logs each as sent, and stops cleanly (exit 0) on
// SIGTERM. On both backends.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <thread>

#include "app/fake_servers.h"
#include "app/groups.h"
#include "app/reminders.h"
#include "domain/codebook.h"
#include "security/crypto.h"
#include "support/test_support.h"

#ifndef OPKOMST_BINARY
#error "OPKOMST_BINARY: the path of the opkomst executable (tests/CMakeLists.txt)"
#endif

namespace opkomst::app {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

class ServeRemindersTest : public ::testing::TestWithParam<std::string> {
 protected:
  AuditEvent Audit(const char* action) { return {"teamlead", "teamverantwoordelijke", action, "", "ok", ""}; }

  int64_t Enrol(Services services, const security::Sealer& sealer, int64_t group, const std::string& name,
                const std::string& contact, const std::string& channel) {
    storage::Participant p;
    p.group_id = group;
    p.sealed_contact = sealer.Seal(ContactPlaintext(name, contact));
    p.due_date = Date::Today().AddDays(105).ToString();
    p.language = "nl";
    p.channel = channel;
    p.consent_contact = p.consent_reminders = true;
    p.enrolled_by = "mwa";
    p.enrolled_at = "2026-01-05T10:00:00Z";
    auto id = app::Enrol(services, {p, Audit("groep.inschrijven")});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  // The server's process id; its output goes to `log`.
  pid_t StartServe(const std::vector<std::string>& args, const std::string& log) {
    pid_t pid = fork();
    if (pid == 0) {
      FILE* out = std::freopen(log.c_str(), "w", stdout);
      if (out) dup2(fileno(stdout), STDERR_FILENO);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(OPKOMST_BINARY));
      for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
      argv.push_back(nullptr);
      execv(OPKOMST_BINARY, argv.data());
      _exit(127);
    }
    return pid;
  }
};

TEST_P(ServeRemindersTest, DeliversDueRemindersAndStopsOnSigterm) {
  testing::TestDatabase db(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  testing::TempDir dir;
  std::string key_file = dir.File("opkomst.key");
  auto sealer = security::Sealer::FromKeyFile(key_file, true);
  ASSERT_TRUE(sealer.ok()) << sealer.status().ToString();
  int64_t group_id = 0, opted_out = 0;
  {
    auto store = Store::Open(db.url(), Codebook::Default());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Services services{**store, Codebook::Default(), nullptr};
    // Births in about 15 weeks: the plan starts in three weeks; the first
    // session is then moved to tomorrow, so its week-before reminder is due.
    CreateGroupCommand create;
    create.group = {0,
                    "Serve",
                    "gb1",
                    "Huis van het Kind",
                    Date::Today().AddDays(100).ToString(),
                    Date::Today().AddDays(110).ToString(),
                    "teamlead"};
    create.plan.meetings = 10;
    create.plan.start_minute = 14 * 60;
    create.audit = Audit("groep.aanmaken");
    auto group = CreateGroup(services, create);
    ASSERT_TRUE(group.ok()) << group.status().ToString();
    group_id = group->id;
    auto sessions = storage::ListSessions(**store, group_id);
    ASSERT_TRUE(sessions.ok() && !sessions->empty());
    storage::GroupSession first = sessions->front();
    first.date = Date::Today().AddDays(1).ToString();
    ASSERT_TRUE(EditSession(services, {first, Audit("groep.sessie")}).ok());
    Enrol(services, *sealer, group_id, "Anna", "anna@example.org", "email");
    Enrol(services, *sealer, group_id, "Beth", "+32 470 11 22 33", "sms");
    Enrol(services, *sealer, group_id, "Dina", "0470 55 66 77", "whatsapp");
    opted_out = Enrol(services, *sealer, group_id, "Chloe", "chloe@example.org", "email");
    // Planned as if eight days ago: the week-before reminder of tomorrow's
    // session is due now (and the day-before one after 09:00 Brussels).
    auto planned = PlanReminders(services, {group_id, Now() - 8 * 86400, 540, Audit("herinneringen.plannen")});
    ASSERT_TRUE(planned.ok()) << planned.status().ToString();
    ASSERT_TRUE(SetReminderConsent(services, {opted_out, false, "2026-01-06T10:00:00Z", Audit("groep.afmelden")}).ok());
  }

  testing::SmtpSink sink;
  testing::FakeSmsGateway gateway;
  std::string log = dir.File("serve.log");
  int64_t started = Now();
  pid_t pid = StartServe({"serve",
                          "--db",
                          db.url(),
                          "--key-file",
                          key_file,
                          "--config",
                          "none",
                          "--port",
                          "0",
                          "--threads",
                          "2",
                          "--smtp-host",
                          "127.0.0.1",
                          "--smtp-port",
                          std::to_string(sink.port()),
                          "--smtp-from",
                          "groep@opkomst.invalid",
                          "--sms-gateway",
                          gateway.url(),
                          "--reminder-interval",
                          "1"},
                         log);
  ASSERT_GT(pid, 0);

  // What is due while the server runs: every e-mail and SMS reminder of a
  // mother who consents whose time has come (WhatsApp goes by the day list).
  auto store = Store::Open(db.url(), Codebook::Default());
  ASSERT_TRUE(store.ok());
  auto reminders = storage::ListReminders(**store, group_id);
  ASSERT_TRUE(reminders.ok());
  size_t due_email = 0, due_sms = 0;
  for (const storage::Reminder& r : *reminders) {
    if (r.participant_id == opted_out || r.due_at > started) continue;
    if (r.channel == "email") ++due_email;
    if (r.channel == "sms") ++due_sms;
  }
  ASSERT_GE(due_email, 1u);
  ASSERT_EQ(due_sms, due_email);
  for (int waited = 0; waited < 300; ++waited) {
    if (sink.messages().size() >= due_email && gateway.requests().size() >= due_sms) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // A few more passes: nothing is sent twice.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  std::string output = testing::ReadFile(log);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
  EXPECT_NE(output.find("opkomst serve: stopped"), std::string::npos) << output;

  auto messages = sink.messages();
  ASSERT_EQ(messages.size(), due_email) << output;
  for (const testing::SinkMessage& m : messages) {
    EXPECT_EQ(m.to, "anna@example.org");  // never Chloé, who opted out
    EXPECT_EQ(m.from, "groep@opkomst.invalid");
    EXPECT_NE(m.data.find("Anna"), std::string::npos) << m.data;
  }
  auto requests = gateway.requests();
  ASSERT_EQ(requests.size(), due_sms);
  for (const testing::GatewayRequest& r : requests) EXPECT_NE(r.body.find("to=%2B32"), std::string::npos) << r.body;

  // Each delivery is logged as sent; nothing else left the outbox.
  reminders = storage::ListReminders(**store, group_id);
  ASSERT_TRUE(reminders.ok());
  size_t sent = 0;
  for (const storage::Reminder& r : *reminders) {
    if (r.status == "verzonden") {
      ++sent;
      EXPECT_NE(r.channel, "whatsapp");
      EXPECT_LE(r.due_at, Now());
    }
    if (r.participant_id == opted_out) {
      EXPECT_EQ(r.status, "geannuleerd");
    }
  }
  EXPECT_EQ(sent, due_email + due_sms);
}

TEST(ServeRemindersFlags, RefusesABadGatewayNamingTheFlag) {
  testing::TempDir dir;
  std::string log = dir.File("serve.log");
  pid_t pid = fork();
  if (pid == 0) {
    FILE* out = std::freopen(log.c_str(), "w", stderr);
    (void)out;
    std::string db = "sqlite:" + dir.File("o.db");
    execl(OPKOMST_BINARY, OPKOMST_BINARY, "serve", "--db", db.c_str(), "--config", "none", "--port", "0",
          "--sms-gateway", "ftp://gateway", static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2);
  std::string output = testing::ReadFile(log);
  EXPECT_NE(output.find("--sms-gateway"), std::string::npos) << output;
  EXPECT_NE(output.find("ftp://gateway"), std::string::npos) << output;
}

INSTANTIATE_TEST_SUITE_P(Backends, ServeRemindersTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::app
