#include "app/intake.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "app/change.h"
#include "domain/caseload.h"
#include "storage/team.h"

namespace opkomst::app {
namespace {

Code OptionCode(const Codebook& codebook, const char* field, const std::string& code) {
  return codebook.field(field).options.FindCode(code).value_or(kMissing);
}

// A new dossier id as the new-dossier page makes them: D<year>-<6 hex>.
StatusOr<std::string> NewDossierId(Store& store, Date today) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::string id = "D" + today.ToString().substr(0, 4) + "-" + security::RandomHex(3);
    for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto found = store.GetDossier(id);
    if (found.status().code() == StatusCode::kNotFound) return id;
    if (!found.ok()) return found.status();
  }
  return Internal("no free dossier id after 20 attempts");
}

// Who may carry a dossier: an active worker or team lead.
StatusOr<bool> IsActiveWorker(Store& store, const std::string& worker) {
  OPKOMST_ASSIGN_OR_RETURN(auto account, team::FindAccount(store, worker));
  return account && account->active &&
         (account->role == "maatschappelijk_werker" || account->role == "teamverantwoordelijke");
}

// The dossier an acceptance opens, from what the referral holds.
Dossier DossierFrom(const Codebook& cb, const storage::StoredReferral& stored, const std::string& organisation_name,
                    bool internal, const std::string& track) {
  const intake::Referral& r = stored.referral;
  Dossier d;
  d.track = OptionCode(cb, "track", track);
  d.referrer = organisation_name.empty() ? "zelfmelding" : organisation_name;
  d.referrer_type = OptionCode(cb, "referrer_type", internal ? "intern" : "extern");
  d.due_date = r.due_date;
  d.child_birth_date = r.child_birth_date;
  d.pregnant_at_start = OptionCode(cb, "pregnant_at_start", r.pregnant ? "ja" : "nee");
  d.first_pregnancy = OptionCode(cb, "first_pregnancy",
                                 !r.first_pregnancy   ? "onbekend"
                                 : *r.first_pregnancy ? "ja"
                                                      : "nee");
  d.mother_age_at_start = r.mother_age;
  return d;
}

}  // namespace

const std::vector<std::string>& DeclineReasons() {
  static const std::vector<std::string> reasons = {"buiten_doelgroep", "geen_toestemming", "niet_bereikbaar",
                                                   "al_begeleid", "andere"};
  return reasons;
}

StatusOr<int64_t> AddOrganisation(const Services& services, const AddOrganisationCommand& command) {
  const storage::Organisation& o = command.organisation;
  if (o.name.empty() || o.name.size() > 120) return InvalidInput("naam '" + o.name + "': 1 tot 120 tekens");
  if (!intake::ParseOrganisationKind(o.kind)) return InvalidInput("soort '" + o.kind + "': onbekende soort");
  int64_t id = 0;
  OPKOMST_RETURN_IF_ERROR(Change(services, command.audit, [&](storage::UnitOfWork& work) -> Status {
    OPKOMST_ASSIGN_OR_RETURN(id, storage::IntakeWrites(work).InsertOrganisation(o));
    return Status::Ok();
  }));
  return id;
}

Status LinkPartnerAccount(const Services& services, const LinkPartnerAccountCommand& command) {
  OPKOMST_ASSIGN_OR_RETURN(auto account, team::FindAccount(services.store, command.username));
  if (!account || account->role != "doorverwijzer")
    return InvalidInput("account '" + command.username + "': geen doorverwijzer");
  return Change(services, command.audit, [&](storage::UnitOfWork& work) {
    return storage::IntakeWrites(work).LinkAccount(command.username, command.organisation_id);
  });
}

StatusOr<SubmitResult> SubmitReferral(const IntakeServices& intake, const SubmitReferralCommand& command) {
  SubmitResult result;
  result.problems = intake::ValidateReferral(command.referral, command.identity, command.today);
  if (command.referral.channel == "partner" && command.referral.organisation_id <= 0)
    result.problems.push_back({"organisatie", "", "intake.regel.organisatie"});
  if (command.note.size() > 2000) result.problems.push_back({"notitie", "", "intake.regel.te_lang"});
  if (!result.problems.empty()) return result;
  storage::StoredReferral stored;
  stored.referral = command.referral;
  stored.hint = intake::OpkomstPlusHint(command.referral.hint);
  stored.identity_sealed = intake.sealer.Seal(intake::EncodeIdentity(command.identity));
  if (!command.note.empty()) stored.note_sealed = intake.sealer.Seal(command.note);
  OPKOMST_RETURN_IF_ERROR(Change(intake.services, command.audit, [&](storage::UnitOfWork& work) -> Status {
    OPKOMST_ASSIGN_OR_RETURN(result.referral_id, storage::IntakeWrites(work).InsertReferral(stored));
    return Status::Ok();
  }));
  return result;
}

StatusOr<std::vector<PossibleDuplicate>> FindPossibleDuplicates(Store& reader, const security::Sealer& sealer,
                                                                const std::string& mother_id,
                                                                const intake::ReferralIdentity& identity,
                                                                const std::optional<Date>& due_date,
                                                                int64_t except_referral) {
  std::vector<PossibleDuplicate> out;
  std::string name = intake::NormaliseName(identity.name);
  auto near = [&](const std::optional<Date>& other) {
    // Without both due dates the name alone is enough to ask.
    return !due_date || !other || std::abs(other->days() - due_date->days()) <= intake::kDuplicateDueDays;
  };
  OPKOMST_ASSIGN_OR_RETURN(auto known, storage::AllDossierIdentities(reader));
  for (const storage::KnownIdentity& k : known) {
    if (!mother_id.empty() && k.mother_id == mother_id) {
      out.push_back({"dossier", k.dossier_id, k.mother_id, "moeder_id"});
      continue;
    }
    auto opened = sealer.Open(k.sealed);
    if (!opened.ok() || name.empty()) continue;
    std::string their = intake::NormaliseName(opened->substr(0, opened->find('\n')));
    if (their == name && near(Date::Parse(k.due_date)))
      out.push_back({"dossier", k.dossier_id, k.mother_id, "naam_datum"});
  }
  OPKOMST_ASSIGN_OR_RETURN(auto referrals, storage::ListReferrals(reader, {0, 0, "", 100000}));
  for (const storage::StoredReferral& s : referrals) {
    if (s.referral.id == except_referral || s.identity_sealed.empty()) continue;
    auto opened = sealer.Open(s.identity_sealed);
    if (!opened.ok()) continue;
    if (!name.empty() && intake::NormaliseName(intake::DecodeIdentity(*opened).name) == name &&
        near(s.referral.due_date))
      out.push_back({"aanmelding", std::to_string(s.referral.id), s.referral.mother_id, "naam_datum"});
  }
  return out;
}

Status OpenMeeting(const Services& services, const OpenMeetingCommand& command) {
  if (!Date::Parse(command.date)) return InvalidInput("datum '" + command.date + "': JJJJ-MM-DD");
  return Change(services, command.audit, [&](storage::UnitOfWork& work) {
    return storage::IntakeWrites(work).OpenMeeting(command.date, command.audit.account);
  });
}

Status RecordParticipants(const Services& services, const ParticipantsCommand& command) {
  for (const std::string& p : command.participants)
    if (p.empty() || p.size() > 80) return InvalidInput("deelnemer '" + p.substr(0, 20) + "': 1 tot 80 tekens");
  return Change(services, command.audit, [&](storage::UnitOfWork& work) {
    return storage::IntakeWrites(work).SetParticipants(command.date, command.participants);
  });
}

Status AddAgendaItem(const IntakeServices& intake, const AgendaItemCommand& command) {
  if (command.note.empty() || command.note.size() > 2000) return InvalidInput("notitie: 1 tot 2000 tekens");
  storage::AgendaItem item;
  item.dossier_id = command.dossier_id;
  item.added_by = command.audit.account;
  item.note_sealed = intake.sealer.Seal(command.note);
  return Change(intake.services, command.audit, [&](storage::UnitOfWork& work) {
    return storage::IntakeWrites(work).AddAgendaItem(item, command.date);
  });
}

StatusOr<std::vector<intake::FieldProblem>> DecisionProblems(Store& store, const DecideCommand& command) {
  std::vector<intake::FieldProblem> problems;
  const std::string& decision = command.decision;
  if (!intake::IsDecision(decision)) {
    problems.push_back({"beslissing", decision.substr(0, 40), "intake.regel.onbekende_code"});
    return problems;
  }
  if (decision == "afgewezen" &&
      std::find(DeclineReasons().begin(), DeclineReasons().end(), command.detail) == DeclineReasons().end())
    problems.push_back({"reden", command.detail.substr(0, 40), "intake.regel.reden"});
  if (decision == "elders" && command.detail.empty()) problems.push_back({"elders", "", "intake.regel.elders"});
  if (decision == "elders" && command.detail.size() > 120)
    problems.push_back({"elders", command.detail.substr(0, 40), "intake.regel.te_lang"});
  if (!intake::OpensDossier(decision)) return problems;
  std::string track = decision == "combinatie" ? command.combination_track : decision;
  if (track != "opkomst" && track != "opkomst_plus")
    problems.push_back({"traject", track.substr(0, 40), "intake.regel.traject"});
  if (command.worker.empty()) {
    problems.push_back({"werker", "", "intake.regel.werker_verplicht"});
  } else {
    OPKOMST_ASSIGN_OR_RETURN(bool active, IsActiveWorker(store, command.worker));
    if (!active) problems.push_back({"werker", command.worker.substr(0, 40), "intake.regel.werker"});
  }
  return problems;
}

StatusOr<std::string> Decide(const IntakeServices& intake, const DecideCommand& command) {
  Store& store = intake.services.store;
  OPKOMST_ASSIGN_OR_RETURN(auto problems, DecisionProblems(store, command));
  if (!problems.empty()) return InvalidInput(problems[0].field + " '" + problems[0].value + "': " + problems[0].rule);
  OPKOMST_ASSIGN_OR_RETURN(auto referral, storage::GetReferral(store, command.referral_id));
  std::string dossier_id;
  std::optional<Dossier> dossier;
  if (intake::OpensDossier(command.decision)) {
    std::string track = command.decision == "combinatie" ? command.combination_track : command.decision;
    if (referral.identity_sealed.empty()) return InvalidInput("aanmelding zonder identiteit (gewist)");
    std::string name;
    bool internal = false;
    OPKOMST_ASSIGN_OR_RETURN(auto organisations, storage::ListOrganisations(store));
    for (const auto& o : organisations)
      if (o.id == referral.referral.organisation_id) name = o.name, internal = o.internal;
    dossier = DossierFrom(intake.services.codebook, referral, name, internal, track);
    OPKOMST_ASSIGN_OR_RETURN(dossier_id, NewDossierId(store, command.today));
    dossier->dossier_id = dossier_id;
    std::string mother = !command.mother_id.empty() ? command.mother_id : referral.referral.mother_id;
    dossier->mother_id = mother.empty() ? "M" + dossier_id.substr(1) : mother;
    dossier->trajectory_number = 0;  // the next of this mother, by the domain rule
    dossier->start_date = command.today;
    dossier->social_worker = command.worker;
  }
  std::string identity;
  if (dossier) {
    OPKOMST_ASSIGN_OR_RETURN(std::string opened, intake.sealer.Open(referral.identity_sealed));
    identity = intake.sealer.Seal(intake::DossierIdentityText(intake::DecodeIdentity(opened)));
  }
  AuditEvent audit = command.audit;
  if (!dossier_id.empty()) audit.dossier_id = dossier_id;
  OPKOMST_RETURN_IF_ERROR(Change(intake.services, audit, [&](storage::UnitOfWork& work) -> Status {
    storage::IntakeWrites writes(work);
    OPKOMST_RETURN_IF_ERROR(
        writes.Decide({command.referral_id, command.meeting_date, command.decision, command.detail,
                       command.today.ToString(), command.audit.account, dossier ? command.worker : "", dossier_id}));
    if (!dossier) return Status::Ok();
    OPKOMST_RETURN_IF_ERROR(work.CreateDossier(&*dossier));
    return work.PutIdentity(dossier_id, identity);
  }));
  return dossier_id;
}

Status WithdrawConsent(const Services& services, const WithdrawCommand& command) {
  return Change(services, command.audit, [&](storage::UnitOfWork& work) {
    return storage::IntakeWrites(work).Withdraw(command.referral_id, command.today.ToString());
  });
}

StatusOr<std::vector<PartnerLine>> PartnerReferrals(Store& reader, const security::Sealer& sealer,
                                                    int64_t organisation_id, Date today) {
  std::vector<PartnerLine> out;
  if (organisation_id <= 0) return out;
  OPKOMST_ASSIGN_OR_RETURN(auto referrals, storage::ListReferrals(reader, {organisation_id, 0, "", 500}));
  for (const storage::StoredReferral& s : referrals) {
    const intake::Referral& r = s.referral;
    if (r.organisation_id != organisation_id) continue;  // the filter's guard, once more
    auto may = [&](intake::ShareCategory c) {
      return intake::PartnerMaySee(organisation_id, r.organisation_id, r.sharing, c, today);
    };
    PartnerLine line;
    line.referral_id = r.id;
    line.received_on = r.received_on.ToString();
    if (!s.identity_sealed.empty())
      if (auto opened = sealer.Open(s.identity_sealed); opened.ok())
        line.initials = intake::Initials(intake::DecodeIdentity(*opened).name);
    if (may(intake::ShareCategory::kStatus)) {
      line.status = s.status == "beslist" ? s.decision : s.status;
      line.status_first_home_visit = !s.first_home_visit_on.empty();
    }
    if (may(intake::ShareCategory::kWorkerName) && !s.assigned_worker.empty()) line.worker = s.assigned_worker;
    if (may(intake::ShareCategory::kFirstHomeVisit)) line.first_home_visit_done = !s.first_home_visit_on.empty();
    if (may(intake::ShareCategory::kEndOfGuidance)) line.guidance_ended = !s.dossier_end_date.empty();
    out.push_back(std::move(line));
  }
  return out;
}

StatusOr<Agenda> BuildAgenda(Store& reader, const std::string& date, Date today, int rhythm_days) {
  Agenda agenda;
  OPKOMST_ASSIGN_OR_RETURN(auto referrals, storage::ListReferrals(reader, {0, 0, "", 100000}));
  for (const auto& s : referrals)
    if (s.meeting_date == date ||
        (s.status == "nieuw" && s.referral.received_on.ToString() <= date && !s.referral.sharing.withdrawn_on))
      agenda.referrals.push_back(s);
  std::reverse(agenda.referrals.begin(), agenda.referrals.end());  // oldest first
  team::DossierFilter filter;
  filter.status = "lopend";
  filter.limit = 5000;
  OPKOMST_ASSIGN_OR_RETURN(auto lines, team::ListDossiers(reader, filter));
  for (const team::DossierLine& l : lines) {
    DueInput in;
    in.plus_track = l.track == "opkomst_plus";
    in.start = Date::Parse(l.start_date).value_or(Date());
    in.due_date = Date::Parse(l.due_date);
    in.birth_date = Date::Parse(l.child_birth_date);
    in.has_start = l.moments & 1;
    in.has_birth = l.moments & 2;
    in.has_end = l.moments & 4;
    // The start moment is the worker's own list; the meeting follows births and endings.
    for (const DueItem& item : WhatIsDue(in, today))
      if (item.kind != DueKind::kStart) agenda.due.push_back({l.dossier_id, l.social_worker, DueKindCode(item.kind)});
  }
  OPKOMST_ASSIGN_OR_RETURN(auto summaries, storage::RunningContactSummaries(reader, ""));
  std::string limit = today.AddDays(-rhythm_days).ToString();
  for (const auto& s : summaries) {
    const std::string& last = s.last_contact_on.empty() ? s.start_date : s.last_contact_on;
    if (last < limit) agenda.without_contact.push_back(s);
  }
  OPKOMST_ASSIGN_OR_RETURN(agenda.hand_added, storage::HandAddedItems(reader, date));
  return agenda;
}

StatusOr<int64_t> EraseExpiredIdentities(const Services& services, Date today, int days, const AuditEvent& audit) {
  if (days < 0) return InvalidInput("bewaartermijn '" + std::to_string(days) + "': 0 of meer dagen");
  int64_t erased = 0;
  // A run that erases nothing changes nothing and leaves no audit record
  // (the server runs it every hour).
  OPKOMST_ASSIGN_OR_RETURN(bool changed, ChangeIf(services, audit, [&](storage::UnitOfWork& work) -> StatusOr<bool> {
                             OPKOMST_ASSIGN_OR_RETURN(erased, storage::IntakeWrites(work).EraseIdentities(
                                                                  today.AddDays(-days).ToString(), today.ToString()));
                             return erased > 0;
                           }));
  return changed ? erased : 0;
}

}  // namespace opkomst::app
