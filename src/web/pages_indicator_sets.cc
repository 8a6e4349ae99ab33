// The team lead's page for the case-study indicator set: labels, the anchor
// text of every point, order, dropped indicators and a new indicator, saved
// as a new version through app::SaveIndicatorSetVersion (audited). Earlier
// versions stay as they were: a score is read with the version it was given.
#include <algorithm>

#include "app/indicator_sets.h"
#include "domain/text.h"
#include "storage/indicator_sets.h"
#include "web/app_internal.h"
#include "web/form.h"

namespace opkomst::web {
namespace {

constexpr const char* kSetId = "casestudy";

const IndicatorSet& Set(const Context& ctx) { return ctx.app.codebook().indicator_set(kSetId); }

std::string TextInput(const std::string& name, const std::string& label, const std::string& value,
                      const FormErrors& errors, size_t max) {
  return InputField(name, label, value, errors, "text", "maxlength=\"" + std::to_string(max) + "\"");
}

// One indicator's fields; `prefix` is "i_<name>_" (or "i_nieuw_" for a new one).
std::string DefinitionFields(Context& ctx, const IndicatorDefinition& d, const std::string& prefix, int order,
                             const FormErrors& errors) {
  const IndicatorSet& set = Set(ctx);
  std::string out =
      TextInput(prefix + "label_nl", ctx.T("indicatorset.label_nl"), d.label_nl, errors, kMaxIndicatorLabelLength) +
      TextInput(prefix + "label_en", ctx.T("indicatorset.label_en"), d.label_en, errors, kMaxIndicatorLabelLength) +
      InputField(prefix + "order", ctx.T("indicatorset.volgorde"), std::to_string(order), errors, "number",
                 "min=\"0\" max=\"9999\"");
  for (int point = set.scale_min; point <= set.scale_max; ++point) {
    size_t p = static_cast<size_t>(point - set.scale_min);
    out +=
        TextInput(prefix + "anchor" + std::to_string(point), ctx.T("indicatorset.anker") + " " + std::to_string(point),
                  p < d.anchors.size() ? d.anchors[p] : "", errors, kMaxAnchorLength);
  }
  return out;
}

IndicatorDefinition ReadDefinition(Context& ctx, const std::string& prefix, IndicatorDefinition d) {
  const IndicatorSet& set = Set(ctx);
  d.label_nl = std::string(Trim(ctx.request.Form(prefix + "label_nl")));
  d.label_en = std::string(Trim(ctx.request.Form(prefix + "label_en")));
  d.dropped = ctx.request.Form(prefix + "dropped") == "1";
  d.anchors.clear();
  for (int point = set.scale_min; point <= set.scale_max; ++point)
    d.anchors.push_back(std::string(Trim(ctx.request.Form(prefix + "anchor" + std::to_string(point)))));
  return d;
}

void SendForm(Context& ctx, const IndicatorSetVersion& current, const std::vector<IndicatorDefinition>& shown,
              const FormErrors& errors, int status, const std::string& message) {
  const IndicatorSet& set = Set(ctx);
  std::string body;
  if (ctx.request.Query("bewaard") == "1")
    body += "<p class=\"notice\" role=\"status\">" + Escape(ctx.T("indicatorset.bewaard")) + " " +
            std::to_string(current.version) + ".</p>";
  if (!message.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(message) + "</p>";
  body += "<p>" + Escape(ctx.T("indicatorset.uitleg")) + "</p><p class=\"small\">" +
          Escape(ctx.T("indicatorset.versie")) + " " + std::to_string(current.version) +
          (current.created_by.empty() ? " (" + ctx.T("indicatorset.codeboek") + ")"
                                      : " (" + current.created_at + ", " + current.created_by + ")") +
          "</p>";
  body += "<form method=\"post\" action=\"/team/indicatoren\" class=\"registration indicator-sets\">" + CsrfField(ctx) +
          "<input type=\"hidden\" name=\"based_on\" value=\"" + std::to_string(current.version) + "\">";
  int order = 0;
  for (const IndicatorDefinition& d : shown) {
    if (current.Find(d.name) == nullptr) continue;  // the new one: in its own fieldset below
    std::string prefix = "i_" + d.name + "_";
    order += 10;
    body += "<fieldset class=\"group\"><legend>" + Escape(Label(ctx, d)) + " <span class=\"small\">(" + Escape(d.name) +
            (d.domain >= 0 && static_cast<size_t>(d.domain) < set.domains.size()  // a typed domain may be wrong
                 ? ", " + Escape(Label(ctx, set.domains[static_cast<size_t>(d.domain)]))
                 : std::string()) +
            ")</span></legend>" + DefinitionFields(ctx, d, prefix, order, errors) +
            "<div class=\"field\"><label class=\"choice\"><input type=\"checkbox\" name=\"" + prefix +
            "dropped\" value=\"1\"" + (d.dropped ? " checked" : "") + "> " + Escape(ctx.T("indicatorset.niet_meer")) +
            "</label></div></fieldset>";
  }
  // A new indicator: a name of its own, so its scores are never compared with another's.
  IndicatorDefinition fresh{"", 0, "", "", false, {}};
  if (ctx.request.method == "POST" && status != 409) fresh = ReadDefinition(ctx, "i_nieuw_", fresh);
  fresh.name = ctx.request.Form("i_nieuw_name");
  body += "<fieldset class=\"group\"><legend>" + Escape(ctx.T("indicatorset.nieuw")) + "</legend>" +
          TextInput("i_nieuw_name", ctx.T("indicatorset.naam"), fresh.name, errors, 40) +
          "<div class=\"field\"><label for=\"i_nieuw_domain\">" + Escape(ctx.T("indicatorset.domein")) +
          "</label><select id=\"i_nieuw_domain\" name=\"i_nieuw_domain\">";
  for (size_t k = 0; k < set.domains.size(); ++k)
    body += "<option value=\"" + std::to_string(k) + "\">" + Escape(Label(ctx, set.domains[k])) + "</option>";
  body += "</select></div>" + DefinitionFields(ctx, fresh, "i_nieuw_", order + 10, errors) + "</fieldset>";
  body += "<div class=\"actions\"><button type=\"submit\">" + Escape(ctx.T("indicatorset.bewaar")) +
          "</button></div></form>";
  SendPage(ctx, ctx.T("indicatorset.titel"), body, status);
}

}  // namespace

void IndicatorSetsPage(Context& ctx) {
  auto current = app::CurrentIndicatorSet(ctx.reader(), Set(ctx));
  if (!current.ok()) throw Failure(current.status());
  SendForm(ctx, *current, current->indicators, {}, 200, "");
}

void IndicatorSetsPost(Context& ctx) {
  auto current = app::CurrentIndicatorSet(ctx.reader(), Set(ctx));
  if (!current.ok()) throw Failure(current.status());
  // Each indicator with the place the team lead gave it; ties keep the old order.
  std::vector<std::pair<long long, IndicatorDefinition>> placed;
  FormErrors errors;
  long long position = 0;
  for (const IndicatorDefinition& d : current->indicators) {
    position += 10;
    std::string prefix = "i_" + d.name + "_";
    auto order = WholeNumber(ctx.request.Form(prefix + "order"), 0, 9999);
    if (!order) errors[prefix + "order"] = ctx.T("fout.aantal") + " 0-9999";
    placed.push_back({order.value_or(position), ReadDefinition(ctx, prefix, d)});
  }
  std::string new_name(Trim(ctx.request.Form("i_nieuw_name")));
  if (!new_name.empty()) {
    auto domain = WholeNumber(ctx.request.Form("i_nieuw_domain"), 0, 99);
    auto order = WholeNumber(ctx.request.Form("i_nieuw_order"), 0, 9999);
    IndicatorDefinition fresh{new_name, static_cast<int>(domain.value_or(-1)), "", "", false, {}};
    placed.push_back({order.value_or(position + 10), ReadDefinition(ctx, "i_nieuw_", fresh)});
  }
  std::stable_sort(placed.begin(), placed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<IndicatorDefinition> next;
  for (auto& [order, d] : placed) next.push_back(std::move(d));
  auto based_on = WholeNumber(ctx.request.Form("based_on"), 1, 1000000);
  Findings findings;
  StatusOr<int> saved = InvalidInput("form");
  if (errors.empty() && based_on) {
    ctx.audit_detail = "set " + std::string(kSetId) + " versie " + std::to_string(current->version + 1);
    saved = app::SaveIndicatorSetVersion(
        ctx.services(), {kSetId, static_cast<int>(*based_on), next, ctx.who().username, ChangeEvent(ctx)}, &findings);
  }
  if (saved.ok()) {
    ctx.change_audited = true;
    return ctx.response.Redirect("/team/indicatoren?bewaard=1");
  }
  ctx.audit_outcome = saved.status().code() == StatusCode::kConflict ? "conflict" : "ongeldig";
  // The new indicator's findings belong to its "i_nieuw_" fields.
  std::map<std::string, std::string> fields;
  if (!new_name.empty())
    for (const char* f : {"label_nl", "label_en", "domain", "anchor1", "anchor2", "anchor3", "anchor4", "anchor5"})
      fields["i_" + new_name + "_" + f] = std::string("i_nieuw_") + f;
  AddRuleErrors(ctx, findings, fields, &errors);
  if (saved.status().code() == StatusCode::kConflict)
    return SendForm(ctx, *current, current->indicators, {}, 409, ctx.T("indicatorset.conflict"));
  SendForm(ctx, *current, next, errors, 422, ctx.T("fout.formulier"));
}

}  // namespace opkomst::web
