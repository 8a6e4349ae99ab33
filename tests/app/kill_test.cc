// Fault injection (issue 10): a change and its audit record commit
// together or not at all. A child process registers a moment (a dossier
// change) or creates an account (an account change) through the
// application layer and is killed (SIGKILL) at one of the crash points of
// storage/crash_point.h; the test then reopens the database as a server
// would (the audit log drains the outbox at start-up) and checks that
// there is either no change and no audit record, or the change with
// exactly one audit record in a chain that verifies.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "app/accounts.h"
#include "app/audit.h"
#include "app/registration.h"
#include "storage/audit_store.h"
#include "storage/store.h"
#include "storage/team.h"
#include "support/test_support.h"

namespace opkomst {
namespace {

const char* g_self = nullptr;  // this executable, for the child
constexpr char kDossier[] = "D-kill";
constexpr char kAccount[] = "ond-kill";

Measurement StartMeasurement() {
  Measurement m;
  m.moment = Moment::kStart;
  m.measured_on = Date::Parse("2025-02-01");
  m.values.assign(Codebook::Default().variables().size(), kMissing);
  m.values[static_cast<size_t>(*Codebook::Default().FindVariable("children_in_household"))] = 2;
  return m;
}

// The child: open as a server does, make the change of `use_case`
// ("moment": register the start moment; "account": an administrator makes
// an account on the web), exit 0 (unless OPKOMST_CRASH_AT kills it on the way).
int RunChild(const std::string& url, const std::string& use_case) {
  auto main_store = Store::Open(url, Codebook::Default());
  auto chain = Store::Open(app::AuditUrl(url), Codebook::Default());
  if (!main_store.ok() || !chain.ok()) return 2;
  app::AuditLog log(chain->get(), main_store->get());
  app::Services services{**main_store, Codebook::Default(), &log};
  if (use_case == "account") {
    auto made =
        app::CreateWebAccount(services, {kAccount, "", "onderzoeker", std::nullopt},
                              {"beheerder", "beheerder", "account.aanmaken", "", "ok", "account=ond-kill"}, 1764633600);
    return made.ok() ? 0 : 3;
  }
  auto version = app::RegisterMoment(
      services, {kDossier,
                 1,
                 StartMeasurement(),
                 {"mwa", "maatschappelijk_werker", "moment.registreren", kDossier, "ok", "moment=start"}});
  return version.ok() ? 0 : 3;
}

struct KillCase {
  std::string use_case, backend, point;
  bool change_survives;
};

class KillTest : public ::testing::TestWithParam<KillCase> {};

// Runs the child with OPKOMST_CRASH_AT=point; returns its wait status.
int RunKilledChild(const std::string& url, const std::string& use_case, const std::string& point) {
  pid_t pid = fork();
  if (pid == 0) {
    if (!point.empty()) setenv("OPKOMST_CRASH_AT", point.c_str(), 1);
    execl(g_self, g_self, "--child", url.c_str(), use_case.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST_P(KillTest, ChangeAndAuditRecordSurviveTogether) {
  const KillCase& c = GetParam();
  testing::TestDatabase db(c.backend);
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  {
    auto store = Store::Open(db.url(), Codebook::Default());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Dossier d;
    d.dossier_id = kDossier;
    d.mother_id = "M-kill";
    d.track = *Codebook::Default().field("track").options.FindCode("opkomst");
    d.start_date = *Date::Parse("2025-01-10");
    d.social_worker = "mwa";
    ASSERT_TRUE((*store)->CreateDossier(&d).ok());
  }

  int status = RunKilledChild(db.url(), c.use_case, c.point);
  if (c.point.empty()) {
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  } else {
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child passed no crash point " << c.point;
  }

  // Restart: the audit log drains the outbox before anything else.
  auto main_store = Store::Open(db.url(), Codebook::Default());
  auto chain = Store::Open(app::AuditUrl(db.url()), Codebook::Default());
  ASSERT_TRUE(main_store.ok() && chain.ok());
  {
    app::AuditLog log(chain->get(), main_store->get());
    ASSERT_TRUE(log.Drain().ok());
  }
  auto measurements = (*main_store)->GetMeasurements(kDossier);
  ASSERT_TRUE(measurements.ok());
  auto dossier = (*main_store)->GetDossier(kDossier);
  ASSERT_TRUE(dossier.ok());
  auto account = team::FindAccount(**main_store, kAccount);
  ASSERT_TRUE(account.ok());
  std::vector<team::AuditRow> rows;
  ASSERT_TRUE(team::ScanAudit(**chain, "", 0, 100, &rows).ok());
  bool is_account = c.use_case == "account";
  const char* action = is_account ? "account.aanmaken" : "moment.registreren";
  int records = 0;
  for (const team::AuditRow& row : rows) records += row.action == action;

  bool changed = is_account ? account->has_value() : !measurements->empty();
  EXPECT_EQ(changed, c.change_survives) << "crash point " << c.point;
  EXPECT_EQ(dossier->version, changed && !is_account ? 2 : 1);
  EXPECT_EQ(records, changed ? 1 : 0) << "a change must have exactly one audit record, no change none";
  auto waiting = storage::ReadOutbox(**main_store, 10);
  ASSERT_TRUE(waiting.ok());
  EXPECT_TRUE(waiting->empty()) << "the start-up drain left events in the outbox";
  auto verified = app::VerifyAudit(**chain);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->problem, "");
}

std::vector<KillCase> Cases() {
  std::vector<KillCase> out;
  for (const std::string use_case : {"moment", "account"})
    for (const std::string& backend : testing::Backends()) {
      out.push_back({use_case, backend, "change-written", false});
      out.push_back({use_case, backend, "outbox-written", false});
      out.push_back({use_case, backend, "committed", true});
      out.push_back({use_case, backend, "chained", true});
      out.push_back({use_case, backend, "outbox-cleared", true});
      out.push_back({use_case, backend, "", true});  // no crash
    }
  return out;
}

std::string CaseName(const ::testing::TestParamInfo<KillCase>& info) {
  std::string name =
      info.param.use_case + "_" + info.param.backend + "_" + (info.param.point.empty() ? "none" : info.param.point);
  for (char& ch : name)
    if (ch == '-') ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Points, KillTest, ::testing::ValuesIn(Cases()), CaseName);

}  // namespace
}  // namespace opkomst

int main(int argc, char** argv) {
  opkomst::g_self = "/proc/self/exe";
  if (argc == 4 && std::string(argv[1]) == "--child") return opkomst::RunChild(argv[2], argv[3]);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
