// The intake use cases (issue 12, docs/intake.md): partner organisations,
// referrals under consent, the weekly meeting and its decisions, what a
// partner may see back, and the retention of declined/withdrawn
// identities. Each write is ONE store transaction with its audit record
// (storage::Atomically), as every use case in app/ (registration.h).
//
// Access is checked before these run (web/: the route's Action, and the
// partner's organisation passed in by the page from the session's
// account, never from the form). Expected failures are values:
// kInvalidInput (a broken rule, named), kConflict (decided meanwhile),
// kNotFound, kUnavailable.
#ifndef OPKOMST_APP_INTAKE_H_
#define OPKOMST_APP_INTAKE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/registration.h"
#include "domain/referral.h"
#include "security/crypto.h"
#include "storage/intake_store.h"

namespace opkomst::app {

struct IntakeServices {
  Services services;
  const security::Sealer& sealer;
};

struct AddOrganisationCommand {
  storage::Organisation organisation;
  AuditEvent audit;
};
StatusOr<int64_t> AddOrganisation(const Services& services, const AddOrganisationCommand& command);

// Links an existing doorverwijzer account to its organisation.
struct LinkPartnerAccountCommand {
  std::string username;
  int64_t organisation_id = 0;
  AuditEvent audit;
};
Status LinkPartnerAccount(const Services& services, const LinkPartnerAccountCommand& command);

struct SubmitReferralCommand {
  intake::Referral referral;  // organisation_id: the submitter's (partner) or chosen (team)
  intake::ReferralIdentity identity;
  std::string note;  // free text, sealed here
  Date today;
  AuditEvent audit;
};
struct SubmitResult {
  int64_t referral_id = 0;                     // 0 when refused
  std::vector<intake::FieldProblem> problems;  // the broken rules; nothing saved
};
StatusOr<SubmitResult> SubmitReferral(const IntakeServices& intake, const SubmitReferralCommand& command);

// The team's duplicate check, before saving and at the meeting: a dossier
// (closed ones too) or another referral of the same mother id, or of the
// same name with a due date within 60 days. Never shown to a partner.
struct PossibleDuplicate {
  std::string kind;  // "dossier" or "aanmelding"
  std::string id, mother_id;
  std::string why;  // "moeder_id" or "naam_datum"
};
StatusOr<std::vector<PossibleDuplicate>> FindPossibleDuplicates(Store& reader, const security::Sealer& sealer,
                                                                const std::string& mother_id,
                                                                const intake::ReferralIdentity& identity,
                                                                const std::optional<Date>& due_date,
                                                                int64_t except_referral);

struct OpenMeetingCommand {
  std::string date;
  AuditEvent audit;
};
Status OpenMeeting(const Services& services, const OpenMeetingCommand& command);

struct ParticipantsCommand {
  std::string date;
  std::vector<std::string> participants;
  AuditEvent audit;
};
Status RecordParticipants(const Services& services, const ParticipantsCommand& command);

struct AgendaItemCommand {
  std::string date, dossier_id, note /* sealed here */;
  AuditEvent audit;
};
Status AddAgendaItem(const IntakeServices& intake, const AgendaItemCommand& command);

// The meeting's decision on a referral. Accepting (intake::OpensDossier)
// creates the dossier in the SAME transaction, carrying what the referral
// holds (referrer and kind, pregnant, due date, first pregnancy, age,
// identity); a known mother (mother_id) gets her next trajectory number.
struct DecideCommand {
  int64_t referral_id = 0;
  std::string meeting_date, decision, detail;  // detail: to whom (elders) or the reason code (afgewezen)
  std::string combination_track;               // "opkomst" / "opkomst_plus" for "combinatie"
  std::string worker;                          // required when a dossier opens
  std::string mother_id;                       // a known mother; empty = the referral's, else a new pseudonym
  Date today;
  AuditEvent audit;
};
// The decision's rules, each as the field, the value given and the rule (a
// ui.txt key), so the meeting page words them next to the choice in the
// user's language; Decide refuses with the first. Reads the worker's
// account from `store`.
StatusOr<std::vector<intake::FieldProblem>> DecisionProblems(Store& store, const DecideCommand& command);
// The new dossier's id, or "" when the decision opens none.
StatusOr<std::string> Decide(const IntakeServices& intake, const DecideCommand& command);
const std::vector<std::string>& DeclineReasons();

struct WithdrawCommand {
  int64_t referral_id = 0;
  Date today;
  AuditEvent audit;
};
Status WithdrawConsent(const Services& services, const WithdrawCommand& command);

// What a partner sees of one referral of the own organisation: only the
// consented categories (intake::PartnerMaySee); nullopt = not shared.
struct PartnerLine {
  int64_t referral_id = 0;
  std::string received_on, initials;
  std::optional<std::string> status;  // nieuw, geagendeerd, or the decision code
  // Part of the status (so under the same consent): the referral's last
  // stage, the first home visit of the dossier it opened (issue 12: the
  // partner with "status" consent sees "accepted, first home visit done").
  bool status_first_home_visit = false;
  std::optional<std::string> worker;
  std::optional<bool> first_home_visit_done, guidance_ended;
};
StatusOr<std::vector<PartnerLine>> PartnerReferrals(Store& reader, const security::Sealer& sealer,
                                                    int64_t organisation_id, Date today);

// The meeting's agenda, built when shown.
struct DueDossier {
  std::string dossier_id, social_worker, what;  // what: "start", "birth", "end"
};
struct Agenda {
  std::vector<storage::StoredReferral> referrals;        // on this meeting, or new and received by its date
  std::vector<DueDossier> due;                           // running dossiers with a moment due
  std::vector<storage::ContactSummary> without_contact;  // no contact for longer than the rhythm
  std::vector<storage::AgendaItem> hand_added;
};
StatusOr<Agenda> BuildAgenda(Store& reader, const std::string& date, Date today, int rhythm_days);

// Retention: erases the identity (and sealed note) of referrals declined or
// withdrawn more than `days` ago; the pseudonymous rows stay for the
// analytics. Returns how many were erased. Audited as one change.
StatusOr<int64_t> EraseExpiredIdentities(const Services& services, Date today, int days, const AuditEvent& audit);

inline constexpr int kDefaultContactRhythmDays = 28;
inline constexpr int kDefaultRetentionDays = 90;

}  // namespace opkomst::app

#endif  // OPKOMST_APP_INTAKE_H_
