// The printable family summary of one dossier (issue 11, finding 9): what
// the weekly team meeting needs on one page, read-only. The mother as the
// role may see her (the name only for the assigned worker, audited as
// "identiteit" like the dossier page; the pseudonym for everyone else), the
// track and dates, the moments, the latest indicator scores, what is due,
// and how many contacts (never their notes). Audited as a read
// ("dossier.afdrukken").
#include "app/indicator_sets.h"
#include "domain/caseload.h"
#include "storage/team.h"
#include "web/form.h"
#include "web/identities.h"

namespace opkomst::web {
namespace {

std::string Row(const std::string& label, const std::string& value) {
  return "<dt>" + Escape(label) + "</dt><dd>" + Escape(value.empty() ? "-" : value) + "</dd>";
}

std::string DateText(const std::optional<Date>& d) { return d ? d->ToString() : ""; }

std::string OptionLabel(const Context& ctx, const char* field, Code code) {
  if (code == kMissing) return "";
  return Label(ctx, ctx.app.codebook().field(field).options.at(code));
}

// The moments with their date, and what is due today (domain/caseload.h).
std::string MomentsAndDue(Context& ctx, const std::vector<Measurement>& measurements) {
  const Dossier& d = *ctx.dossier;
  const Codebook& cb = ctx.app.codebook();
  DueInput due;
  due.plus_track = d.track != kMissing && cb.field("track").options.at(d.track).code == "opkomst_plus";
  due.start = d.start_date;
  due.end = d.end_date;
  due.due_date = d.due_date;
  due.birth_date = d.child_birth_date;
  std::string out = "<section class=\"card\"><h2>" + Escape(ctx.T("dossier.momenten")) + "</h2><dl class=\"facts\">";
  for (Moment m : {Moment::kStart, Moment::kBirth, Moment::kEnd}) {
    const Measurement* found = nullptr;
    for (const Measurement& x : measurements)
      if (x.moment == m) found = &x;
    out += Row(ctx.T(std::string("moment.") + MomentCode(m)),
               found ? ctx.T("geregistreerd") + " " + DateText(found->measured_on) : ctx.T("open"));
    if (!found) continue;
    (m == Moment::kStart ? due.has_start : m == Moment::kBirth ? due.has_birth : due.has_end) = true;
    if (m == Moment::kStart)
      for (size_t i = 0; i < cb.variables().size() && i < found->values.size(); ++i)
        if (cb.variables()[i].RecordedAt(Moment::kStart) && found->values[i] == kMissing) ++due.start_unanswered;
  }
  out += "</dl><h3>" + Escape(ctx.T("caseload.te_doen")) + "</h3>";
  auto items = WhatIsDue(due, *Date::Parse(Today(ctx.app)));
  if (items.empty()) return out + "<p>" + Escape(ctx.T("overzicht.niets_te_doen")) + "</p></section>";
  out += "<ul>";
  for (const DueItem& item : items)
    out += "<li>" +
           Escape(ctx.T(item.kind == DueKind::kStart && due.has_start ? "due.start_onvolledig"
                                                                      : "due." + std::string(DueKindCode(item.kind)))) +
           " (" + Escape(ctx.T("due.sinds")) + " " + item.since.ToString() + ")</li>";
  return out + "</ul></section>";
}

// The scores of the latest indicator measurement, labelled as the set in
// force names them.
std::string LatestScores(Context& ctx) {
  const IndicatorSet& set = ctx.app.codebook().indicator_set("casestudy");
  auto scores = Check(team::GetScores(ctx.reader(), ctx.dossier->dossier_id));
  std::string out = "<section class=\"card\"><h2>" + Escape(ctx.T("overzicht.scores")) + "</h2>";
  int latest = 0;
  for (const auto& s : scores) latest = std::max(latest, s.moment);
  if (latest == 0) return out + "<p>" + Escape(ctx.T("indicatoren.geen_meting")) + "</p></section>";
  IndicatorSetVersion version = Check(app::CurrentIndicatorSet(ctx.reader(), set));
  std::string measured_on;
  std::string rows;
  for (const auto& s : scores) {
    if (s.moment != latest) continue;
    if (!s.measured_on.empty()) measured_on = s.measured_on;
    const IndicatorDefinition* definition = version.Find(s.indicator);
    std::string score = s.score;
    auto code = set.ParseScore(s.score);
    if (code && !set.NumericValue(*code))
      for (const Option& special : set.specials)
        if (special.code == s.score) score = Label(ctx, special);
    rows += "<tr><th>" + Escape(definition ? Label(ctx, *definition) : s.indicator) + "</th><td>" + Escape(score) +
            "</td></tr>";
  }
  return out + "<p>" + Escape(ctx.T("meting")) + " " + std::to_string(latest) + (measured_on.empty() ? "" : ", ") +
         Escape(measured_on) + "</p><table><thead><tr><th>" + Escape(ctx.T("indicator")) + "</th><th>" +
         Escape(ctx.T("overzicht.score")) + "</th></tr></thead><tbody>" + rows + "</tbody></table></section>";
}

}  // namespace

void SummaryPage(Context& ctx) {
  const Dossier& d = *ctx.dossier;
  std::string id_url = "/dossiers/" + UrlEncode(d.dossier_id);
  std::string body = "<p class=\"no-print\"><a href=\"" + id_url + "\">&larr; " + Escape(ctx.T("terug_dossier")) +
                     "</a> <button type=\"button\" data-print>" + Escape(ctx.T("overzicht.afdrukken")) +
                     "</button></p><section class=\"card\"><dl class=\"facts\">" +
                     Row(ctx.T("veld.dossier"), d.dossier_id);
  if (Authorize(ctx.who(), Action::kViewIdentity, d.social_worker)) {
    Identity identity = OpenIdentity(ctx, d.dossier_id);
    if (!identity.name.empty()) ctx.audit_detail = "identiteit";
    body += Row(ctx.T("veld.naam"), identity.name);
  }
  body += Row(ctx.T("veld.moeder"),
              d.mother_id + " (" + ctx.T("veld.traject_nr") + " " + std::to_string(d.trajectory_number) + ")") +
          Row(ctx.T("veld.traject"), OptionLabel(ctx, "track", d.track)) + Row(ctx.T("veld.werker"), d.social_worker) +
          Row(ctx.T("veld.start"), d.start_date.ToString()) + Row(ctx.T("veld.uitgerekend"), DateText(d.due_date)) +
          Row(ctx.T("veld.geboorte"), DateText(d.child_birth_date)) +
          Row(ctx.T("veld.status"),
              d.end_date ? ctx.T("overzicht.afgesloten") + " " + d.end_date->ToString() : ctx.T("overzicht.lopend"));
  auto contacts = Check(team::ListContacts(ctx.reader(), d.dossier_id));
  body += Row(ctx.T("dossier.contacten"),
              std::to_string(contacts.size()) +
                  (contacts.empty() ? "" : " (" + ctx.T("overzicht.laatste") + " " + contacts.front().date + ")")) +
          "</dl></section>";
  auto measurements = Check(ctx.reader().GetMeasurements(d.dossier_id));
  body += MomentsAndDue(ctx, measurements) + LatestScores(ctx);
  body += "<p class=\"small\">" + Escape(ctx.T("overzicht.voet")) + " " + Today(ctx.app) + ".</p>";
  SendPage(ctx, ctx.T("overzicht.titel") + " " + d.dossier_id, "<div class=\"summary\">" + body + "</div>");
}

}  // namespace opkomst::web
