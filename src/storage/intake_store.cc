#include "storage/intake_store.h"

#include "domain/text.h"
#include "storage/sql.h"

namespace opkomst::storage {
namespace {

using Cell = std::optional<std::string>;

Cell Text(const std::string& s) { return s.empty() ? Cell() : Cell(s); }
Cell DateCell(const std::optional<Date>& d) { return d ? Cell(d->ToString()) : Cell(); }
Cell IntCell(const std::optional<int>& n) { return n ? Cell(std::to_string(*n)) : Cell(); }
Cell BoolCell(const std::optional<bool>& b) { return b ? Cell(*b ? "1" : "0") : Cell(); }
std::string Get(const SqlRow& row, size_t i) { return row[i].value_or(""); }
// PostgreSQL returns a DATE with its own spelling; the first ten characters are the date.
std::string DateText(const SqlRow& row, size_t i) { return Get(row, i).substr(0, 10); }
int64_t GetInt(const SqlRow& row, size_t i) { return ParseInteger(Get(row, i)).value_or(0); }
std::optional<int> GetOptionalInt(const SqlRow& row, size_t i) {
  if (!row[i]) return std::nullopt;
  auto n = ParseInteger(*row[i]);
  return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}
std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The columns ReferralFromRow reads, in order; the last three come from
// the dossier the decision opened.
const char kReferralColumns[] =
    "r.referral_id, r.organisation_id, r.channel, r.submitted_by, r.received_on, r.pregnant, r.due_date, "
    "r.child_birth_date, r.first_pregnancy, r.mother_age, r.reasons, r.urgency, r.contact_consent_how, "
    "r.contact_consent_on, r.contact_consent_by, r.share_categories, r.share_until, r.withdrawn_on, "
    "r.born_in_belgium, r.hint, r.hint_inputs, r.mother_id, r.status, r.meeting_date, r.decision, "
    "r.decision_detail, r.decided_on, r.decided_by, r.assigned_worker, r.dossier_id, r.identity_sealed, "
    "r.note_sealed, r.identity_erased_on, "
    "(SELECT min(c.contact_date) FROM contact c WHERE c.dossier_id = r.dossier_id), "
    "(SELECT min(c.contact_date) FROM contact c WHERE c.dossier_id = r.dossier_id AND c.kind = 'huisbezoek'), "
    "(SELECT d.end_date FROM dossier d WHERE d.dossier_id = r.dossier_id)";

StoredReferral ReferralFromRow(const SqlRow& row) {
  StoredReferral s;
  intake::Referral& r = s.referral;
  r.id = GetInt(row, 0);
  r.organisation_id = GetInt(row, 1);
  r.channel = Get(row, 2);
  r.submitted_by = Get(row, 3);
  r.received_on = Date::Parse(Get(row, 4)).value_or(Date());
  r.pregnant = GetInt(row, 5) != 0;
  r.due_date = Date::Parse(Get(row, 6));
  r.child_birth_date = Date::Parse(Get(row, 7));
  if (row[8]) r.first_pregnancy = GetInt(row, 8) != 0;
  r.mother_age = GetOptionalInt(row, 9);
  r.reasons = SplitCodes(Get(row, 10));
  r.urgency = Get(row, 11);
  r.contact_consent_how = Get(row, 12);
  r.contact_consent_on = Date::Parse(Get(row, 13));
  r.contact_consent_by = Get(row, 14);
  r.sharing.categories = static_cast<unsigned>(GetInt(row, 15));
  r.sharing.until = Date::Parse(Get(row, 16));
  r.sharing.withdrawn_on = Date::Parse(Get(row, 17));
  r.born_in_belgium = Get(row, 18);
  s.hint = GetInt(row, 19) != 0;
  int64_t inputs = GetInt(row, 20);
  r.hint = {r.mother_age, (inputs & 1) != 0, (inputs & 2) != 0, (inputs & 4) != 0};
  r.mother_id = Get(row, 21);
  s.status = Get(row, 22);
  s.meeting_date = Get(row, 23);
  s.decision = Get(row, 24);
  s.decision_detail = Get(row, 25);
  s.decided_on = Get(row, 26);
  s.decided_by = Get(row, 27);
  s.assigned_worker = Get(row, 28);
  s.dossier_id = Get(row, 29);
  s.identity_sealed = Get(row, 30);
  s.note_sealed = Get(row, 31);
  s.identity_erased_on = Get(row, 32);
  s.first_contact_on = DateText(row, 33);
  s.first_home_visit_on = DateText(row, 34);
  s.dossier_end_date = DateText(row, 35);
  return s;
}

}  // namespace

StatusOr<std::vector<Organisation>> ListOrganisations(Store& store) {
  OPKOMST_ASSIGN_OR_RETURN(auto rows, SqlAccess::Query(store,
                                                       "SELECT organisation_id, name, kind, internal, active FROM "
                                                       "partner_organisation ORDER BY name"));
  std::vector<Organisation> out;
  for (const SqlRow& r : rows)
    out.push_back({GetInt(r, 0), Get(r, 1), Get(r, 2), GetInt(r, 3) != 0, GetInt(r, 4) != 0});
  return out;
}

StatusOr<std::optional<int64_t>> OrganisationOf(Store& store, const std::string& username) {
  OPKOMST_ASSIGN_OR_RETURN(auto rows,
                           SqlAccess::Query(store,
                                            "SELECT a.organisation_id FROM account_organisation a JOIN "
                                            "partner_organisation o ON o.organisation_id = a.organisation_id "
                                            "WHERE a.username = ? AND o.active = 1",
                                            {username}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(GetInt(rows.front(), 0));
}

StatusOr<std::vector<StoredReferral>> ListReferrals(Store& store, const ReferralFilter& filter) {
  std::string sql = std::string("SELECT ") + kReferralColumns + " FROM referral r WHERE 1=1";
  SqlRow params;
  if (filter.organisation_id > 0) {
    sql += " AND r.organisation_id = ?";
    params.push_back(std::to_string(filter.organisation_id));
  }
  if (filter.referral_id > 0) {
    sql += " AND r.referral_id = ?";
    params.push_back(std::to_string(filter.referral_id));
  }
  if (!filter.status.empty()) {
    sql += " AND r.status = ?";
    params.push_back(filter.status);
  }
  sql += " ORDER BY r.received_on DESC, r.referral_id DESC LIMIT " + std::to_string(filter.limit);
  OPKOMST_ASSIGN_OR_RETURN(auto rows, SqlAccess::Query(store, sql, params));
  std::vector<StoredReferral> out;
  for (const SqlRow& r : rows) out.push_back(ReferralFromRow(r));
  return out;
}

StatusOr<StoredReferral> GetReferral(Store& store, int64_t referral_id) {
  ReferralFilter filter;
  filter.referral_id = referral_id;
  OPKOMST_ASSIGN_OR_RETURN(auto found, ListReferrals(store, filter));
  if (found.empty()) return NotFound("aanmelding " + std::to_string(referral_id) + " bestaat niet");
  return found.front();
}

StatusOr<std::vector<std::string>> MeetingDates(Store& store) {
  OPKOMST_ASSIGN_OR_RETURN(auto rows,
                           SqlAccess::Query(store, "SELECT meeting_date FROM meeting ORDER BY meeting_date"));
  std::vector<std::string> out;
  for (const SqlRow& r : rows) out.push_back(Get(r, 0));
  return out;
}

StatusOr<std::optional<Meeting>> GetMeeting(Store& store, const std::string& date) {
  OPKOMST_ASSIGN_OR_RETURN(
      auto rows, SqlAccess::Query(store, "SELECT meeting_date, opened_by FROM meeting WHERE meeting_date = ?", {date}));
  if (rows.empty()) return std::optional<Meeting>();
  Meeting m{Get(rows[0], 0), Get(rows[0], 1), {}};
  OPKOMST_ASSIGN_OR_RETURN(auto people, SqlAccess::Query(store,
                                                         "SELECT participant FROM meeting_participant WHERE "
                                                         "meeting_date = ? ORDER BY participant",
                                                         {date}));
  for (const SqlRow& r : people) m.participants.push_back(Get(r, 0));
  return std::optional<Meeting>(m);
}

StatusOr<std::vector<AgendaItem>> HandAddedItems(Store& store, const std::string& date) {
  OPKOMST_ASSIGN_OR_RETURN(auto rows, SqlAccess::Query(store,
                                                       "SELECT item_id, dossier_id, added_by, note_sealed, "
                                                       "referral_id FROM agenda_item WHERE meeting_date = ? "
                                                       "ORDER BY item_id",
                                                       {date}));
  std::vector<AgendaItem> out;
  for (const SqlRow& r : rows) out.push_back({GetInt(r, 0), Get(r, 1), Get(r, 2), Get(r, 3), GetInt(r, 4)});
  return out;
}

StatusOr<std::vector<ContactSummary>> RunningContactSummaries(Store& store, const std::string& worker) {
  std::string sql =
      "SELECT d.dossier_id, d.social_worker, "
      "(SELECT max(c.contact_date) FROM contact c WHERE c.dossier_id = d.dossier_id), "
      "(SELECT min(c.contact_date) FROM contact c WHERE c.dossier_id = d.dossier_id AND c.kind = 'huisbezoek'), "
      "d.start_date, (SELECT count(*) FROM referral r WHERE r.dossier_id = d.dossier_id) "
      "FROM dossier d WHERE d.end_date IS NULL";
  SqlRow params;
  if (!worker.empty()) {
    sql += " AND d.social_worker = ?";
    params.push_back(worker);
  }
  sql += " ORDER BY d.dossier_id";
  OPKOMST_ASSIGN_OR_RETURN(auto rows, SqlAccess::Query(store, sql, params));
  std::vector<ContactSummary> out;
  for (const SqlRow& r : rows)
    out.push_back({Get(r, 0), Get(r, 1), DateText(r, 2), DateText(r, 3), DateText(r, 4), GetInt(r, 5) > 0});
  return out;
}

StatusOr<std::vector<KnownIdentity>> AllDossierIdentities(Store& store) {
  OPKOMST_ASSIGN_OR_RETURN(auto rows, SqlAccess::Query(store,
                                                       "SELECT d.dossier_id, d.mother_id, d.due_date, i.sealed "
                                                       "FROM dossier d JOIN dossier_identity i ON "
                                                       "i.dossier_id = d.dossier_id ORDER BY d.dossier_id"));
  std::vector<KnownIdentity> out;
  for (const SqlRow& r : rows) out.push_back({Get(r, 0), Get(r, 1), DateText(r, 2), Get(r, 3)});
  return out;
}

IntakeWrites::IntakeWrites(UnitOfWork& work) : session_(SessionOf(work)) {}

StatusOr<int64_t> IntakeWrites::InsertOrganisation(const Organisation& o) {
  OPKOMST_ASSIGN_OR_RETURN(auto taken, session_.Query("SELECT 1 FROM partner_organisation WHERE name = ?", {o.name}));
  if (!taken.empty()) return AlreadyExists("organisatie '" + o.name + "' bestaat al");
  OPKOMST_ASSIGN_OR_RETURN(auto rows, session_.Query("INSERT INTO partner_organisation (name, kind, internal, active) "
                                                     "VALUES (?,?,?,?) RETURNING organisation_id",
                                                     {o.name, o.kind, std::string(o.internal ? "1" : "0"),
                                                      std::string(o.active ? "1" : "0")}));
  return GetInt(rows.at(0), 0);
}

Status IntakeWrites::LinkAccount(const std::string& username, int64_t organisation_id) {
  OPKOMST_ASSIGN_OR_RETURN(auto found, session_.Query("SELECT 1 FROM partner_organisation WHERE organisation_id = ?",
                                                      {std::to_string(organisation_id)}));
  if (found.empty()) return NotFound("organisatie " + std::to_string(organisation_id) + " bestaat niet");
  OPKOMST_RETURN_IF_ERROR(session_.Query("DELETE FROM account_organisation WHERE username = ?", {username}).status());
  return session_
      .Query("INSERT INTO account_organisation (username, organisation_id) VALUES (?,?)",
             {username, std::to_string(organisation_id)})
      .status();
}

namespace {

// The referral analytics (report T30-T34) read referrals: a report cached
// at the data version (storage/data_version.h) must not outlive a change.
Status BumpDataVersion(SqlSession& session) {
  return session.Query("UPDATE data_version SET counter = counter + 1 WHERE id = 1", {}).status();
}

}  // namespace

StatusOr<int64_t> IntakeWrites::InsertReferral(const StoredReferral& s) {
  const intake::Referral& r = s.referral;
  int inputs =
      (r.hint.single ? 1 : 0) | (r.hint.partner_without_papers ? 2 : 0) | (r.hint.no_stable_relationship ? 4 : 0);
  SqlRow row = {r.organisation_id > 0 ? Cell(std::to_string(r.organisation_id)) : Cell(),
                r.channel,
                r.submitted_by,
                r.received_on.ToString(),
                std::string(r.pregnant ? "1" : "0"),
                DateCell(r.due_date),
                DateCell(r.child_birth_date),
                BoolCell(r.first_pregnancy),
                IntCell(r.mother_age),
                JoinCodes(r.reasons),
                r.urgency,
                r.contact_consent_how,
                DateCell(r.contact_consent_on),
                r.contact_consent_by,
                std::to_string(r.sharing.categories),
                DateCell(r.sharing.until),
                Text(r.born_in_belgium),
                std::string(s.hint ? "1" : "0"),
                std::to_string(inputs),
                Text(r.mother_id),
                Text(s.identity_sealed),
                Text(s.note_sealed)};
  OPKOMST_ASSIGN_OR_RETURN(
      auto rows,
      session_.Query("INSERT INTO referral (organisation_id, channel, submitted_by, received_on, pregnant, due_date, "
                     "child_birth_date, first_pregnancy, mother_age, reasons, urgency, contact_consent_how, "
                     "contact_consent_on, contact_consent_by, share_categories, share_until, born_in_belgium, hint, "
                     "hint_inputs, mother_id, identity_sealed, note_sealed) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING referral_id",
                     row));
  OPKOMST_RETURN_IF_ERROR(BumpDataVersion(session_));
  return GetInt(rows.at(0), 0);
}

Status IntakeWrites::OpenMeeting(const std::string& date, const std::string& by) {
  OPKOMST_ASSIGN_OR_RETURN(auto found, session_.Query("SELECT 1 FROM meeting WHERE meeting_date = ?", {date}));
  if (found.empty())
    OPKOMST_RETURN_IF_ERROR(
        session_.Query("INSERT INTO meeting (meeting_date, opened_by) VALUES (?,?)", {date, by}).status());
  return session_
      .Query(
          "UPDATE referral SET status = 'geagendeerd', meeting_date = ? WHERE status = 'nieuw' AND "
          "received_on <= ? AND withdrawn_on IS NULL",
          {date, date})
      .status();
}

Status IntakeWrites::SetParticipants(const std::string& date, const std::vector<std::string>& participants) {
  OPKOMST_ASSIGN_OR_RETURN(auto found, session_.Query("SELECT 1 FROM meeting WHERE meeting_date = ?", {date}));
  if (found.empty()) return NotFound("overleg van " + date + " bestaat niet");
  OPKOMST_RETURN_IF_ERROR(session_.Query("DELETE FROM meeting_participant WHERE meeting_date = ?", {date}).status());
  for (const std::string& p : participants)
    OPKOMST_RETURN_IF_ERROR(
        session_.Query("INSERT INTO meeting_participant (meeting_date, participant) VALUES (?,?)", {date, p}).status());
  return Status::Ok();
}

Status IntakeWrites::AddAgendaItem(const AgendaItem& item, const std::string& date) {
  OPKOMST_ASSIGN_OR_RETURN(auto found, session_.Query("SELECT 1 FROM meeting WHERE meeting_date = ?", {date}));
  if (found.empty()) return NotFound("overleg van " + date + " bestaat niet");
  return session_
      .Query(
          "INSERT INTO agenda_item (meeting_date, dossier_id, referral_id, added_by, note_sealed) VALUES (?,?,?,?,?)",
          {date, Text(item.dossier_id), item.referral_id > 0 ? Cell(std::to_string(item.referral_id)) : Cell(),
           item.added_by, item.note_sealed})
      .status();
}

Status IntakeWrites::Decide(const Decision& d) {
  OPKOMST_RETURN_IF_ERROR(session_
                              .Query("UPDATE referral SET status = 'beslist', meeting_date = ?, decision = ?, "
                                     "decision_detail = ?, decided_on = ?, decided_by = ?, assigned_worker = ?, "
                                     "dossier_id = ? WHERE referral_id = ? AND status <> 'beslist' AND "
                                     "withdrawn_on IS NULL",
                                     {d.meeting_date, d.decision, Text(d.detail), d.decided_on, d.decided_by,
                                      Text(d.assigned_worker), Text(d.dossier_id), std::to_string(d.referral_id)})
                              .status());
  if (session_.Changes() > 0) return BumpDataVersion(session_);
  OPKOMST_ASSIGN_OR_RETURN(
      auto found, session_.Query("SELECT status FROM referral WHERE referral_id = ?", {std::to_string(d.referral_id)}));
  if (found.empty()) return NotFound("aanmelding " + std::to_string(d.referral_id) + " bestaat niet");
  return Conflict("aanmelding " + std::to_string(d.referral_id) + " is al beslist of ingetrokken");
}

Status IntakeWrites::Withdraw(int64_t referral_id, const std::string& on) {
  OPKOMST_RETURN_IF_ERROR(session_
                              .Query("UPDATE referral SET withdrawn_on = ? WHERE referral_id = ? AND "
                                     "withdrawn_on IS NULL",
                                     {on, std::to_string(referral_id)})
                              .status());
  if (session_.Changes() > 0) return BumpDataVersion(session_);
  OPKOMST_ASSIGN_OR_RETURN(
      auto found, session_.Query("SELECT 1 FROM referral WHERE referral_id = ?", {std::to_string(referral_id)}));
  if (found.empty()) return NotFound("aanmelding " + std::to_string(referral_id) + " bestaat niet");
  return Status::Ok();
}

StatusOr<int64_t> IntakeWrites::EraseIdentities(const std::string& cutoff, const std::string& today) {
  OPKOMST_RETURN_IF_ERROR(
      session_
          .Query("UPDATE referral SET identity_sealed = NULL, note_sealed = NULL, "
                 "identity_erased_on = ? WHERE identity_sealed IS NOT NULL AND "
                 "((decision = 'afgewezen' AND decided_on <= ?) OR (withdrawn_on IS NOT NULL AND withdrawn_on <= ? "
                 "AND dossier_id IS NULL))",
                 {today, cutoff, cutoff})
          .status());
  return session_.Changes();
}

}  // namespace opkomst::storage
