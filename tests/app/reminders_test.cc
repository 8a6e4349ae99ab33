// The reminder series end to end on both backends (issue 13, "How it will
// be judged"): a group whose sessions straddle the spring change and the
// group's birth; the three reminders at the right local times; an opted-out
// mother gets none; an SMTP sink and a fake SMS gateway on 127.0.0.1
// receive exactly the expected messages; a failing gateway is retried and
// then shown as failed; WhatsApp goes to the facilitator's day list.
#include "app/reminders.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <utility>

#include "app/fake_servers.h"
#include "app/groups.h"
#include "app/one_dossier_fixture.h"
#include "support/test_support.h"

namespace opkomst::app {
namespace {

using groups::FormatBrussels;

// Unix seconds of a UTC time.
int64_t Utc(const char* date, int hour, int minute = 0) {
  return static_cast<int64_t>(Date::Parse(date)->days()) * 86400 + hour * 3600 + minute * 60;
}

std::string Plain(const std::string& sealed) { return sealed.substr(7); }  // "sealed:" + plaintext, for the test

class RemindersTest : public OneDossierTest {
 protected:
  void SetUp() override {
    if (!OpenWithOneDossier("opkomst")) return;
  }

  AuditEvent Audit(const char* action) { return {"teamlead", "teamverantwoordelijke", action, "", "ok", ""}; }

  // A group of ten meetings at 14:00 for due dates 2026-04-08 .. 04-22.
  StatusOr<storage::WorkGroup> NewGroup(const char* name) {
    CreateGroupCommand create;
    create.group = {0, name, "gb1", "Huis van het Kind", "2026-04-08", "2026-04-22", "teamlead"};
    create.plan.meetings = 10;
    create.plan.start_minute = 14 * 60;
    create.audit = Audit("groep.aanmaken");
    return CreateGroup(services(), create);
  }

  int64_t Enrol(int64_t group, const std::string& dossier, const std::string& name, const std::string& contact,
                const std::string& channel, const std::string& language) {
    storage::Participant p;
    p.group_id = group;
    p.dossier_id = dossier;
    p.sealed_contact = "sealed:" + ContactPlaintext(name, contact);
    p.due_date = "2026-04-15";
    p.language = language;
    p.channel = channel;
    p.consent_contact = p.consent_reminders = true;
    p.enrolled_by = "mwa";
    p.enrolled_at = "2026-01-05T10:00:00Z";
    auto id = app::Enrol(services(), {p, Audit("groep.inschrijven")});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
};

TEST_P(RemindersTest, RightLocalTimesExactMessagesRetriedFailures) {
  // Due dates 2026-04-08 .. 04-22: the group's birth 2026-04-15. Sessions
  // at 14:00 every two weeks until 2026-04-01, then monthly from 05-15.
  auto group = NewGroup("Lente 2026");
  ASSERT_TRUE(group.ok()) << group.status().ToString();
  auto sessions = storage::ListSessions(*store_, group->id);
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 10u);
  EXPECT_EQ((*sessions)[5].date, "2026-04-01");
  EXPECT_FALSE((*sessions)[5].after_birth);
  EXPECT_EQ((*sessions)[6].date, "2026-05-15");
  EXPECT_TRUE((*sessions)[6].after_birth);
  int64_t april_first = (*sessions)[5].id;

  int64_t anna = Enrol(group->id, "D-1", "Anna", "anna@example.org", "email", "nl");
  int64_t beth = Enrol(group->id, "", "Beth", "+32 470 11 22 33", "sms", "en");
  int64_t chloe = Enrol(group->id, "", "Chloé", "+32 470 99 88 77", "sms", "nl");
  int64_t dina = Enrol(group->id, "", "Dina", "0470 55 66 77", "whatsapp", "nl");

  // Planned on 2026-03-20: sessions from 04-01 on, three reminders each.
  auto planned = PlanReminders(services(), {group->id, Utc("2026-03-20", 0), 540, Audit("herinneringen.plannen")});
  ASSERT_TRUE(planned.ok()) << planned.status().ToString();
  EXPECT_EQ(*planned, 4 * 5 * 3);
  // Chloé opts out afterwards: honoured at once.
  ASSERT_TRUE(SetReminderConsent(services(), {chloe, false, "2026-03-21T10:00:00Z", Audit("groep.afmelden")}).ok());

  auto reminders = storage::ListReminders(*store_, group->id);
  ASSERT_TRUE(reminders.ok());
  std::vector<std::string> anna_april;
  for (const storage::Reminder& r : *reminders) {
    if (r.participant_id == chloe) {
      EXPECT_EQ(r.status, "geannuleerd");
    }
    if (r.participant_id == anna && r.session_id == april_first)
      anna_april.push_back(r.kind + " " + FormatBrussels(r.due_at));
  }
  // The week-before reminder in winter time, the others in summer time: all at 09:00 local.
  EXPECT_EQ(anna_april, (std::vector<std::string>{"week 2026-03-25T09:00:00+01:00", "dag 2026-03-31T09:00:00+02:00",
                                                  "zelfde_dag 2026-04-01T09:00:00+02:00"}));

  testing::SmtpSink sink;
  testing::FakeSmsGateway gateway;
  auto smtp = NewSmtpChannel({"127.0.0.1", sink.port(), "groep@opkomst.invalid", 10});
  auto sms = NewSmsGatewayChannel({gateway.url(), "", 10});
  std::map<std::string, Channel*> channels = {{"email", smtp.get()}, {"sms", sms.get()}};
  Unsealer unseal = [](const std::string& sealed) -> StatusOr<std::string> { return Plain(sealed); };
  AuditEvent system{"systeem", "systeem", "herinnering", "", "ok", ""};
  DeliveryPolicy policy;

  // 2026-03-25 08:00 UTC is 09:00 in Brussels: the week-before reminders.
  auto first = DeliverDueReminders(services(), channels, unseal, Utc("2026-03-25", 8), policy, system);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->sent, 2);
  ASSERT_EQ(sink.messages().size(), 1u);
  EXPECT_EQ(sink.messages()[0].to, "anna@example.org");
  EXPECT_NE(sink.messages()[0].data.find("Volgende week, op 01/04/2026 om 14:00"), std::string::npos)
      << sink.messages()[0].data;
  ASSERT_EQ(gateway.requests().size(), 1u);
  EXPECT_EQ(gateway.requests()[0].path, "/sms");
  EXPECT_EQ(gateway.requests()[0].body, "to=%2B32%20470%2011%2022%2033&text=" +
                                            FormEncode("Hello Beth! Next week, on 01/04/2026 at 14:00, there is a "
                                                       "group meeting at Huis van het Kind. Topic: your baby's safety. "
                                                       "We look forward to seeing you!"));

  // The day before is in summer time: 08:59 local (06:59 UTC) is too early,
  // though 07:59 UTC would be 09:00 in winter time.
  auto early = DeliverDueReminders(services(), channels, unseal, Utc("2026-03-31", 6, 59), policy, system);
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->sent + early->retrying + early->failed, 0);

  // At 09:00 local the gateway fails: retried twice more, then failed.
  gateway.SetFailing(true);
  int64_t at = Utc("2026-03-31", 7);
  auto second = DeliverDueReminders(services(), channels, unseal, at, policy, system);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->sent, 1);  // Anna's e-mail
  EXPECT_EQ(second->retrying, 1);
  auto third = DeliverDueReminders(services(), channels, unseal, at + 300, policy, system);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->retrying, 1);
  auto fourth = DeliverDueReminders(services(), channels, unseal, at + 300 + 600, policy, system);
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(fourth->failed, 1);
  // The gateway works again: the same-day reminders go; the failed one stays failed.
  gateway.SetFailing(false);
  auto same_day = DeliverDueReminders(services(), channels, unseal, Utc("2026-04-01", 7), policy, system);
  ASSERT_TRUE(same_day.ok());
  EXPECT_EQ(same_day->sent, 2);
  EXPECT_EQ(same_day->retrying + same_day->failed, 0);
  EXPECT_EQ(sink.messages().size(), 3u);
  EXPECT_EQ(gateway.requests().size(), 1u + 3u + 1u);

  reminders = storage::ListReminders(*store_, group->id);
  ASSERT_TRUE(reminders.ok());
  int failed = 0;
  for (const storage::Reminder& r : *reminders) {
    if (r.participant_id == chloe) {
      EXPECT_NE(r.status, "verzonden");
    }
    if (r.participant_id != beth || r.session_id != april_first || r.kind != "dag") continue;
    ++failed;
    EXPECT_EQ(r.status, "mislukt");
    EXPECT_EQ(r.attempts, 3);
    EXPECT_NE(r.last_error.find("503"), std::string::npos) << r.last_error;
    auto log = storage::ListDeliveries(*store_, r.id);
    ASSERT_TRUE(log.ok());
    ASSERT_EQ(log->size(), 3u);
    EXPECT_EQ((*log)[0].outcome, "opnieuw");
    EXPECT_EQ((*log)[2].outcome, "mislukt");
  }
  EXPECT_EQ(failed, 1);
  for (const auto& message : sink.messages()) EXPECT_NE(message.to.find("anna"), std::string::npos);
  for (const auto& request : gateway.requests()) EXPECT_EQ(request.body.find("99%2088"), std::string::npos);

  // WhatsApp: the facilitator's list of 2026-03-31 has Dina's day-before
  // reminder, as a one-tap link with the text; Chloé is on no list.
  auto list = DayList(*store_, group->id, *Date::Parse("2026-03-31"), unseal);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].participant_id, dina);
  EXPECT_EQ((*list)[0].first_name, "Dina");
  EXPECT_EQ((*list)[0].kind, "dag");
  EXPECT_EQ((*list)[0].link.rfind("https://wa.me/32470556677?text=Dag%20Dina%21%20Morgen%2C%2001%2F04%2F2026", 0), 0u)
      << (*list)[0].link;
}

// A channel that runs `during_send` (once) while it is sending: another
// server's scheduler that wakes up in the middle of this one's pass.
class InterruptedChannel : public Channel {
 public:
  Status Send(const OutgoingMessage& message) override {
    sent_to.push_back(message.to);
    if (during_send) std::exchange(during_send, nullptr)();
    return Status::Ok();
  }
  std::function<void()> during_send;
  std::vector<std::string> sent_to;
};

// Two servers on one database each run a scheduler (issue 15): a reminder
// claimed by one is skipped by the other, so each mother gets it once.
TEST_P(RemindersTest, TwoSchedulersSendEachReminderOnce) {
  auto group = NewGroup("Zomer 2026");
  ASSERT_TRUE(group.ok()) << group.status().ToString();
  Enrol(group->id, "D-1", "Anna", "anna@example.org", "email", "nl");
  Enrol(group->id, "", "Beth", "beth@example.org", "email", "en");
  auto planned = PlanReminders(services(), {group->id, Utc("2026-01-01", 0), 540, Audit("herinneringen.plannen")});
  ASSERT_TRUE(planned.ok()) << planned.status().ToString();

  InterruptedChannel email;
  std::map<std::string, Channel*> channels = {{"email", &email}};
  Unsealer unseal = [](const std::string& sealed) -> StatusOr<std::string> { return Plain(sealed); };
  AuditEvent system{"systeem", "systeem", "herinnering", "", "ok", ""};
  DeliveryPolicy policy;
  policy.batch = 1000;
  const int64_t far_later = Utc("2027-01-01", 0);  // every reminder is due
  int other_sent = -1;
  email.during_send = [&] {
    auto other = DeliverDueReminders(services(), channels, unseal, far_later, policy, system);
    other_sent = other.ok() ? other->sent : -1;
  };
  auto first = DeliverDueReminders(services(), channels, unseal, far_later, policy, system);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_GE(other_sent, 0);
  // Every planned reminder (sessions x three x two mothers) sent once.
  EXPECT_GT(*planned, 2);
  EXPECT_GT(other_sent, 0);  // the second scheduler did take part
  EXPECT_EQ(first->sent + other_sent, *planned);
  EXPECT_EQ(email.sent_to.size(), static_cast<size_t>(*planned));
  auto reminders = storage::ListReminders(*store_, group->id);
  ASSERT_TRUE(reminders.ok());
  for (const storage::Reminder& r : *reminders) {
    EXPECT_EQ(r.status, "verzonden");
    EXPECT_EQ(r.attempts, 1) << "reminder " << r.id << " was sent more than once";
  }
  // Nothing is left for a third pass.
  auto again = DeliverDueReminders(services(), channels, unseal, far_later, policy, system);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->sent, 0);
}

TEST_P(RemindersTest, IcsHasTheBrusselsZoneAndLocalTimes) {
  CreateGroupCommand create;
  create.group = {0, "Herfst; 2026", "gb1", "Zaal A, Mechelen", "2026-11-01", "2026-11-10", "teamlead"};
  create.audit = Audit("groep.aanmaken");
  auto group = CreateGroup(services(), create);
  ASSERT_TRUE(group.ok());
  auto sessions = storage::ListSessions(*store_, group->id);
  ASSERT_TRUE(sessions.ok());
  std::string ics = SessionsIcs(*group, *sessions, "nl", ReminderTexts::Shipped(), Utc("2026-07-01", 12));
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  EXPECT_NE(ics.find("TZID:Europe/Brussels\r\n"), std::string::npos);
  EXPECT_NE(ics.find("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;TZID=Europe/Brussels:" + std::string("20260813T100000")), std::string::npos) << ics;
  EXPECT_NE(ics.find("SUMMARY:Herfst\\; 2026: kennismaking"), std::string::npos);
  EXPECT_NE(ics.find("LOCATION:Zaal A\\, Mechelen"), std::string::npos);
  EXPECT_NE(ics.find("DTSTAMP:20260701T120000Z"), std::string::npos);
  size_t events = 0;
  for (size_t at = ics.find("BEGIN:VEVENT"); at != std::string::npos; at = ics.find("BEGIN:VEVENT", at + 1)) ++events;
  EXPECT_EQ(events, 12u);
  for (size_t start = 0, end; (end = ics.find("\r\n", start)) != std::string::npos; start = end + 2)
    EXPECT_LE(end - start, 75u);
}

TEST(ReminderContact, RefusesWhatCannotCarryAReminder) {
  EXPECT_TRUE(ValidateReminderContact("email", "anna@example.org").empty());
  EXPECT_FALSE(ValidateReminderContact("email", "anna@example.org\r\nBcc: x@y.z").empty());
  EXPECT_FALSE(ValidateReminderContact("email", "anna").empty());
  EXPECT_TRUE(ValidateReminderContact("sms", "+32 470 11 22 33").empty());
  EXPECT_FALSE(ValidateReminderContact("whatsapp", "0470 11 2").empty());
  EXPECT_FALSE(ValidateReminderContact("sms", "0470112233; rm").empty());
  EXPECT_EQ(ValidateReminderContact("sms", "x").items()[0].column, "contact");
}

INSTANTIATE_TEST_SUITE_P(Backends, RemindersTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::app
