// Reminder series of the group work (issue 13): planning, texts, channels
// and delivery with retry.
//
//  - PlanReminders puts, for every coming session of a group and every
//    participant who consents, the three reminders (domain/schedule.h) in
//    the outbox (table reminder), once.
//  - DeliverDueReminders sends what is due through the participant's
//    channel (e-mail over SMTP, SMS over an HTTP gateway); every attempt is
//    logged with its error, a failure is retried `max_attempts` times and
//    then marked failed (shown on the group's reminders page), never lost.
//    Consent is read again at sending time: an opt-out counts at once.
//  - WhatsApp needs no outside service: the facilitator's list of the day
//    (DayList) holds a one-tap click-to-chat link per reminder with the text
//    filled in; each participant can download an .ics of her sessions.
#ifndef OPKOMST_APP_REMINDERS_H_
#define OPKOMST_APP_REMINDERS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/registration.h"
#include "domain/schedule.h"
#include "storage/groups.h"

namespace opkomst::app {

// A participant's first name and contact travel sealed as one text.
std::string ContactPlaintext(const std::string& first_name, const std::string& contact);
void SplitContact(const std::string& plaintext, std::string* first_name, std::string* contact);
using Unsealer = std::function<StatusOr<std::string>(const std::string& sealed)>;

// The texts: data/reminders.txt, then the team's own (message_template),
// which add languages or replace lines. A language without a text gets the
// Dutch one.
class ReminderTexts {
 public:
  static StatusOr<ReminderTexts> Load(Store& store);
  static ReminderTexts Shipped();
  // The text of `key` in `language` with {placeholders} filled in.
  std::string Render(const std::string& language, const std::string& key,
                     const std::map<std::string, std::string>& fields) const;
  // The placeholders of a reminder for a session.
  std::map<std::string, std::string> Fields(const std::string& language, const std::string& first_name,
                                            const storage::WorkGroup& group,
                                            const storage::GroupSession& session) const;

 private:
  std::map<std::string, std::string> texts_;  // "language|key" -> text
};

struct OutgoingMessage {
  std::string channel, to, subject, text;
};
// A way out: e-mail, SMS. Send returns Ok once the far side accepted it.
class Channel {
 public:
  virtual ~Channel() = default;
  virtual Status Send(const OutgoingMessage& message) = 0;
};
struct SmtpSettings {
  std::string host = "127.0.0.1";
  int port = 25;
  std::string from = "groepswerking@opkomst.invalid";
  int timeout_seconds = 10;
};
std::unique_ptr<Channel> NewSmtpChannel(const SmtpSettings& settings);
struct SmsGatewaySettings {
  std::string url;    // http://host:port/path: POST to=...&text=... (form-encoded)
  std::string token;  // sent as "Authorization: Bearer ..." when set
  int timeout_seconds = 10;
};
std::unique_ptr<Channel> NewSmsGatewayChannel(const SmsGatewaySettings& settings);

struct PlanRemindersCommand {
  int64_t group_id = 0;
  int64_t now = 0;            // reminders before this moment are not planned
  int reminder_minute = 540;  // local time of the reminders, 09:00
  AuditEvent audit;
};
// How many reminders were added.
StatusOr<int> PlanReminders(const Services& services, const PlanRemindersCommand& command);

struct DeliveryPolicy {
  int max_attempts = 3;
  int64_t retry_after_seconds = 300;  // times the attempt number
  int batch = 200;
  // A reminder being sent is claimed for this long: the other servers of a
  // group skip it. If the sender dies before it records the outcome, the
  // reminder is due again after the claim (sent at least once, and twice
  // only after such a crash).
  int64_t claim_seconds = 600;
};
struct DeliveryOutcome {
  int sent = 0, retrying = 0, failed = 0;
};
// Sends the reminders due at `now` through `channels` (by channel name);
// each attempt's outcome is one transaction with its audit record, made
// from `audit` (account "systeem" for the scheduler). Each reminder is
// claimed in the store before it is sent, so that several servers on one
// database (each with its scheduler) send it once.
StatusOr<DeliveryOutcome> DeliverDueReminders(const Services& services, const std::map<std::string, Channel*>& channels,
                                              const Unsealer& unseal, int64_t now, const DeliveryPolicy& policy,
                                              const AuditEvent& audit);

// One line of the facilitator's list of a day: WhatsApp reminders due that
// day (Brussels date) of her group.
struct DayListLine {
  int64_t reminder_id = 0, participant_id = 0;
  std::string first_name, number, kind, text, link;  // link: https://wa.me/<digits>?text=<encoded>
  std::string status;
};
StatusOr<std::vector<DayListLine>> DayList(Store& store, int64_t group_id, Date day, const Unsealer& unseal);
// Percent-encoding of a URL query value or form field (RFC 3986).
std::string FormEncode(const std::string& text);
// https://wa.me/<digits>?text=<percent-encoded>; empty if `number` has no digits.
std::string WhatsAppLink(const std::string& number, const std::string& text);
// An RFC 5545 calendar of the group's coming sessions, times in
// Europe/Brussels with its VTIMEZONE, for one participant.
std::string SessionsIcs(const storage::WorkGroup& group, const std::vector<storage::GroupSession>& sessions,
                        const std::string& language, const ReminderTexts& texts, int64_t now);

// Whether `contact` can carry reminders on `channel`: an e-mail address
// (no spaces or control characters, one @), or a phone number (digits,
// spaces, one leading +, 8 to 15 digits). Findings name the field "contact".
Findings ValidateReminderContact(const std::string& channel, const std::string& contact);

}  // namespace opkomst::app

#endif  // OPKOMST_APP_REMINDERS_H_
