#include "app/groups.h"

#include "domain/validation.h"

namespace opkomst::app {
namespace {

StatusOr<storage::Participant> ParticipantOfGroup(Store& store, int64_t group_id, int64_t participant_id) {
  OPKOMST_ASSIGN_OR_RETURN(auto participant, storage::GetParticipant(store, participant_id));
  if (participant.group_id != group_id)
    return NotFound("participant " + std::to_string(participant_id) + " of group " + std::to_string(group_id));
  return participant;
}

}  // namespace

Status Invalid(const Findings& findings) {
  std::string text;
  for (const Finding& f : findings.items()) text += (text.empty() ? "" : "; ") + f.Describe(Language::kDutch);
  return InvalidInput(text);
}

Findings ValidateGroup(const storage::WorkGroup& g) {
  Findings findings;
  if (g.name.empty()) findings.Add({"", 0, "name", "", "value.required", ""});
  if (g.facilitator.empty()) findings.Add({"", 0, "facilitator", "", "value.required", ""});
  if (g.location.empty()) findings.Add({"", 0, "location", "", "value.required", ""});
  for (auto [column, value] : {std::pair{"name", &g.name}, {"location", &g.location}}) {
    if (value->size() > 200) findings.Add({"", 0, column, value->substr(0, 20) + "...", "value.too_long", "200"});
    CheckFreeText("", 0, column, *value, &findings);
  }
  for (auto [column, value] : {std::pair{"due_from", &g.due_from}, {"due_to", &g.due_to}})
    if (!Date::Parse(*value)) findings.Add({"", 0, column, *value, "value.date", ""});
  return findings;
}

StatusOr<storage::WorkGroup> CreateGroup(const Services& services, const CreateGroupCommand& command) {
  storage::WorkGroup group = command.group;
  Findings findings = ValidateGroup(group);
  if (!findings.empty()) return Invalid(findings);
  groups::PlanRequest plan = command.plan;
  plan.due_from = *Date::Parse(group.due_from);
  plan.due_to = *Date::Parse(group.due_to);
  std::vector<groups::PlannedSession> sessions = groups::PlanSessions(plan, &findings);
  if (!findings.empty()) return Invalid(findings);
  AuditEvent audit = command.audit;
  OPKOMST_RETURN_IF_ERROR(Change(services, audit, [&](storage::UnitOfWork& work) {
    OPKOMST_RETURN_IF_ERROR(storage::GroupWrites::InsertGroup(work, &group));
    for (const groups::PlannedSession& planned : sessions) {
      storage::GroupSession session{0,
                                    group.id,
                                    planned.start.date.ToString(),
                                    planned.start.minute,
                                    planned.topic,
                                    group.location,
                                    planned.after_birth,
                                    false};
      OPKOMST_RETURN_IF_ERROR(storage::GroupWrites::InsertSession(work, &session));
    }
    return Status::Ok();
  }));
  return group;
}

Status EditSession(const Services& services, const EditSessionCommand& command) {
  const storage::GroupSession& s = command.session;
  Findings findings;
  if (!Date::Parse(s.date)) findings.Add({"", 0, "date", s.date, "value.date", ""});
  if (s.start_minute < 0 || s.start_minute >= 24 * 60)
    findings.Add({"", 0, "start_time", std::to_string(s.start_minute), "value.range", "00:00-23:59"});
  if (!groups::IsTopic(s.topic)) findings.Add({"", 0, "topic", s.topic, "value.code", "groups::Topics()"});
  if (s.location.empty()) findings.Add({"", 0, "location", "", "value.required", ""});
  if (!findings.empty()) return Invalid(findings);
  OPKOMST_ASSIGN_OR_RETURN(auto before, storage::GetSession(services.store, s.id));
  if (before.group_id != s.group_id) return NotFound("session " + std::to_string(s.id));
  bool moved = before.date != s.date || before.start_minute != s.start_minute || before.cancelled != s.cancelled;
  return Change(services, command.audit, [&](storage::UnitOfWork& work) {
    OPKOMST_RETURN_IF_ERROR(storage::GroupWrites::UpdateSession(work, s));
    return moved ? storage::GroupWrites::CancelRemindersOfSession(work, s.id) : Status::Ok();
  });
}

Findings ValidateParticipant(const storage::Participant& p) {
  Findings findings;
  if (!Date::Parse(p.due_date)) findings.Add({"", 0, "due_date", p.due_date, "value.date", ""});
  if (p.language.size() != 2 || p.language[0] < 'a' || p.language[0] > 'z' || p.language[1] < 'a' ||
      p.language[1] > 'z')
    findings.Add({"", 0, "language", p.language, "value.code", "nl, en, fr, ar, ..."});
  if (p.channel != "whatsapp" && p.channel != "email" && p.channel != "sms")
    findings.Add({"", 0, "channel", p.channel, "value.code", "whatsapp, email, sms"});
  if (p.sealed_contact.empty()) findings.Add({"", 0, "contact", "", "value.required", ""});
  if (p.consent_reminders && !p.consent_contact)
    findings.Add({"", 0, "consent_reminders", "1", "value.code", "consent_contact"});
  return findings;
}

StatusOr<int64_t> Enrol(const Services& services, const EnrolCommand& command) {
  storage::Participant p = command.participant;
  Findings findings = ValidateParticipant(p);
  if (!findings.empty()) {
    if (services.findings)
      for (const Finding& finding : findings.items()) services.findings->Add(finding);
    return Invalid(findings);
  }
  OPKOMST_RETURN_IF_ERROR(storage::GetGroup(services.store, p.group_id).status());
  OPKOMST_RETURN_IF_ERROR(Change(services, command.audit, [&](storage::UnitOfWork& work) {
    return storage::GroupWrites::InsertParticipant(work, &p);
  }));
  return p.id;
}

Status SetReminderConsent(const Services& services, const ReminderConsentCommand& command) {
  OPKOMST_RETURN_IF_ERROR(storage::GetParticipant(services.store, command.participant_id).status());
  return Change(services, command.audit, [&](storage::UnitOfWork& work) {
    OPKOMST_RETURN_IF_ERROR(storage::GroupWrites::SetReminderConsent(work, command.participant_id, command.consent,
                                                                     command.consent ? "" : command.at));
    if (command.consent) return Status::Ok();
    return storage::GroupWrites::CancelRemindersOfParticipant(work, command.participant_id);
  });
}

Status RecordAttendance(const Services& services, const AttendanceCommand& command) {
  OPKOMST_ASSIGN_OR_RETURN(auto session, storage::GetSession(services.store, command.session_id));
  if (session.group_id != command.group_id) return NotFound("session " + std::to_string(command.session_id));
  for (const auto& [participant, value] : command.marks)
    OPKOMST_RETURN_IF_ERROR(ParticipantOfGroup(services.store, command.group_id, participant).status());
  return Change(services, command.audit, [&](storage::UnitOfWork& work) {
    for (const auto& [participant, value] : command.marks)
      OPKOMST_RETURN_IF_ERROR(storage::GroupWrites::PutAttendance(
          work, {command.session_id, participant, std::string(groups::AttendanceName(value)), command.recorded_by,
                 command.recorded_at}));
    return Status::Ok();
  });
}

Status PassOnConcern(const Services& services, const ConcernCommand& command) {
  OPKOMST_ASSIGN_OR_RETURN(auto participant,
                           ParticipantOfGroup(services.store, command.group_id, command.participant_id));
  if (participant.dossier_id.empty())
    return InvalidInput(
        "deelnemer " + std::to_string(command.participant_id) +
        ": geen dossier (lichte registratie); geef de zorg rechtstreeks door aan de teamverantwoordelijke");
  if (command.sealed_note.empty()) return InvalidInput("note: is leeg; dit veld is verplicht");
  AuditEvent audit = command.audit;
  audit.dossier_id = participant.dossier_id;
  return Change(services, audit, [&](storage::UnitOfWork& work) {
    return work.InsertContact(
        {0, participant.dossier_id, command.date, "bericht", command.sealed_note, command.author, ""});
  });
}

}  // namespace opkomst::app
