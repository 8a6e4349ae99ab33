// `opkomst retention`: the intake's retention rule (issue 12), run by the
// operator's scheduler (cron, a systemd timer) once a day. Erases the
// identity of referrals declined or withdrawn more than --days ago; the
// pseudonymous rows stay for the analytics.
#include <cstdio>
#include <iostream>

#include "app/accounts.h"
#include "app/audit.h"
#include "app/intake.h"
#include "cli/commands.h"
#include "storage/team.h"
#include "synthetic/intake_demo.h"

namespace opkomst {

int RunRetention(const CliContext& c, int argc, char** argv) {
  Flags flags({DbFlag(c),
               {"days", "N",
                c.T("bewaartermijn in dagen na afwijzing of intrekking", "days kept after a decline or withdrawal"),
                std::to_string(app::kDefaultRetentionDays)},
               HelpFlag(c)});
  if (int e = ParseOrExit(c, &flags, argc, argv, "opkomst retention [--db URL] [--days N]",
                          c.T("Wist de identiteit van afgewezen en ingetrokken aanmeldingen na de bewaartermijn.",
                              "Erases the identity of declined and withdrawn referrals after the retention period."),
                          0);
      e >= 0)
    return e;
  auto days = flags.GetInt("days", 0, 3650);
  if (!days.ok()) return ReportStatus(c, days.status());
  auto store = Store::Open(flags.Get("db"), Codebook::Default());
  if (!store.ok()) return ReportStatus(c, store.status());
  auto chain = Store::Open(app::AuditUrl(flags.Get("db")), Codebook::Default());
  if (!chain.ok()) return ReportStatus(c, chain.status());
  app::AuditLog audit(chain->get(), store->get());
  app::Services services{**store, Codebook::Default(), &audit};
  app::AuditEvent event{"opkomst", "systeem", "aanmelding.bewaartermijn", "", "ok", "dagen=" + std::to_string(*days)};
  auto erased = app::EraseExpiredIdentities(services, Date::Today(), static_cast<int>(*days), event);
  if (!erased.ok()) return ReportStatus(c, erased.status());
  std::cout << c.T("identiteit gewist van ", "identity erased of ") << *erased
            << c.T(" aanmelding(en)\n", " referral(s)\n");
  return kExitOk;
}

}  // namespace opkomst

namespace opkomst {

Status CreateIntakeDemo(Store& store, const security::Sealer& sealer) {
  auto existing = storage::ListReferrals(store, {0, 0, "", 1});
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) return Status::Ok();  // made at an earlier start
  const Codebook& cb = Codebook::Default();
  app::Services services{store, cb, nullptr};
  app::IntakeServices intake{services, sealer};
  app::AuditEvent audit{"opkomst", "systeem", "demo.intake", "", "ok", ""};
  Date today = Date::Today();
  IntakeDemo demo = MakeIntakeDemo(today, 16, 2026);
  std::vector<int64_t> organisation_ids;
  for (const DemoOrganisation& o : demo.organisations) {
    auto id = app::AddOrganisation(services, {{0, o.name, o.kind, o.internal, true}, audit});
    if (!id.ok()) return id.status();
    organisation_ids.push_back(*id);
    auto account = team::FindAccount(store, o.account);
    if (!account.ok()) return account.status();
    if (!*account) {
      auto made = app::CreateAccount(
          services, sealer, {o.account, o.account_name, "doorverwijzer", "demo-" + security::RandomHex(8), {}},
          {"cli", "", "account.aanmaken", "", "ok", "account=" + o.account + " rol=doorverwijzer demo"});
      if (!made.ok()) return made.status();
    }
    OPKOMST_RETURN_IF_ERROR(app::LinkPartnerAccount(services, {o.account, *id, audit}));
  }
  size_t next = 0;
  auto submit_until = [&](const std::string& date) -> Status {
    for (; next < demo.referrals.size() && demo.referrals[next].referral.received_on.ToString() <= date; ++next) {
      DemoReferral& d = demo.referrals[next];
      d.referral.organisation_id = d.organisation < 0 ? 0 : organisation_ids[static_cast<size_t>(d.organisation)];
      d.referral.submitted_by =
          d.organisation < 0 ? "mw01" : demo.organisations[static_cast<size_t>(d.organisation)].account;
      auto result = app::SubmitReferral(intake, {d.referral, d.identity, "", d.referral.received_on, audit});
      if (!result.ok()) return result.status();
      if (!result->problems.empty())
        return Internal("demo referral refused: " + result->problems[0].field + " " + result->problems[0].rule);
      d.referral.id = result->referral_id;
      if (d.withdrawn)
        OPKOMST_RETURN_IF_ERROR(
            app::WithdrawConsent(services, {d.referral.id, d.referral.received_on.AddDays(3), audit}));
    }
    return Status::Ok();
  };
  for (const std::string& meeting : demo.meetings) {
    OPKOMST_RETURN_IF_ERROR(submit_until(meeting));
    OPKOMST_RETURN_IF_ERROR(app::OpenMeeting(services, {meeting, audit}));
    OPKOMST_RETURN_IF_ERROR(
        app::RecordParticipants(services, {meeting, {"teamlead", "mw01", "mw02", "Kind en Gezin"}, audit}));
    for (DemoReferral& d : demo.referrals) {
      if (d.meeting_date != meeting || d.decision.empty() || d.referral.id == 0 || d.withdrawn) continue;
      Date on = *Date::Parse(meeting);
      char worker[8];
      std::snprintf(worker, sizeof worker, "mw%02d", d.worker);
      auto dossier =
          app::Decide(intake, {d.referral.id, meeting, d.decision, d.detail, d.track, worker, "", on, audit});
      if (!dossier.ok()) return dossier.status();
      Date visit = on.AddDays(d.home_visit_after_days);
      if (dossier->empty() || d.home_visit_after_days < 0 || visit > today) continue;
      team::Contact contact{0, *dossier, visit.ToString(), "huisbezoek", sealer.Seal("eerste huisbezoek"), worker, ""};
      OPKOMST_RETURN_IF_ERROR(app::AddContact(services, {contact, audit}));
    }
  }
  return submit_until(today.ToString());
}

}  // namespace opkomst
