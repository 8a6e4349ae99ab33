// Registration of a measurement moment (every codebook variable of that
// moment, grouped as a worker thinks, prefilled from the moment before) and
// the indicator scoring with its radar chart. Two workers saving the same
// dossier: the second gets her own values back with the stored ones beside
// them, and saves again to keep hers (no lost update).
#include <cmath>
#include <limits>

#include "app/indicator_sets.h"
#include "domain/record_rules.h"
#include "report/render/chart.h"
#include "storage/team.h"
#include "web/form.h"

namespace opkomst::web {
namespace {

std::string Url(const Context& ctx, const std::string& tail) {
  return "/dossiers/" + UrlEncode(ctx.dossier->dossier_id) + tail;
}

std::string ValueText(const Variable& v, Code code) {
  if (code == kMissing) return "";
  if (v.type == VariableType::kCount) return std::to_string(code);
  return v.options->at(code).code;
}

std::string ValueLabel(const Context& ctx, const Variable& v, Code code) {
  if (code == kMissing) return "-";
  if (v.type == VariableType::kCount) return std::to_string(code);
  return Label(ctx, v.options->at(code));
}

struct MomentForm {
  Moment moment;
  std::optional<Measurement> stored;  // what the store holds now
  Measurement shown;                  // what the form shows
  std::string prefilled_from;         // moment code, if prefilled
  FormErrors errors;
  std::string measured_on;
  std::optional<Measurement> conflict;  // the colleague's values, after a conflict
  // The dossier's date this moment's form carries: the child's birth date
  // (birth), the end date that closes the dossier (end); as shown.
  std::string dossier_date;
  FormErrors warnings;  // plausibility, confirmed before saving
};

// The dossier field of a moment's own date: "child_birth_date" for the
// birth, "end_date" for the end, "" for the start.
std::string DossierDateField(Moment moment) {
  return moment == Moment::kBirth ? "child_birth_date" : moment == Moment::kEnd ? "end_date" : "";
}

std::string DossierDateLabel(const Context& ctx, Moment moment) {
  return ctx.T(moment == Moment::kBirth ? "veld.geboorte" : "moment.einddatum");
}

void SendMomentForm(Context& ctx, const MomentForm& f, int status) {
  const Codebook& cb = ctx.app.codebook();
  std::string code = MomentCode(f.moment);
  bool editable = Authorize(ctx.who(), Action::kEditDossier, ctx.dossier->social_worker);
  std::string body;
  if (ctx.request.Query("nieuw") == "1")
    body += "<p class=\"notice\" role=\"status\">" + Escape(ctx.T("moment.nieuw_dossier")) + "</p>";
  if (!f.prefilled_from.empty())
    body += "<p class=\"notice\">" + Escape(ctx.T("moment.vooraf_ingevuld")) + " " +
            Escape(ctx.T("moment." + f.prefilled_from)) + ".</p>";
  if (f.conflict)
    body += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("conflict.moment")) + "</p>";
  else if (!f.errors.empty())
    body += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("fout.formulier")) + "</p>";
  std::string date_field = DossierDateField(f.moment);
  body += "<form method=\"post\" action=\"" + Url(ctx, "/moment/" + code) + "\" class=\"registration\" novalidate>" +
          CsrfField(ctx) + "<input type=\"hidden\" name=\"version\" value=\"" + std::to_string(ctx.dossier->version) +
          "\"><p class=\"small\">" + Escape(ctx.T("verplicht.uitleg")) + "</p>" +
          WarningBlock(ctx, f.warnings, {{date_field, DossierDateLabel(ctx, f.moment)}}) + "<div class=\"row\">" +
          InputField("measured_on", ctx.T("veld.meetdatum"), f.measured_on, f.errors, "date", "required");
  if (!date_field.empty())
    body += InputField(date_field, DossierDateLabel(ctx, f.moment), f.dossier_date, f.errors, "date",
                       "required aria-describedby=\"" + date_field + "-uitleg\"") +
            "<small class=\"hint\" id=\"" + date_field + "-uitleg\">" +
            Escape(ctx.T(f.moment == Moment::kBirth ? "moment.geboorte.uitleg" : "moment.einde.uitleg")) + "</small>";
  body += "</div>";
  // A link for every group this moment's form shows, and none for the others.
  std::string links;
  for (const Group& g : cb.groups()) {
    bool shown = false;
    for (const Variable& v : cb.variables()) shown = shown || (v.group == g.id && v.RecordedAt(f.moment));
    if (shown) links += "<a href=\"#groep-" + g.id + "\">" + Escape(Label(ctx, g)) + "</a>";
  }
  body += "<nav class=\"groups\" aria-label=\"" + Escape(ctx.T("moment.onderdelen")) + "\">" + links + "</nav>";
  for (const Group& g : cb.groups()) {
    std::string fields;
    for (size_t i = 0; i < cb.variables().size(); ++i) {
      const Variable& v = cb.variables()[i];
      if (v.group != g.id || !v.RecordedAt(f.moment)) continue;
      std::string name = "v_" + v.name;
      std::string note;
      if (f.conflict && f.conflict->values[i] != f.shown.values[i])
        note = Escape(ctx.T("conflict.opgeslagen")) + ": <strong>" + Escape(ValueLabel(ctx, v, f.conflict->values[i])) +
               "</strong>";
      auto posted = ctx.request.form.find(name);
      std::string current = (posted != ctx.request.form.end() && ctx.request.method == "POST")
                                ? posted->second
                                : ValueText(v, f.shown.values[i]);
      if (v.type == VariableType::kCount) {
        fields += InputField(name, Label(ctx, v), current, f.errors, "number",
                             "min=\"" + std::to_string(v.min) + "\" max=\"" + std::to_string(v.max) + "\"");
        if (!note.empty()) fields += "<span class=\"note\">" + note + "</span>";
      } else {
        fields += RadioField(name, Label(ctx, v), *v.options, current, f.errors, note, ctx.language);
      }
    }
    if (!fields.empty())
      body += "<fieldset class=\"group\" id=\"groep-" + g.id + "\"><legend>" + Escape(Label(ctx, g)) + "</legend>" +
              fields + "</fieldset>";
  }
  if (editable)
    body += "<div class=\"actions\"><button type=\"submit\">" + Escape(ctx.T("moment.bewaar")) +
            "</button> <a href=\"" + Url(ctx, "") + "\">" + Escape(ctx.T("annuleren")) + "</a></div>";
  body += "</form>";
  SendPage(ctx, ctx.T("moment." + code) + " - " + ctx.dossier->dossier_id, body, status);
}

std::optional<Moment> MomentParam(Context& ctx) {
  auto m = ParseMoment(ctx.params["moment"]);
  if (!m) SendMessage(ctx, 404, ctx.T("fout.niet_gevonden.titel"), ctx.T("fout.niet_gevonden.tekst"));
  return m;
}

MomentForm LoadMomentForm(Context& ctx, Moment moment) {
  MomentForm f{moment, std::nullopt, {}, "", {}, "", std::nullopt, "", {}};
  auto all = ctx.reader().GetMeasurements(ctx.dossier->dossier_id);
  if (!all.ok()) throw Failure(all.status());
  const Measurement* previous = nullptr;
  for (const Measurement& m : *all) {
    if (m.moment == moment) f.stored = m;
    if (static_cast<int>(m.moment) < static_cast<int>(moment)) previous = &m;
  }
  f.shown.moment = moment;
  f.shown.values.assign(ctx.app.codebook().variables().size(), kMissing);
  if (f.stored) {
    f.shown = *f.stored;
  } else if (previous) {
    f.shown.values = previous->values;
    f.prefilled_from = MomentCode(previous->moment);
  }
  f.measured_on = f.stored && f.stored->measured_on ? f.stored->measured_on->ToString() : Today(ctx.app);
  const Dossier& d = *ctx.dossier;
  if (moment == Moment::kBirth && d.child_birth_date) f.dossier_date = d.child_birth_date->ToString();
  if (moment == Moment::kEnd) f.dossier_date = d.end_date ? d.end_date->ToString() : f.measured_on;
  return f;
}

}  // namespace

namespace {

// The birth or end form's dossier date into `after` (the end date defaults
// to the registration's date): errors for a bad or future date and the
// dossier's own rules on it, and the plausibility warnings when it
// changed. Whether it changed.
bool ParseDossierDate(Context& ctx, MomentForm* f, Dossier* after) {
  std::string field = DossierDateField(f->moment);
  if (field.empty()) return false;
  f->dossier_date = ctx.request.Form(field);
  if (f->dossier_date.empty() && f->moment == Moment::kEnd) f->dossier_date = f->measured_on;
  FormErrors errors;
  auto date = DateField(ctx.request, field, &errors, ctx, f->moment == Moment::kBirth);
  if (f->moment == Moment::kEnd && f->dossier_date == f->measured_on) date = Date::Parse(f->measured_on);
  if (date && *date > *Date::Parse(Today(ctx.app)))
    errors[field] = "'" + date->ToString() + "' " + ctx.T("fout.toekomst");
  (f->moment == Moment::kBirth ? after->child_birth_date : after->end_date) = date;
  Findings own, broken = ValidateDossier(ctx.app.codebook(), *after);
  for (const Finding& finding : broken.items())
    if (finding.column == field) own.Add(finding);
  AddRuleErrors(ctx, own, {}, &errors);
  f->errors.insert(errors.begin(), errors.end());
  bool changed = f->moment == Moment::kBirth ? after->child_birth_date != ctx.dossier->child_birth_date
                                             : after->end_date != ctx.dossier->end_date;
  if (!changed || !errors.empty()) return changed;
  Findings warnings, all = PlausibilityWarnings(*after);
  for (const Finding& finding : all.items())
    if (finding.column == field) warnings.Add(finding);
  AddRuleErrors(ctx, warnings, {}, &f->warnings);
  return true;
}

}  // namespace

void MomentPage(Context& ctx) {
  auto moment = MomentParam(ctx);
  if (!moment) return;
  ctx.audit_detail = "";
  SendMomentForm(ctx, LoadMomentForm(ctx, *moment), 200);
}

void MomentPost(Context& ctx) {
  auto moment = MomentParam(ctx);
  if (!moment) return;
  const Codebook& cb = ctx.app.codebook();
  MomentForm f = LoadMomentForm(ctx, *moment);
  f.prefilled_from.clear();
  f.measured_on = ctx.request.Form("measured_on");
  auto date = DateField(ctx.request, "measured_on", &f.errors, ctx, true);
  if (date && *date > *Date::Parse(Today(ctx.app))) f.errors["measured_on"] = ctx.T("fout.toekomst");
  Measurement m = f.shown;  // variables not on this moment's form keep their value
  m.moment = *moment;
  m.measured_on = date;
  for (size_t i = 0; i < cb.variables().size(); ++i) {
    const Variable& v = cb.variables()[i];
    if (!v.RecordedAt(*moment)) continue;
    std::string name = "v_" + v.name, text = ctx.request.Form(name);
    if (text.empty()) {
      m.values[i] = kMissing;
    } else if (v.type == VariableType::kCount) {
      // Any whole number here; the range is the domain's (CheckCount).
      if (auto n = WholeNumber(text, -1000000, 1000000)) {
        Findings range;
        CheckCount(v, *n, &range);
        AddRuleErrors(ctx, range, {{v.name, name}}, &f.errors);
        m.values[i] = range.empty() ? static_cast<Code>(*n) : kMissing;
      } else
        // Letters are kept in the field and refused, never dropped.
        f.errors[name] = "'" + text.substr(0, 20) + "' " +
                         RuleMessage("value.integer", ctx.language, WholeRange{v.min, v.max}.Text(), text);
    } else if (auto code = v.options->FindCode(text)) {
      m.values[i] = *code;
    } else {
      f.errors[name] = ctx.T("fout.keuze") + " ('" + text.substr(0, 40) + "')";
    }
  }
  std::map<std::string, std::string> fields;  // variable -> its form field
  for (const Variable& v : cb.variables()) fields[v.name] = "v_" + v.name;
  AddRuleErrors(ctx, ValidateMeasurement(cb, ctx.dossier->start_date, m), fields, &f.errors);
  auto version = VersionField(ctx.request);
  Dossier after = *ctx.dossier;
  bool date_changed = ParseDossierDate(ctx, &f, &after);
  if (!f.errors.empty() || !version) {
    ctx.audit_outcome = "ongeldig";
    f.shown = m;
    return SendMomentForm(ctx, f, 422);
  }
  if (!f.warnings.empty() && !WarningsConfirmed(ctx.request)) {
    ctx.audit_outcome = "waarschuwing";
    f.shown = m;
    return SendMomentForm(ctx, f, 200);
  }
  app::MomentDossierDates dates;
  if (date_changed) {
    ctx.audit_detail = "velden=" + DossierDateField(*moment);
    dates.child_birth_date = after.child_birth_date;
    if (*moment == Moment::kEnd) dates.end_date = after.end_date;
  }
  auto result = app::RegisterMoment(ctx.services(), {ctx.dossier->dossier_id, *version, m, ChangeEvent(ctx)}, dates);
  if (!result.ok() && result.status().code() == StatusCode::kConflict) {
    // Someone saved in between: show her values beside ours, with the new version.
    ctx.audit_outcome = "conflict";
    auto fresh = ctx.reader().GetDossier(ctx.dossier->dossier_id);
    if (fresh.ok()) ctx.dossier = *fresh;
    MomentForm reloaded = LoadMomentForm(ctx, *moment);
    f.conflict = reloaded.stored ? reloaded.stored : std::optional<Measurement>(reloaded.shown);
    f.shown = m;
    return SendMomentForm(ctx, f, 409);
  }
  if (!result.ok()) throw Failure(result.status());
  ctx.change_audited = true;
  ctx.response.Redirect(Url(ctx, "?bewaard=1"));
}

// ---- indicator scoring -------------------------------------------------------

namespace {

const IndicatorSet& CaseStudy(const Context& ctx) { return ctx.app.codebook().indicator_set("casestudy"); }

// The version of the set in force: its labels, order, dropped indicators and anchor texts.
IndicatorSetVersion CurrentVersion(Context& ctx) {
  auto current = app::CurrentIndicatorSet(ctx.reader(), CaseStudy(ctx));
  if (!current.ok()) throw Failure(current.status());
  return *current;
}

// What each point means, under the question, when the team wrote it down.
std::string Anchors(const Context& ctx, const IndicatorSet& set, const IndicatorDefinition& d) {
  std::string items;
  for (size_t p = 0; p < d.anchors.size(); ++p)
    if (!d.anchors[p].empty())
      items +=
          "<li value=\"" + std::to_string(set.scale_min + static_cast<int>(p)) + "\">" + Escape(d.anchors[p]) + "</li>";
  if (items.empty()) return "";
  return "<details class=\"anchors\"><summary>" + Escape(ctx.T("indicatoren.betekenis")) + "</summary><ol>" + items +
         "</ol></details>";
}

// Which measurements exist, when, with which version of the set; and the way on.
std::string MeasurementList(const Context& ctx, int number, const std::vector<team::StoredScore>& scores) {
  std::string out = "<nav class=\"measurements\" aria-label=\"" + Escape(ctx.T("indicatoren.metingen")) + "\"><ul>";
  int last = 0;
  for (int n = 1; n <= 9; ++n) {
    const team::StoredScore* first = nullptr;
    for (const auto& s : scores)
      if (s.moment == n && !first) first = &s;
    if (!first && n > last + 1) break;
    if (first) last = n;
    std::string text = ctx.T("meting") + " " + std::to_string(n) + ": " +
                       (first ? (first->measured_on.empty() ? "?" : first->measured_on) + " (" +
                                    ctx.T("indicatorset.versie") + " " + std::to_string(first->set_version) + ")"
                              : ctx.T("indicatoren.geen_meting"));
    out +=
        "<li>" +
        (n == number ? "<strong aria-current=\"page\">" + Escape(text) + "</strong>"
                     : "<a href=\"" + Url(ctx, "/indicatoren/" + std::to_string(n)) + "\">" + Escape(text) + "</a>") +
        "</li>";
  }
  out += "</ul></nav>";
  if (ctx.request.Query("bewaard") == "1" && number < 9)
    out += "<p><a href=\"" + Url(ctx, "/indicatoren/" + std::to_string(number + 1)) + "\">" +
           Escape(ctx.T("indicatoren.verder")) + " " + std::to_string(number + 1) + " &rarr;</a></p>";
  return out;
}

std::optional<int> MeasurementNumber(Context& ctx) {
  std::string text = ctx.params["moment"];
  if (text.size() != 1 || text[0] < '1' || text[0] > '9') {
    SendMessage(ctx, 404, ctx.T("fout.niet_gevonden.titel"), ctx.T("fout.niet_gevonden.tekst"));
    return std::nullopt;
  }
  return text[0] - '0';
}

// Radar of the first measurement against the latest, and the change per indicator.
std::string ScoreChange(const Context& ctx, const IndicatorSetVersion& version,
                        const std::vector<team::StoredScore>& scores) {
  const IndicatorSet& set = CaseStudy(ctx);
  int latest = 1;
  for (const auto& s : scores) latest = std::max(latest, s.moment);
  if (latest < 2) return "<p class=\"small\">" + Escape(ctx.T("indicatoren.nog_geen_vergelijking")) + "</p>";
  report::ChartData chart;
  chart.kind = report::ChartKind::kRadar;
  chart.series = {ctx.T("meting") + " 1", ctx.T("meting") + " " + std::to_string(latest)};
  chart.values.assign(2, {});
  chart.percent = false;
  chart.max = set.scale_max;
  chart.title = ctx.T("indicatoren.verandering") + ": " + chart.series[0] + " - " + chart.series[1];
  std::string table = "<table><thead><tr><th>" + Escape(ctx.T("indicator")) + "</th><th>" + Escape(chart.series[0]) +
                      "</th><th>" + Escape(chart.series[1]) + "</th><th>" + Escape(ctx.T("verschil")) +
                      "</th></tr></thead><tbody>";
  auto value = [&](int moment, const std::string& name) -> std::optional<int> {
    for (const auto& s : scores)
      if (s.moment == moment && s.indicator == name) {
        auto code = set.ParseScore(s.score);
        if (code) return set.NumericValue(*code);
      }
    return std::nullopt;
  };
  // Only scores of the same indicator (by its lasting name) are paired.
  for (const IndicatorDefinition& ind : version.indicators) {
    if (ind.dropped) continue;
    auto a = value(1, ind.name), b = value(latest, ind.name);
    chart.categories.push_back(Label(ctx, ind));
    chart.values[0].push_back(a ? *a : std::numeric_limits<double>::quiet_NaN());
    chart.values[1].push_back(b ? *b : std::numeric_limits<double>::quiet_NaN());
    std::string diff = a && b ? (*b - *a > 0 ? "+" : "") + std::to_string(*b - *a) : "";
    table += "<tr><th>" + Escape(Label(ctx, ind)) + "</th><td>" + (a ? std::to_string(*a) : "-") + "</td><td>" +
             (b ? std::to_string(*b) : "-") + "</td><td>" + diff + "</td></tr>";
  }
  return "<h2>" + Escape(ctx.T("indicatoren.verandering")) + "</h2><div class=\"radar\">" + report::ChartSvg(chart) +
         "</div>" + table + "</tbody></table>";
}

void SendScores(Context& ctx, int number, const std::vector<team::StoredScore>& scores, const FormErrors& errors,
                int status, bool conflict) {
  const IndicatorSet& set = CaseStudy(ctx);
  const IndicatorSetVersion version = CurrentVersion(ctx);
  std::map<std::string, std::string> current;
  std::string measured_on = Today(ctx.app);
  int source = 0;
  for (const auto& s : scores)
    if (s.moment == number) {
      current[s.indicator] = s.score;
      if (!s.measured_on.empty()) measured_on = s.measured_on;
      source = number;
    }
  if (current.empty())
    for (const auto& s : scores)
      if (s.moment == number - 1) current[s.indicator] = s.score, source = number - 1;
  if (ctx.request.method == "POST") {
    for (const IndicatorDefinition& ind : version.indicators) current[ind.name] = ctx.request.Form("i_" + ind.name);
    measured_on = ctx.request.Form("measured_on");
  }
  OptionList choices;
  for (int v = set.scale_min; v <= set.scale_max; ++v) choices.Add({std::to_string(v), std::to_string(v), "", {}});
  for (const Option& special : set.specials) choices.Add(special);
  std::string body;
  if (ctx.request.Query("bewaard") == "1")
    body += "<p class=\"notice\" role=\"status\">" + Escape(ctx.T("bewaard")) + "</p>";
  if (conflict)
    body += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("conflict.moment")) + "</p>";
  else if (!errors.empty())
    body += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("fout.formulier")) + "</p>";
  body += MeasurementList(ctx, number, scores);
  if (source && source != number)
    body += "<p class=\"notice\">" + Escape(ctx.T("indicatoren.vooraf")) + " " + std::to_string(source) + ".</p>";
  body += "<form method=\"post\" action=\"" + Url(ctx, "/indicatoren/" + std::to_string(number)) +
          "\" class=\"registration scores\">" + CsrfField(ctx) + "<input type=\"hidden\" name=\"version\" value=\"" +
          std::to_string(ctx.dossier->version) + "\">" +
          InputField("measured_on", ctx.T("veld.meetdatum"), measured_on, errors, "date", "required");
  for (size_t d = 0; d < set.domains.size(); ++d) {
    body += "<fieldset class=\"group\"><legend>" + Escape(Label(ctx, set.domains[d])) + "</legend>";
    for (const IndicatorDefinition& ind : version.indicators)
      if (!ind.dropped && ind.domain == static_cast<int>(d))
        body += RadioField("i_" + ind.name, Label(ctx, ind), choices, current[ind.name], errors, "", ctx.language) +
                Anchors(ctx, set, ind);
    body += "</fieldset>";
  }
  if (Authorize(ctx.who(), Action::kEditDossier, ctx.dossier->social_worker))
    body += "<div class=\"actions\"><button type=\"submit\">" + Escape(ctx.T("opslaan")) + "</button></div>";
  // The comparison beside the form (below it on a phone), not 1,900 px further down.
  body = "<div class=\"scores-layout\"><div>" + body + "</form></div><aside class=\"comparison\">" +
         ScoreChange(ctx, version, scores) + "</aside></div>";
  SendPage(ctx, ctx.T("indicatoren.titel") + " " + std::to_string(number) + " - " + ctx.dossier->dossier_id, body,
           status);
}

}  // namespace

void ScoresPage(Context& ctx) {
  auto number = MeasurementNumber(ctx);
  if (!number) return;
  auto scores = team::GetScores(ctx.reader(), ctx.dossier->dossier_id);
  if (!scores.ok()) throw Failure(scores.status());
  SendScores(ctx, *number, *scores, {}, 200, false);
}

void ScoresPost(Context& ctx) {
  auto number = MeasurementNumber(ctx);
  if (!number) return;
  const IndicatorSet& set = CaseStudy(ctx);
  const IndicatorSetVersion set_version = CurrentVersion(ctx);
  FormErrors errors;
  auto date = DateField(ctx.request, "measured_on", &errors, ctx, true);
  std::vector<team::StoredScore> entered;
  for (const IndicatorDefinition& ind : set_version.indicators) {
    std::string text = ctx.request.Form("i_" + ind.name);
    if (text.empty() || ind.dropped) continue;
    auto code = set.ParseScore(text);
    if (!code)
      errors["i_" + ind.name] = ctx.T("fout.keuze") + " ('" + text.substr(0, 20) + "')";
    else
      entered.push_back({*number, "", ind.name, set.ScoreText(*code), set_version.version});
  }
  auto scores = team::GetScores(ctx.reader(), ctx.dossier->dossier_id);
  if (!scores.ok()) throw Failure(scores.status());
  auto version = VersionField(ctx.request);
  if (!version) errors["version"] = "version";
  if (!errors.empty()) {
    ctx.audit_outcome = "ongeldig";
    return SendScores(ctx, *number, *scores, errors, 422, false);
  }
  auto result = app::ScoreIndicators(
      ctx.services(), {ctx.dossier->dossier_id, *version, *number, date->ToString(), entered, ChangeEvent(ctx)});
  if (!result.ok() && result.status().code() == StatusCode::kConflict) {
    ctx.audit_outcome = "conflict";
    auto fresh = ctx.reader().GetDossier(ctx.dossier->dossier_id);
    if (fresh.ok()) ctx.dossier = *fresh;
    return SendScores(ctx, *number, *scores, {}, 409, true);
  }
  if (!result.ok()) throw Failure(result.status());
  ctx.change_audited = true;
  ctx.response.Redirect(Url(ctx, "/indicatoren/" + std::to_string(*number) + "?bewaard=1"));
}

}  // namespace opkomst::web
