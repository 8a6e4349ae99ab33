// The demo team's group work and support money (issue 13), made with the
// application's own use cases so that `bash scripts/run.sh` shows them:
// three groups by due date (two of facilitator gb01, one of gb02) with
// about a third of the expecting mothers of the demo team and two light
// registrations each, attendance for the sessions already held (some
// mothers stop halfway), the city's framework list, and grants (inside the
// framework, above a ceiling, outside it; some decided). Deterministic: the
// same demo team gets the same groups.
#include "cli/demo_groups.h"

#include <algorithm>
#include <functional>
#include <iterator>

#include "app/groups.h"
#include "app/reminders.h"
#include "app/support_money.h"

namespace opkomst {
using app::AuditEvent;
namespace {

uint64_t Hash(const std::string& text, uint64_t salt) {
  uint64_t h = 1469598103934665603ull ^ salt;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

AuditEvent Demo(const char* action) { return {"demo", "systeem", action, "", "ok", "demo"}; }

Status DemoGrants(const app::Services& services, const std::vector<Dossier>& dossiers, Date today) {
  struct Item {
    const char* item;
    const char* category;
    int64_t per_grant, per_year;
  };
  const Item items[] = {{"tandzorg", "gezondheid", 15000, 30000}, {"psychologische hulp", "gezondheid", 30000, 60000},
                        {"fiets", "mobiliteit", 20000, 20000},    {"winterjas", "kleding", 8000, 16000},
                        {"bril", "gezondheid", 25000, 25000},     {"steunzolen", "gezondheid", 12000, 12000}};
  std::vector<int64_t> ids;
  for (const Item& item : items) {
    auto id = app::SaveItem(services,
                            {{0, item.item, item.category, item.per_grant, item.per_year, true}, Demo("kader.item")});
    if (!id.ok()) return id.status();
    ids.push_back(*id);
  }
  int n = 0;
  for (const Dossier& d : dossiers) {
    uint64_t h = Hash(d.dossier_id, 7);
    if (h % 5 != 0) continue;  // about one family in five
    Date on = std::max(d.start_date, today.AddDays(-700)).AddDays(static_cast<int>(h % 200));
    if (on > today) on = today;
    storage::Grant g;
    g.dossier_id = d.dossier_id;
    g.granted_on = on.ToString();
    g.reason = "demo: noodzakelijk in de eerste 1000 dagen";
    size_t pick = (h >> 8) % (std::size(items) + 1);
    if (pick == std::size(items)) {
      g.item = "rijlessen";  // outside the framework: a request
      g.amount = 40000;
    } else {
      g.item_id = ids[pick];
      // Every fourth above the ceiling per grant: a request.
      g.amount =
          (h >> 16) % 4 == 0 ? items[pick].per_grant + 2500 : items[pick].per_grant * (50 + (h >> 20) % 50) / 100;
    }
    AuditEvent audit{d.social_worker, "maatschappelijk_werker", "steungeld.registreren", "", "ok", ""};
    auto grant = app::RegisterGrant(services, {g, on.ToString() + "T10:00:00Z", audit});
    if (!grant.ok()) return grant.status();
    if (grant->status == "aangevraagd" && ++n % 3 != 0) {  // a third still waits
      bool approve = (h >> 24) % 4 != 0;
      OPKOMST_RETURN_IF_ERROR(app::DecideGrant(
          services,
          {grant->id, approve, approve ? "demo: goedgekeurd door het comité" : "demo: geen noodzaak aangetoond",
           "teamlead", on.ToString(), Demo("steungeld.beslissen")}));
    }
  }
  return Status::Ok();
}

}  // namespace

Status CreateDemoGroupWork(Store& store, const Codebook& codebook, const security::Sealer& sealer, Date today) {
  auto existing = storage::ListGroups(store, "");
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) return Status::Ok();  // made at an earlier start
  std::vector<Dossier> dossiers;
  OPKOMST_RETURN_IF_ERROR(store.ScanDossiers([&](const Dossier& d) {
    dossiers.push_back(d);
    return Status::Ok();
  }));
  app::Services services{store, codebook, nullptr};
  struct Window {
    const char* name;
    const char* facilitator;
    int from, to;  // days from today
  };
  const Window windows[] = {
      {"Groep Zomer", "gb01", -150, -90}, {"Groep Herfst", "gb01", -60, 0}, {"Groep Lente", "gb02", 30, 90}};
  const char* light_names[] = {"Amira", "Fatou", "Ilse", "Nadia", "Sara", "Yasmina"};
  int light = 0;
  for (const Window& w : windows) {
    app::CreateGroupCommand create;
    create.group = {0,
                    w.name,
                    w.facilitator,
                    "Huis van het Kind, Mechelen",
                    today.AddDays(w.from).ToString(),
                    today.AddDays(w.to).ToString(),
                    "teamlead"};
    create.plan.weekday = 2;
    create.plan.start_minute = 13 * 60 + 30;
    create.audit = Demo("groep.aanmaken");
    auto group = app::CreateGroup(services, create);
    if (!group.ok()) return group.status();
    std::vector<int64_t> participants;
    auto enrol = [&](const std::string& dossier, const std::string& name, Date due, uint64_t h) -> Status {
      storage::Participant p;
      p.group_id = group->id;
      p.dossier_id = dossier;
      const char* channels[] = {"whatsapp", "whatsapp", "sms", "email"};
      p.channel = channels[h % 4];
      std::string contact = p.channel == std::string("email") ? "demo" + std::to_string(h % 1000) + "@example.org"
                                                              : "+32 470 " + std::to_string(100000 + h % 900000);
      p.sealed_contact = sealer.Seal(app::ContactPlaintext(name, contact));
      p.due_date = due.ToString();
      p.language = h % 5 == 0 ? "en" : "nl";
      p.consent_contact = true;
      p.consent_reminders = h % 7 != 0;
      p.enrolled_by = dossier.empty() ? "teamlead" : "demo";
      p.enrolled_at = today.AddDays(w.from - 100).ToString() + "T10:00:00Z";
      auto id = app::Enrol(services, {p, Demo("groep.inschrijven")});
      if (!id.ok()) return id.status();
      participants.push_back(*id);
      return Status::Ok();
    };
    for (const Dossier& d : dossiers) {
      if (!d.due_date || d.end_date || *d.due_date < today.AddDays(w.from) || *d.due_date > today.AddDays(w.to))
        continue;
      uint64_t h = Hash(d.dossier_id, 3);
      if (h % 3 != 0) continue;  // about one in three, as the slides count
      OPKOMST_RETURN_IF_ERROR(
          enrol(d.dossier_id, "Mama " + d.mother_id.substr(d.mother_id.size() - 3), *d.due_date, h));
    }
    for (int i = 0; i < 2; ++i, ++light)
      OPKOMST_RETURN_IF_ERROR(enrol("", light_names[light % 6], today.AddDays((w.from + w.to) / 2), Hash(w.name, i)));
    // Attendance of the sessions already held; some mothers stop halfway.
    auto sessions = storage::ListSessions(store, group->id);
    if (!sessions.ok()) return sessions.status();
    for (size_t s = 0; s < sessions->size(); ++s) {
      const storage::GroupSession& session = (*sessions)[s];
      if (*Date::Parse(session.date) >= today) break;
      app::AttendanceCommand mark{group->id,
                                  session.id,
                                  {},
                                  w.facilitator,
                                  session.date + "T15:30:00Z",
                                  {w.facilitator, "groepsbegeleider", "aanwezigheid.registreren", "", "ok", "demo"}};
      for (int64_t p : participants) {
        uint64_t h = Hash(std::to_string(p), s);
        bool stopped = p % 5 == 0 && s >= sessions->size() / 2;
        mark.marks.emplace_back(p, stopped || h % 100 < 12 ? groups::Attendance::kAbsent
                                   : h % 100 < 22          ? groups::Attendance::kExcused
                                                           : groups::Attendance::kPresent);
      }
      OPKOMST_RETURN_IF_ERROR(app::RecordAttendance(services, mark));
    }
    int64_t now = static_cast<int64_t>(today.days()) * 86400;
    OPKOMST_RETURN_IF_ERROR(
        app::PlanReminders(services, {group->id, now, 540, Demo("herinneringen.plannen")}).status());
  }
  return DemoGrants(services, dossiers, today);
}

}  // namespace opkomst
