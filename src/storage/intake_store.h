// The intake's typed repository (issue 12): partner organisations and
// their accounts, referrals, meetings. Reads go straight to a store;
// writes only inside a unit of work (IntakeWrites), so each change commits
// with its audit record. Sealed columns arrive sealed: nothing here seals,
// opens or checks access (app/intake.h does).
#ifndef OPKOMST_STORAGE_INTAKE_STORE_H_
#define OPKOMST_STORAGE_INTAKE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/referral.h"
#include "storage/store.h"
#include "storage/unit_of_work.h"

namespace opkomst::storage {

struct Organisation {
  int64_t id = 0;
  std::string name, kind;  // kind: intake::OrganisationKindCode
  bool internal = false, active = true;
};

// A referral as stored, with what the intake learnt since.
struct StoredReferral {
  intake::Referral referral;
  bool hint = false;
  std::string status = "nieuw";  // nieuw, geagendeerd, beslist
  std::string meeting_date, decision, decision_detail, decided_on, decided_by, assigned_worker, dossier_id;
  std::string identity_sealed, note_sealed, identity_erased_on;
  // From the dossier the decision opened (empty if none): lead times and
  // what a partner may be told.
  std::string first_contact_on, first_home_visit_on, dossier_end_date;
};

struct ReferralFilter {
  int64_t organisation_id = 0;  // 0 = every organisation
  int64_t referral_id = 0;      // 0 = every referral
  std::string status;           // empty = every status
  int limit = 500;
};

StatusOr<std::vector<Organisation>> ListOrganisations(Store& store);
// The organisation of a doorverwijzer account; nullopt if none.
StatusOr<std::optional<int64_t>> OrganisationOf(Store& store, const std::string& username);
StatusOr<std::vector<StoredReferral>> ListReferrals(Store& store, const ReferralFilter& filter);
// kNotFound if there is no such referral.
StatusOr<StoredReferral> GetReferral(Store& store, int64_t referral_id);

struct Meeting {
  std::string date, opened_by;
  std::vector<std::string> participants;
};
StatusOr<std::vector<std::string>> MeetingDates(Store& store);
StatusOr<std::optional<Meeting>> GetMeeting(Store& store, const std::string& date);
struct AgendaItem {
  int64_t id = 0;
  std::string dossier_id, added_by, note_sealed;
  int64_t referral_id = 0;
};
StatusOr<std::vector<AgendaItem>> HandAddedItems(Store& store, const std::string& date);

// For the caseload and the agenda: per running dossier of `worker` (empty =
// every worker) the last contact and the first home visit ("" if none).
struct ContactSummary {
  std::string dossier_id, social_worker, last_contact_on, first_home_visit_on, start_date;
  bool from_referral = false;  // opened by an intake decision
};
StatusOr<std::vector<ContactSummary>> RunningContactSummaries(Store& store, const std::string& worker);

// For the duplicate check: every dossier's sealed identity with its mother
// and due date, closed dossiers included.
struct KnownIdentity {
  std::string dossier_id, mother_id, due_date, sealed;
};
StatusOr<std::vector<KnownIdentity>> AllDossierIdentities(Store& store);

// The intake's writes, inside one unit of work (storage::Atomically).
class IntakeWrites {
 public:
  explicit IntakeWrites(UnitOfWork& work);
  StatusOr<int64_t> InsertOrganisation(const Organisation& organisation);  // kAlreadyExists: name taken
  Status LinkAccount(const std::string& username, int64_t organisation_id);
  StatusOr<int64_t> InsertReferral(const StoredReferral& referral);
  // The meeting of `date` (made if new); every undecided referral received
  // on or before it that is not yet on an agenda is put on this one.
  Status OpenMeeting(const std::string& date, const std::string& by);
  Status SetParticipants(const std::string& date, const std::vector<std::string>& participants);
  Status AddAgendaItem(const AgendaItem& item, const std::string& date);
  struct Decision {
    int64_t referral_id = 0;
    std::string meeting_date, decision, detail, decided_on, decided_by, assigned_worker, dossier_id;
  };
  // kConflict if the referral was decided meanwhile, kNotFound if unknown.
  Status Decide(const Decision& decision);
  // kNotFound if unknown; withdrawing twice keeps the first date.
  Status Withdraw(int64_t referral_id, const std::string& on);
  // Erases the sealed identity and note of declined and withdrawn
  // referrals decided/withdrawn on or before `cutoff`; the count of erased.
  StatusOr<int64_t> EraseIdentities(const std::string& cutoff, const std::string& today);

 private:
  SqlSession& session_;
};

}  // namespace opkomst::storage

#endif  // OPKOMST_STORAGE_INTAKE_STORE_H_
