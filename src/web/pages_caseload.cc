// Mijn caseload (what is due) and the dossier search. The assigned worker
// sees her mothers' names in both and finds a family by a part of her name,
// street, phone or dossier number; the names come from the sealed identity,
// opened for her own dossiers only (web/identities.h) and audited on the
// listing's row as "identiteit=N" with the dossiers shown.
#include <algorithm>

#include "domain/caseload.h"
#include "domain/messages.h"
#include "domain/stored_records.h"
#include "domain/text.h"
#include "storage/team.h"
#include "web/app_internal.h"
#include "web/form.h"
#include "web/identities.h"

namespace opkomst::web {
namespace {

constexpr int kDefaultCapacity = 12;    // Opkomst+ families per full-time worker (10-12)
constexpr int kCaseloadLimit = 200;     // a full-time caseload is 10-30; the rest is in the search
constexpr size_t kMaxQueryLength = 64;  // longer than any name part or number worth typing
// At most this many dossiers found by name go into one listing query (its
// parameters); a shorter query that names more lists the first of them.
constexpr size_t kMaxNamedDossiers = 1000;

std::string TrackLabel(const Context& ctx, const std::string& code) {
  auto c = ctx.app.codebook().field("track").options.FindCode(code);
  return c ? Label(ctx, ctx.app.codebook().field("track").options.at(*c)) : code;
}

std::string MomentBadges(const Context& ctx, int bits) {
  std::string out;
  const char* keys[] = {"moment.start", "moment.birth", "moment.end"};
  // Done or open in a sign and in words, not by colour alone.
  for (int i = 0; i < 3; ++i) {
    bool done = (bits >> i) & 1;
    out += std::string("<span class=\"badge") + (done ? " done" : "") + "\"><span aria-hidden=\"true\">" +
           (done ? "&#10003; " : "&#9675; ") + "</span>" + Escape(ctx.T(keys[i])) +
           "<span class=\"visually-hidden\">: " + Escape(ctx.T(done ? "status.geregistreerd" : "open")) +
           "</span></span>";
  }
  return out;
}

// Questions of the start form left empty in a stored start moment.
int StartUnanswered(const Codebook& codebook, const std::string& answers) {
  if (answers.empty()) return 0;
  int empty = 0;
  for (const Variable& v : codebook.variables())
    if (v.RecordedAt(Moment::kStart) && StoredAnswerAt(answers, v.slot) == kMissing) ++empty;
  return empty;
}

DueInput DueOf(const Codebook& codebook, const team::DossierLine& line) {
  DueInput in;
  in.plus_track = line.track == "opkomst_plus";
  in.start = Date::Parse(line.start_date).value_or(Date());
  in.end = Date::Parse(line.end_date);
  in.due_date = Date::Parse(line.due_date);
  in.birth_date = Date::Parse(line.child_birth_date);
  in.has_start = line.moments & 1;
  in.has_birth = line.moments & 2;
  in.has_end = line.moments & 4;
  in.start_unanswered = StartUnanswered(codebook, line.start_answers);
  return in;
}

std::string WorkerLoadTable(Context& ctx) {
  auto loads = team::RunningPerWorker(ctx.reader());
  auto accounts = team::ListAccounts(ctx.reader());
  if (!loads.ok()) throw Failure(loads.status());
  if (!accounts.ok()) throw Failure(accounts.status());
  std::string out = "<h2>" + Escape(ctx.T("caseload.per_werker")) + "</h2><table><thead><tr><th>" +
                    Escape(ctx.T("veld.werker")) + "</th><th>Opkomst+</th><th>Opkomst</th><th>" +
                    Escape(ctx.T("caseload.capaciteit")) + "</th><th></th></tr></thead><tbody>";
  for (const team::WorkerLoad& load : *loads) {
    int capacity = kDefaultCapacity;
    for (const auto& a : *accounts)
      if (a.username == load.social_worker && a.capacity) capacity = *a.capacity;
    bool over = load.running_plus > capacity;
    std::string name = load.social_worker.empty() ? ctx.T("caseload.niet_toegewezen") : load.social_worker;
    out += "<tr" + std::string(over ? " class=\"over\"" : "") + "><td>" + Escape(name) + "</td><td class=\"num\">" +
           std::to_string(load.running_plus) + "</td><td class=\"num\">" + std::to_string(load.running_opkomst) +
           "</td><td class=\"num\">" + std::to_string(capacity) +
           "</td><td><a href=\"/dossiers?status=lopend&amp;werker=" + Escape(UrlEncode(load.social_worker)) + "\">" +
           Escape(ctx.T("caseload.bekijk")) + "</a>" +
           (over ? " <strong>" + Escape(ctx.T("caseload.boven_capaciteit")) + "</strong>" : "") + "</td></tr>";
  }
  return out + "</tbody></table>";
}

// The name of a dossier's mother if it is among `identities` (the
// account's own), noting the dossier in `named` for the audit row.
std::string NameOf(const std::map<std::string, Identity>& identities, const std::string& dossier_id,
                   std::vector<std::string>* named) {
  auto found = identities.find(dossier_id);
  if (found == identities.end() || found->second.name.empty()) return "";
  named->push_back(dossier_id);
  return found->second.name;
}

// The one search box: a name, street, phone or (part of a) dossier number.
std::string SearchForm(const Context& ctx, const std::string& query) {
  return "<form method=\"get\" action=\"/dossiers\" class=\"filters\" role=\"search\"><label>" +
         Escape(ctx.T("veld.zoek")) + " <input name=\"zoek\" type=\"search\" maxlength=\"" +
         std::to_string(kMaxQueryLength) + "\" value=\"" + Escape(query) + "\"></label><button type=\"submit\">" +
         Escape(ctx.T("zoeken")) + "</button></form>";
}

}  // namespace

void CaseloadPage(Context& ctx) {
  Date today = Date::Parse(Today(ctx.app)).value_or(Date::Today());
  std::string body;
  if (ctx.who().role == Role::kTeamLead) body += WorkerLoadTable(ctx);

  team::DossierFilter filter;
  filter.social_worker = ctx.who().username;
  filter.status = "lopend";
  filter.limit = kCaseloadLimit;
  auto lines = team::ListDossiers(ctx.reader(), filter);
  if (!lines.ok()) throw Failure(lines.status());
  // Every line is her own, so she may see each name.
  auto identities = OwnIdentities(ctx);

  struct Row {
    const team::DossierLine* line;
    std::vector<DueItem> due;
  };
  std::vector<Row> rows;
  for (const auto& line : *lines) rows.push_back({&line, WhatIsDue(DueOf(ctx.app.codebook(), line), today)});
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.due.empty() != b.due.empty()) return !a.due.empty();
    return !a.due.empty() && a.due.front().since < b.due.front().since;
  });
  size_t due_count = std::count_if(rows.begin(), rows.end(), [](const Row& r) { return !r.due.empty(); });
  // A team lead without dossiers of her own sees only the team.
  if (ctx.who().role == Role::kTeamLead && rows.empty()) return SendPage(ctx, ctx.T("caseload.titel"), body);
  int64_t running = static_cast<int64_t>(rows.size());
  if (rows.size() == static_cast<size_t>(kCaseloadLimit)) {
    auto total = team::CountDossiers(ctx.reader(), filter);
    if (!total.ok()) throw Failure(total.status());
    running = *total;
  }
  body += "<h2>" + Escape(ctx.T("caseload.mijn")) + "</h2><p>" + std::to_string(running) + " " +
          Escape(ctx.T("caseload.lopend")) + ", " + std::to_string(due_count) + " " +
          Escape(ctx.T("caseload.met_taken")) + ".</p>";
  body += SearchForm(ctx, "");
  if (running > static_cast<int64_t>(rows.size()))
    body += "<p class=\"small\">" + Escape(ctx.T("caseload.ingekort")) + " " + std::to_string(rows.size()) +
            ". <a href=\"/dossiers?status=lopend\">" + Escape(ctx.T("caseload.alle_lopende")) + "</a></p>";
  if (rows.empty()) {
    body += "<p>" + Escape(ctx.T("caseload.leeg")) + "</p>";
  } else {
    body += "<table class=\"caseload\"><thead><tr><th>" + Escape(ctx.T("veld.dossier")) + "</th><th>" +
            Escape(ctx.T("veld.naam")) + "</th><th>" + Escape(ctx.T("veld.traject")) + "</th><th>" +
            Escape(ctx.T("veld.start")) + "</th><th>" + Escape(ctx.T("veld.momenten")) + "</th><th>" +
            Escape(ctx.T("caseload.te_doen")) + "</th></tr></thead><tbody>";
    std::vector<std::string> named;
    for (const Row& row : rows) {
      const auto& l = *row.line;
      std::string name = NameOf(identities, l.dossier_id, &named);
      std::string todo;
      for (const DueItem& item : row.due) {
        std::string code = DueKindCode(item.kind);
        std::string label =
            ctx.T(item.kind == DueKind::kStart && (l.moments & 1) ? "due.start_onvolledig" : "due." + code);
        todo += "<a class=\"due\" href=\"/dossiers/" + Escape(UrlEncode(l.dossier_id)) + "/moment/" + code + "\">" +
                Escape(label) + " <small>" + Escape(ctx.T("due.sinds")) + " " + item.since.ToString() + "</small></a> ";
      }
      body += "<tr><td><a href=\"/dossiers/" + Escape(UrlEncode(l.dossier_id)) + "\">" + Escape(l.dossier_id) +
              "</a></td><td>" + Escape(name) + "</td><td>" + Escape(TrackLabel(ctx, l.track)) + "</td><td>" +
              Escape(l.start_date) + "</td><td>" + MomentBadges(ctx, l.moments) + "</td><td>" + todo + "</td></tr>";
    }
    body += "</tbody></table>";
    ctx.audit_detail = IdentityAuditDetail(named);
  }
  body += IntakeCaseloadSection(ctx);
  SendPage(ctx, ctx.T("caseload.titel"), body);
}

void DossierListPage(Context& ctx) {
  team::DossierFilter filter;
  filter.track = ctx.request.Query("traject");
  if (filter.track != "opkomst" && filter.track != "opkomst_plus") filter.track.clear();
  filter.status = ctx.request.Query("status");
  if (filter.status != "lopend" && filter.status != "afgesloten") filter.status.clear();
  filter.social_worker = ctx.request.Query("werker").substr(0, 64);
  // Workers search their own caseload only.
  if (ctx.who().role == Role::kWorker) filter.social_worker = ctx.who().username;
  std::string year = ctx.request.Query("jaar");
  if (auto n = WholeNumber(year, 1900, 2199)) filter.start_year = static_cast<int>(*n);
  std::string query = ctx.request.Query("zoek");
  bool query_too_long = query.size() > kMaxQueryLength;  // refused, never cut
  if (!query_too_long) filter.id_part = std::string(Trim(query));
  int page = static_cast<int>(WholeNumber(ctx.request.Query("pagina"), 1, 99999).value_or(1));
  filter.limit = 50;
  filter.offset = (page - 1) * filter.limit;
  // Her own mothers' names: to show in the list and to search by.
  auto identities = OwnIdentities(ctx);
  if (!filter.id_part.empty()) {
    filter.also_ids = DossiersNamedBy(identities, filter.id_part);
    if (filter.also_ids.size() > kMaxNamedDossiers) filter.also_ids.resize(kMaxNamedDossiers);
  }
  ctx.audit_detail = "filters:" + std::string(filter.track.empty() ? "" : " traject") +
                     (filter.status.empty() ? "" : " status") + (filter.start_year ? " jaar" : "") +
                     (filter.id_part.empty() ? "" : " zoek");

  auto lines = team::ListDossiers(ctx.reader(), filter);
  auto total = team::CountDossiers(ctx.reader(), filter);
  if (!lines.ok()) throw Failure(lines.status());
  if (!total.ok()) throw Failure(total.status());
  // One family found: her dossier at once, one step less.
  if (*total == 1 && page == 1 && !filter.id_part.empty() && lines->size() == 1)
    return ctx.response.Redirect("/dossiers/" + UrlEncode(lines->front().dossier_id));

  auto option = [&](const std::string& value, const std::string& current, const std::string& label) {
    return "<option value=\"" + Escape(value) + "\"" + (value == current ? " selected" : "") + ">" + Escape(label) +
           "</option>";
  };
  std::string body =
      "<form method=\"get\" action=\"/dossiers\" class=\"filters\" role=\"search\"><label>" +
      Escape(ctx.T("veld.zoek")) + " <input name=\"zoek\" type=\"search\" maxlength=\"" +
      std::to_string(kMaxQueryLength) + "\" value=\"" + Escape(query_too_long ? "" : query) + "\"></label><label>" +
      Escape(ctx.T("veld.traject")) + " <select name=\"traject\">" + option("", filter.track, ctx.T("alle")) +
      option("opkomst_plus", filter.track, "Opkomst+") + option("opkomst", filter.track, "Opkomst") +
      "</select></label><label>" + Escape(ctx.T("veld.status")) + " <select name=\"status\">" +
      option("", filter.status, ctx.T("alle")) + option("lopend", filter.status, ctx.T("status.lopend")) +
      option("afgesloten", filter.status, ctx.T("status.afgesloten")) + "</select></label>";
  if (ctx.who().role != Role::kWorker)
    body += "<label>" + Escape(ctx.T("veld.werker")) + " <input name=\"werker\" size=\"8\" value=\"" +
            Escape(filter.social_worker) + "\"></label>";
  body += "<label>" + Escape(ctx.T("veld.startjaar")) +
          " <input name=\"jaar\" size=\"4\" inputmode=\"numeric\" value=\"" + Escape(year) +
          "\"></label><button type=\"submit\">" + Escape(ctx.T("zoeken")) + "</button></form>";
  if (query_too_long)
    body += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("veld.zoek")) + ": " +
            Escape(RuleMessage("value.too_long", ctx.language, std::to_string(kMaxQueryLength), "")) + "</p>";
  body += "<p>" + std::to_string(*total) + " " + Escape(ctx.T("dossiers.gevonden")) + "</p>";
  body += "<table><thead><tr><th>" + Escape(ctx.T("veld.dossier")) + "</th><th>" + Escape(ctx.T("veld.moeder")) +
          "</th><th>" + Escape(ctx.T("veld.naam")) + "</th><th>" + Escape(ctx.T("veld.traject")) + "</th><th>" +
          Escape(ctx.T("veld.start")) + "</th><th>" + Escape(ctx.T("veld.einde")) + "</th><th>" +
          Escape(ctx.T("veld.werker")) + "</th><th>" + Escape(ctx.T("veld.momenten")) + "</th></tr></thead><tbody>";
  std::vector<std::string> named;
  for (const auto& l : *lines)
    body += "<tr><td><a href=\"/dossiers/" + Escape(UrlEncode(l.dossier_id)) + "\">" + Escape(l.dossier_id) +
            "</a></td><td>" + Escape(l.mother_id) + "</td><td>" + Escape(NameOf(identities, l.dossier_id, &named)) +
            "</td><td>" + Escape(TrackLabel(ctx, l.track)) + "</td><td>" + Escape(l.start_date) + "</td><td>" +
            Escape(l.end_date) + "</td><td>" + Escape(l.social_worker) + "</td><td>" + MomentBadges(ctx, l.moments) +
            "</td></tr>";
  body += "</tbody></table>";
  if (!named.empty()) ctx.audit_detail += " " + IdentityAuditDetail(named);
  std::string base = "/dossiers?zoek=" + UrlEncode(filter.id_part) + "&amp;traject=" + filter.track +
                     "&amp;status=" + filter.status + "&amp;werker=" + UrlEncode(filter.social_worker) +
                     "&amp;jaar=" + Escape(year) + "&amp;pagina=";
  body += "<p class=\"pages\">";
  if (page > 1)
    body += "<a href=\"" + base + std::to_string(page - 1) + "\">&larr; " + Escape(ctx.T("vorige")) + "</a> ";
  if (filter.offset + filter.limit < *total)
    body += "<a href=\"" + base + std::to_string(page + 1) + "\">" + Escape(ctx.T("volgende")) + " &rarr;</a>";
  body += "</p>";
  SendPage(ctx, ctx.T("dossiers.titel"), body);
}

}  // namespace opkomst::web
