#include "app/reminders.h"

#include <Poco/URI.h>

#include <algorithm>
#include <cstdio>

#include "domain/embedded_data.h"
#include "domain/text.h"

namespace opkomst::app {
namespace {

std::string DigitsOf(const std::string& number) {
  std::string digits;
  for (char c : number)
    if (c >= '0' && c <= '9') digits.push_back(c);
  return digits;
}

// The error as the delivery log keeps it: one line, bounded.
std::string LogLine(const std::string& message) {
  std::string line;
  for (char c : message) line.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
  return line.substr(0, 300);
}

}  // namespace

std::string ContactPlaintext(const std::string& first_name, const std::string& contact) {
  return first_name + "\n" + contact;
}

void SplitContact(const std::string& plaintext, std::string* first_name, std::string* contact) {
  size_t newline = plaintext.find('\n');
  *first_name = plaintext.substr(0, newline);
  *contact = newline == std::string::npos ? "" : plaintext.substr(newline + 1);
}

Findings ValidateReminderContact(const std::string& channel, const std::string& contact) {
  Findings findings;
  bool controls = false;
  for (char c : contact) controls |= static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  if (channel == "email") {
    size_t at = contact.find('@');
    bool ok = !controls && contact.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < contact.size() &&
              contact.find('@', at + 1) == std::string::npos && contact.find(' ') == std::string::npos &&
              contact.find('.', at) != std::string::npos;
    if (!ok) findings.Add({"", 0, "contact", contact, "group.contact", "naam@voorbeeld.be"});
    return findings;
  }
  std::string digits = DigitsOf(contact);
  bool ok = !controls && digits.size() >= 8 && digits.size() <= 15;
  for (size_t i = 0; i < contact.size() && ok; ++i) {
    char c = contact[i];
    ok = (c >= '0' && c <= '9') || c == ' ' || (c == '+' && i == 0);
  }
  if (!ok) findings.Add({"", 0, "contact", contact, "group.contact", "+32 470 12 34 56"});
  return findings;
}

ReminderTexts ReminderTexts::Shipped() {
  ReminderTexts texts;
  std::string_view file = EmbeddedDataFile("reminders.txt");
  while (!file.empty()) {
    size_t end = std::min(file.find('\n'), file.size());
    std::string_view line = file.substr(0, end);
    file.remove_prefix(std::min(end + 1, file.size()));
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> parts = SplitTrimmed(line, "|");
    if (parts.size() < 3) continue;
    // The text itself may hold a '|': everything after the second one.
    size_t second = line.find('|', line.find('|') + 1);
    texts.texts_[std::string(parts[0]) + "|" + std::string(parts[1])] = std::string(Trim(line.substr(second + 1)));
  }
  return texts;
}

StatusOr<ReminderTexts> ReminderTexts::Load(Store& store) {
  ReminderTexts texts = Shipped();
  OPKOMST_ASSIGN_OR_RETURN(auto own, storage::ListTemplates(store));
  for (const auto& row : own) texts.texts_[row[0] + "|" + row[1]] = row[2];
  return texts;
}

std::string ReminderTexts::Render(const std::string& language, const std::string& key,
                                  const std::map<std::string, std::string>& fields) const {
  auto it = texts_.find(language + "|" + key);
  if (it == texts_.end()) it = texts_.find("nl|" + key);
  if (it == texts_.end()) return key;
  std::string out;
  const std::string& text = it->second;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    auto field = close == std::string::npos ? fields.end() : fields.find(text.substr(i + 1, close - i - 1));
    if (field == fields.end()) {
      out.push_back(text[i]);
      continue;
    }
    out += field->second;
    i = close;
  }
  return out;
}

std::map<std::string, std::string> ReminderTexts::Fields(const std::string& language, const std::string& first_name,
                                                         const storage::WorkGroup& group,
                                                         const storage::GroupSession& session) const {
  Date date = Date::Parse(session.date).value_or(Date());
  char when[16];
  std::snprintf(when, sizeof when, "%02d/%02d/%04d", date.day(), date.month(), date.year());
  return {{"naam", first_name},
          {"datum", when},
          {"uur", groups::FormatClock(session.start_minute)},
          {"plaats", session.location},
          {"thema", Render(language, "thema." + session.topic, {})},
          {"groep", group.name}};
}

StatusOr<int> PlanReminders(const Services& services, const PlanRemindersCommand& command) {
  OPKOMST_RETURN_IF_ERROR(storage::GetGroup(services.store, command.group_id).status());
  OPKOMST_ASSIGN_OR_RETURN(auto sessions, storage::ListSessions(services.store, command.group_id));
  OPKOMST_ASSIGN_OR_RETURN(auto participants, storage::ListParticipants(services.store, command.group_id));
  std::vector<storage::Reminder> planned;
  for (const storage::GroupSession& session : sessions) {
    auto date = Date::Parse(session.date);
    if (session.cancelled || !date) continue;
    for (const storage::Participant& p : participants) {
      if (!p.consent_contact || !p.consent_reminders || !p.opted_out_at.empty()) continue;
      for (const groups::PlannedReminder& r :
           groups::RemindersFor({*date, session.start_minute}, command.reminder_minute)) {
        if (r.due_utc < command.now) continue;
        storage::Reminder reminder;
        reminder.session_id = session.id;
        reminder.participant_id = p.id;
        reminder.kind = std::string(groups::ReminderKindName(r.kind));
        reminder.due_at = r.due_utc;
        reminder.channel = p.channel;
        planned.push_back(reminder);
      }
    }
  }
  AuditEvent audit = command.audit;
  audit.detail = "groep=" + std::to_string(command.group_id) + " herinneringen=" + std::to_string(planned.size());
  OPKOMST_RETURN_IF_ERROR(Change(services, audit, [&](storage::UnitOfWork& work) {
    for (const storage::Reminder& reminder : planned)
      OPKOMST_RETURN_IF_ERROR(storage::GroupWrites::PlanReminder(work, reminder));
    return Status::Ok();
  }));
  return static_cast<int>(planned.size());
}

namespace {

// The message of one reminder, or why it cannot be made.
StatusOr<OutgoingMessage> MessageFor(Store& store, const storage::Reminder& reminder, const ReminderTexts& texts,
                                     const Unsealer& unseal, std::string* dossier_id) {
  OPKOMST_ASSIGN_OR_RETURN(auto participant, storage::GetParticipant(store, reminder.participant_id));
  OPKOMST_ASSIGN_OR_RETURN(auto session, storage::GetSession(store, reminder.session_id));
  OPKOMST_ASSIGN_OR_RETURN(auto group, storage::GetGroup(store, session.group_id));
  OPKOMST_ASSIGN_OR_RETURN(std::string plain, unseal(participant.sealed_contact));
  *dossier_id = participant.dossier_id;
  std::string first_name, contact;
  SplitContact(plain, &first_name, &contact);
  auto fields = texts.Fields(participant.language, first_name, group, session);
  return OutgoingMessage{reminder.channel, contact, texts.Render(participant.language, "onderwerp", fields),
                         texts.Render(participant.language, reminder.kind, fields)};
}

}  // namespace

StatusOr<DeliveryOutcome> DeliverDueReminders(const Services& services, const std::map<std::string, Channel*>& channels,
                                              const Unsealer& unseal, int64_t now, const DeliveryPolicy& policy,
                                              const AuditEvent& audit) {
  OPKOMST_ASSIGN_OR_RETURN(ReminderTexts texts, ReminderTexts::Load(services.store));
  OPKOMST_ASSIGN_OR_RETURN(auto due, storage::DueReminders(services.store, now, policy.batch));
  DeliveryOutcome outcome;
  for (storage::Reminder reminder : due) {
    bool claimed = false;
    AuditEvent claim = audit;
    claim.action = "herinnering.claim";
    claim.detail = "herinnering=" + std::to_string(reminder.id);
    OPKOMST_RETURN_IF_ERROR(Change(services, claim, [&](storage::UnitOfWork& work) {
      OPKOMST_ASSIGN_OR_RETURN(claimed,
                               storage::GroupWrites::ClaimReminder(work, reminder, now + policy.claim_seconds));
      return Status::Ok();
    }));
    if (!claimed) continue;  // another server's scheduler has it
    std::string dossier_id;
    auto message = MessageFor(services.store, reminder, texts, unseal, &dossier_id);
    auto channel = channels.find(reminder.channel);
    Status sent = !message.ok()               ? message.status()
                  : channel == channels.end() ? Unavailable("kanaal '" + reminder.channel + "' is niet ingesteld")
                                              : channel->second->Send(*message);
    ++reminder.attempts;
    storage::Delivery delivery{reminder.id, reminder.attempts, now, "verzonden", ""};
    if (sent.ok()) {
      reminder.status = "verzonden";
      reminder.sent_at = now;
      reminder.last_error.clear();
      ++outcome.sent;
    } else {
      reminder.last_error = LogLine(sent.message());
      delivery.error = reminder.last_error;
      bool last = reminder.attempts >= policy.max_attempts;
      reminder.status = last ? "mislukt" : "opnieuw";
      delivery.outcome = last ? "mislukt" : "opnieuw";
      reminder.next_attempt_at = now + policy.retry_after_seconds * reminder.attempts;
      ++(last ? outcome.failed : outcome.retrying);
    }
    AuditEvent event = audit;
    event.action = "herinnering." + delivery.outcome;
    event.dossier_id = dossier_id;
    event.detail = "herinnering=" + std::to_string(reminder.id) + " poging=" + std::to_string(reminder.attempts) +
                   " kanaal=" + reminder.channel;
    OPKOMST_RETURN_IF_ERROR(Change(services, event, [&](storage::UnitOfWork& work) {
      return storage::GroupWrites::RecordAttempt(work, reminder, delivery);
    }));
  }
  return outcome;
}

std::string WhatsAppLink(const std::string& number, const std::string& text) {
  std::string digits = DigitsOf(number);
  if (digits.empty()) return "";
  // Belgian numbers written nationally (0470 ...) get the country code.
  if (digits[0] == '0' && (number.empty() || number[0] != '+')) digits = "32" + digits.substr(1);
  return "https://wa.me/" + digits + "?text=" + FormEncode(text);
}

StatusOr<std::vector<DayListLine>> DayList(Store& store, int64_t group_id, Date day, const Unsealer& unseal) {
  OPKOMST_ASSIGN_OR_RETURN(ReminderTexts texts, ReminderTexts::Load(store));
  OPKOMST_ASSIGN_OR_RETURN(auto reminders, storage::ListReminders(store, group_id));
  std::vector<DayListLine> lines;
  for (const storage::Reminder& reminder : reminders) {
    if (reminder.channel != "whatsapp" || reminder.status == "geannuleerd") continue;
    if (groups::UtcToBrussels(reminder.due_at).date != day) continue;
    OPKOMST_ASSIGN_OR_RETURN(auto participant, storage::GetParticipant(store, reminder.participant_id));
    if (!participant.consent_reminders || !participant.opted_out_at.empty()) continue;  // opted out: none
    std::string dossier_id;
    OPKOMST_ASSIGN_OR_RETURN(auto message, MessageFor(store, reminder, texts, unseal, &dossier_id));
    std::string first_name, contact;
    OPKOMST_ASSIGN_OR_RETURN(std::string plain, unseal(participant.sealed_contact));
    SplitContact(plain, &first_name, &contact);
    lines.push_back({reminder.id, participant.id, first_name, contact, reminder.kind, message.text,
                     WhatsAppLink(contact, message.text), reminder.status});
  }
  return lines;
}

namespace {

// RFC 5545 TEXT: backslash, semicolon, comma and newline escaped.
std::string IcsText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out.push_back(c);
  }
  return out;
}

// Content lines longer than 75 octets are folded (CRLF and one space),
// never inside a UTF-8 sequence.
std::string Folded(const std::string& line) {
  std::string out;
  size_t width = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    bool continuation = (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80;
    if (width >= 74 && !continuation) {
      out += "\r\n ";
      width = 1;
    }
    out.push_back(line[i]);
    ++width;
  }
  return out + "\r\n";
}

std::string IcsLocal(const std::string& date, int minute) {
  std::string compact;
  for (char c : date)
    if (c != '-') compact.push_back(c);
  char time[16];
  std::snprintf(time, sizeof time, "T%02d%02d00", minute / 60, minute % 60);
  return compact + time;
}

std::string IcsUtc(int64_t utc) {
  groups::LocalTime local{Date::FromDays(static_cast<int32_t>(utc / 86400)), static_cast<int>(utc % 86400 / 60)};
  char seconds[8];
  std::snprintf(seconds, sizeof seconds, "%02d", static_cast<int>(utc % 60));
  return IcsLocal(local.date.ToString(), local.minute).substr(0, 13) + seconds + "Z";
}

}  // namespace

std::string SessionsIcs(const storage::WorkGroup& group, const std::vector<storage::GroupSession>& sessions,
                        const std::string& language, const ReminderTexts& texts, int64_t now) {
  std::string ics =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//opkomst//groepswerking//NL\r\nCALSCALE:GREGORIAN\r\n"
      "METHOD:PUBLISH\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Brussels\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\n"
      "TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
      "END:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
      "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
  for (const storage::GroupSession& s : sessions) {
    if (s.cancelled) continue;
    ics += "BEGIN:VEVENT\r\n";
    ics += Folded("UID:opkomst-sessie-" + std::to_string(s.id) + "@opkomst.invalid");
    ics += "DTSTAMP:" + IcsUtc(now) + "\r\n";
    ics += "DTSTART;TZID=Europe/Brussels:" + IcsLocal(s.date, s.start_minute) + "\r\n";
    ics += "DURATION:PT2H\r\n";
    ics += Folded("SUMMARY:" + IcsText(group.name + ": " + texts.Render(language, "thema." + s.topic, {})));
    ics += Folded("LOCATION:" + IcsText(s.location));
    ics += "END:VEVENT\r\n";
  }
  return ics + "END:VCALENDAR\r\n";
}

}  // namespace opkomst::app
