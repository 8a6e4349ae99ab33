#include "app/report_loading.h"

#include <cstdio>

#include "app/indicator_sets.h"
#include "exchange/csv.h"
#include "storage/groups.h"
#include "storage/intake_store.h"

namespace opkomst {
namespace {

int32_t Days(const std::optional<Date>& date) { return date ? date->days() : report::kNoDate; }
int32_t Days(const std::string& text) { return Days(Date::Parse(text)); }
std::string Text(int32_t days) { return days == report::kNoDate ? "" : Date::FromDays(days).ToString(); }

}  // namespace

namespace {

int32_t DaysOf(const std::string& text) {
  auto date = Date::Parse(text.substr(0, 10));
  return date ? date->days() : 0;
}

}  // namespace

StatusOr<report::GroupWork> LoadGroupWork(Store* store) {
  report::GroupWork work;
  OPKOMST_ASSIGN_OR_RETURN(auto groups, storage::ListGroups(*store, ""));
  for (const storage::WorkGroup& g : groups) {
    work.groups.push_back({g.id, g.name});
    OPKOMST_ASSIGN_OR_RETURN(auto sessions, storage::ListSessions(*store, g.id));
    for (const storage::GroupSession& s : sessions) work.sessions.push_back({s.id, g.id, DaysOf(s.date), s.cancelled});
    OPKOMST_ASSIGN_OR_RETURN(auto participants, storage::ListParticipants(*store, g.id));
    for (const storage::Participant& p : participants)
      work.participants.push_back({p.id, g.id, p.dossier_id, DaysOf(p.enrolled_at)});
    OPKOMST_ASSIGN_OR_RETURN(auto attendance, storage::ListAttendance(*store, g.id));
    for (const storage::AttendanceRow& a : attendance) {
      auto mark = a.attendance == "aanwezig"          ? report::GroupWork::Mark::kPresent
                  : a.attendance == "verontschuldigd" ? report::GroupWork::Mark::kExcused
                                                      : report::GroupWork::Mark::kAbsent;
      work.attendance.push_back({a.participant_id, a.session_id, mark});
    }
  }
  OPKOMST_ASSIGN_OR_RETURN(auto grants, storage::ListGrants(*store, {}));
  for (const storage::Grant& g : grants)
    work.grants.push_back({g.dossier_id, DaysOf(g.granted_on), g.category, g.amount, g.status});
  return work;
}

StatusOr<report::Dataset> LoadReportDataset(Store* store, const Codebook& codebook) {
  // Only sizes the buffers; an eighth more, since an estimate may fall short
  // and a vector that outgrows its buffer copies everything once more. A
  // reservation larger than needed costs address space, not memory.
  OPKOMST_ASSIGN_OR_RETURN(StoreCounts counts, store->ApproximateCounts());
  report::DatasetBuilder builder(codebook, static_cast<size_t>(counts.dossiers + counts.dossiers / 8),
                                 static_cast<size_t>(counts.measurements + counts.measurements / 8));
  // The case-study tables show the team's current indicator set (labels,
  // order, dropped and added indicators), once she saved one.
  if (const IndicatorSet* set = codebook.FindIndicatorSet("casestudy")) {
    OPKOMST_ASSIGN_OR_RETURN(IndicatorSetVersion current, app::CurrentIndicatorSet(*store, *set));
    if (current.version > 1) builder.UseCaseStudySet(WithVersion(*set, current));
  }
  Store::BulkVisitors visit;
  visit.dossier = [&](const BulkDossier& d) { return builder.AddDossier(d); };
  visit.measurement = [&](const BulkMeasurement& m) { return builder.AddMeasurement(m); };
  visit.score = [&](const Score& s) {
    builder.AddScore(s);
    return Status::Ok();
  };
  visit.interview = [&](const InterviewAnswer& a) {
    builder.AddInterview(a);
    return Status::Ok();
  };
  OPKOMST_RETURN_IF_ERROR(store->ScanBulk(visit));
  OPKOMST_ASSIGN_OR_RETURN(report::Dataset data, builder.Finish());
  OPKOMST_ASSIGN_OR_RETURN(report::GroupWork group_work, LoadGroupWork(store));
  data.SetGroupWork(std::move(group_work));
  OPKOMST_ASSIGN_OR_RETURN(auto referrals, LoadReferralFacts(*store));
  data.SetReferrals(std::move(referrals));
  return data;
}

StatusOr<std::vector<report::ReferralFact>> LoadReferralFacts(Store& store) {
  OPKOMST_ASSIGN_OR_RETURN(auto organisations, storage::ListOrganisations(store));
  OPKOMST_ASSIGN_OR_RETURN(auto referrals, storage::ListReferrals(store, {0, 0, "", 100000000}));
  std::vector<report::ReferralFact> out;
  out.reserve(referrals.size());
  for (const storage::StoredReferral& s : referrals) {
    const intake::Referral& r = s.referral;
    report::ReferralFact f;
    f.received = r.received_on.days();
    f.pregnant = r.pregnant;
    f.due = r.pregnant ? Days(r.due_date) : report::kNoDate;
    if (s.status == "beslist") {
      f.decided = Days(s.decided_on);
      f.decision = s.decision;
      if (s.decision == "afgewezen") f.decline_reason = s.decision_detail;
    }
    f.first_home_visit = Days(s.first_home_visit_on);
    f.withdrawn = Days(r.sharing.withdrawn_on);
    for (const storage::Organisation& o : organisations)
      if (o.id == r.organisation_id) f.organisation = o.name, f.kind = o.kind;
    out.push_back(std::move(f));
  }
  return out;
}

Status ExportReferralsCsv(Store& store, const std::string& path) {
  OPKOMST_ASSIGN_OR_RETURN(auto referrals, LoadReferralFacts(store));
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return Unavailable("cannot write " + path);
  CsvWriter csv(file);
  csv.Row({"received_on", "organisation", "organisation_kind", "pregnant", "due_date", "decision", "decline_reason",
           "decided_on", "first_home_visit_on", "withdrawn_on"});
  for (const report::ReferralFact& f : referrals)
    csv.Row({Text(f.received), f.organisation, f.kind, f.pregnant ? "ja" : "nee", Text(f.due), f.decision,
             f.decline_reason, Text(f.decided), Text(f.first_home_visit), Text(f.withdrawn)});
  bool written = csv.ok();
  if (std::fclose(file) != 0 || !written) return Unavailable("cannot write " + path);
  return Status::Ok();
}

}  // namespace opkomst
