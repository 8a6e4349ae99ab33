// The web application's own records, written once over the SQL session of
// storage/sql.h for both backends: accounts, the audit trail, the contact
// log, the sealed identity of a mother, indicator scores per dossier, and
// the listings the caseload and search pages need.
//
// Nothing here seals, hashes or checks access: callers do (web/).
#ifndef OPKOMST_STORAGE_TEAM_H_
#define OPKOMST_STORAGE_TEAM_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "storage/store.h"

namespace opkomst::team {

struct Account {
  std::string username, display_name, role, password_hash;
  std::string totp_secret;  // sealed; empty = none
  std::optional<int> capacity;
  bool active = true;
  int failed_attempts = 0;                               // attempts claimed in the window (storage/signin.h)
  std::optional<int64_t> first_failed_at, locked_until;  // unix seconds
  std::optional<int64_t> last_totp_step;                 // the last TOTP step accepted
  // Made on the web: the SHA-256 of the one-time activation code until the
  // owner sets her password, and when it expires (unix seconds).
  std::string activation_hash;
  std::optional<int64_t> activation_expires;
  bool confirmed = true;   // false: a role that sees dossiers waits for a team lead
  std::string created_by;  // the administrator who made it on the web; empty = operator
  // May sign in: enabled, activated and confirmed.
  bool CanSignIn() const { return active && confirmed && activation_hash.empty(); }
};

StatusOr<std::optional<Account>> FindAccount(Store& store, const std::string& username);
StatusOr<std::vector<Account>> ListAccounts(Store& store);
// Account changes are use cases (app/accounts.h), written with their audit
// record in one transaction through storage::UnitOfWork.

struct AuditRow {
  int64_t seq = 0;
  std::string at, account, role, action, dossier_id, outcome, detail, prev_hash, hash;
};
// Appending to the chain: storage/audit_store.h.
// In sequence order; `dossier_id` empty = all rows. `after` skips seq <= after.
Status ScanAudit(Store& store, const std::string& dossier_id, int64_t after, int limit, std::vector<AuditRow>* rows);

// One page of one dossier's audit rows, newest first, by keyset: rows
// before `before_seq` (0 = from the newest), or, for the way back to newer
// rows, the `limit` rows just after `after_seq` (still returned newest
// first). Refused attempts (outcome "geweigerd") can be kept apart, so that
// a flood of them cannot hide the real accesses.
enum class AuditOutcomes { kAll, kAllowed, kRefused };
struct AuditPageQuery {
  std::string dossier_id;
  AuditOutcomes outcomes = AuditOutcomes::kAll;
  int64_t before_seq = 0, after_seq = 0;
  int limit = 50;
};
StatusOr<std::vector<AuditRow>> AuditPage(Store& store, const AuditPageQuery& query);

struct Contact {
  int64_t id = 0;
  std::string dossier_id, date, kind, note /* sealed */, author, created_at;
};
Status InsertContact(Store& store, const Contact& contact);
// A dossier's contacts, newest first; at most `limit` of them if it is
// above 0 (the dossier page shows the latest and links to the rest).
StatusOr<std::vector<Contact>> ListContacts(Store& store, const std::string& dossier_id, int limit = 0);
// Contact `contact_id` if it belongs to dossier `dossier_id`; nothing otherwise.
StatusOr<std::optional<Contact>> FindContact(Store& store, const std::string& dossier_id, int64_t contact_id);

// Name and contact details, sealed by the caller; empty if none stored.
StatusOr<std::string> GetIdentity(Store& store, const std::string& dossier_id);
Status PutIdentity(Store& store, const std::string& dossier_id, const std::string& sealed);
// The sealed identities of the dossiers assigned to `social_worker` (never
// empty: nobody else may see them), as (dossier id, sealed), by dossier id.
// What the caseload shows names from and the search matches against.
StatusOr<std::vector<std::pair<std::string, std::string>>> IdentitiesOf(Store& store, const std::string& social_worker);

// Indicator scores of one dossier (stored codes: "1".."5", "nvt", "weet_niet").
struct StoredScore {
  int moment = 1;
  std::string measured_on, indicator, score;
  int set_version = 1;  // the version of the indicator set it was given with
};
StatusOr<std::vector<StoredScore>> GetScores(Store& store, const std::string& dossier_id);
// Replaces the scores of one measurement number, checked against and bumping
// the dossier's version (kConflict if stale). Returns the new version.
StatusOr<int64_t> PutScores(Store& store, const std::string& dossier_id, int64_t expected_version, int moment,
                            const std::string& measured_on, const std::vector<StoredScore>& scores);

// One line of a dossier list: what the caseload and search pages show.
struct DossierLine {
  std::string dossier_id, mother_id, track, start_date, end_date, social_worker, due_date, child_birth_date;
  int trajectory_number = 1;
  int moments = 0;            // bit 0 start, 1 birth, 2 end registered
  std::string start_answers;  // the start moment as stored (EncodeAnswers), empty if none
};
struct DossierFilter {
  std::string social_worker;  // empty = every worker
  std::string track;          // "opkomst_plus" / "opkomst" / empty
  std::string status;         // "lopend" / "afgesloten" / empty
  int start_year = 0;         // 0 = any
  std::string id_part;        // a part of the dossier or mother id ("292" finds D000292)
  // Dossiers found otherwise (by the sealed identity, web/identities.h):
  // a dossier matches if its id is listed here OR it matches id_part.
  std::vector<std::string> also_ids;
  int limit = 50, offset = 0;
};
StatusOr<std::vector<DossierLine>> ListDossiers(Store& store, const DossierFilter& filter);
StatusOr<int64_t> CountDossiers(Store& store, const DossierFilter& filter);

// The mothers (pseudonyms) with a dossier of `social_worker` (empty = of
// anyone), sorted, at most `limit`: what the new-dossier form offers for a
// second trajectory.
StatusOr<std::vector<std::string>> MothersOf(Store& store, const std::string& social_worker, int limit);
// Whether `mother_id` has a dossier of `social_worker` (empty = of anyone).
StatusOr<bool> MotherHasDossierOf(Store& store, const std::string& mother_id, const std::string& social_worker);

// The dossier of `mother_id` numbered `trajectory_number`; empty if none.
StatusOr<std::string> DossierOfTrajectory(Store& store, const std::string& mother_id, int trajectory_number);

// Running dossiers per worker and track, for the team lead's capacity view.
struct WorkerLoad {
  std::string social_worker;
  int running_plus = 0, running_opkomst = 0;
};
StatusOr<std::vector<WorkerLoad>> RunningPerWorker(Store& store);

}  // namespace opkomst::team

#endif  // OPKOMST_STORAGE_TEAM_H_
