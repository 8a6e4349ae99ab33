#include "app/support_money.h"

#include <cstdio>

#include "app/groups.h"
#include "domain/validation.h"

namespace opkomst::app {
namespace {

// What the family (dossier) got of `item_id` in the year of `date`.
StatusOr<int64_t> SpentThisYear(Store& store, const std::string& dossier_id, int64_t item_id, const std::string& date) {
  OPKOMST_ASSIGN_OR_RETURN(auto grants, storage::ListGrants(store, {dossier_id, "", std::stoi(date.substr(0, 4))}));
  int64_t spent = 0;
  for (const storage::Grant& g : grants)
    if (g.item_id == item_id && (g.status == "toegekend" || g.status == "goedgekeurd")) spent += g.amount;
  return spent;
}

}  // namespace

std::optional<int64_t> ParseEuroCents(std::string_view text) {
  size_t separator = text.find_first_of(".,");
  std::string_view whole = text.substr(0, separator);
  std::string_view fraction = separator == std::string_view::npos ? "" : text.substr(separator + 1);
  if (whole.empty() || whole.size() > 7 || fraction.size() > 2 ||
      (separator != std::string_view::npos && fraction.empty()))
    return std::nullopt;
  int64_t cents = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    cents = cents * 10 + (c - '0');
  }
  cents *= 100;
  int64_t scale = 10;
  for (char c : fraction) {
    if (c < '0' || c > '9') return std::nullopt;
    cents += (c - '0') * scale;
    scale /= 10;
  }
  if (cents <= 0 || cents > 100000000) return std::nullopt;
  return cents;
}

std::string FormatEuro(int64_t cents) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "€ %lld,%02lld", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100));
  return buf;
}

StatusOr<int64_t> SaveItem(const Services& services, const SaveItemCommand& command) {
  storage::SupportItem item = command.item;
  Findings findings;
  if (item.item.empty()) findings.Add({"", 0, "item", "", "value.required", ""});
  if (item.category.empty()) findings.Add({"", 0, "category", "", "value.required", ""});
  CheckFreeText("", 0, "item", item.item, &findings);
  CheckFreeText("", 0, "category", item.category, &findings);
  if (item.ceiling_per_grant <= 0)
    findings.Add({"", 0, "ceiling_per_grant", std::to_string(item.ceiling_per_grant), "grant.amount", ""});
  if (item.ceiling_per_family_year < item.ceiling_per_grant)
    findings.Add({"", 0, "ceiling_per_family_year", FormatEuro(item.ceiling_per_family_year), "value.range",
                  ">= " + FormatEuro(item.ceiling_per_grant)});
  if (!findings.empty()) return Invalid(findings);
  AuditEvent audit = command.audit;
  audit.detail = "item=" + item.item.substr(0, 80);
  OPKOMST_RETURN_IF_ERROR(Change(services, audit, [&](storage::UnitOfWork& work) {
    return item.id == 0 ? storage::GroupWrites::InsertItem(work, &item) : storage::GroupWrites::UpdateItem(work, item);
  }));
  return item.id;
}

GrantDecision Classify(const std::optional<storage::SupportItem>& item, int64_t amount, int64_t spent_this_year) {
  if (!item) return {"aangevraagd", "buiten_kader"};
  if (!item->active) return {"aangevraagd", "niet_actief"};
  if (amount > item->ceiling_per_grant) return {"aangevraagd", "plafond_per_keer"};
  if (spent_this_year + amount > item->ceiling_per_family_year) return {"aangevraagd", "plafond_per_jaar"};
  return {"toegekend", ""};
}

StatusOr<storage::Grant> RegisterGrant(const Services& services, const RegisterGrantCommand& command) {
  storage::Grant grant = command.grant;
  Findings findings;
  if (!Date::Parse(grant.granted_on)) findings.Add({"", 0, "granted_on", grant.granted_on, "value.date", ""});
  if (grant.amount <= 0) findings.Add({"", 0, "amount", std::to_string(grant.amount), "grant.amount", ""});
  if (grant.reason.empty()) findings.Add({"", 0, "reason", "", "grant.reason", ""});
  if (grant.reason.size() > 500) findings.Add({"", 0, "reason", grant.reason.substr(0, 20), "value.too_long", "500"});
  CheckFreeText("", 0, "reason", grant.reason, &findings);
  std::optional<storage::SupportItem> item;
  if (grant.item_id) {
    auto found = storage::GetItem(services.store, *grant.item_id);
    if (!found.ok()) {
      if (found.status().code() != StatusCode::kNotFound) return found.status();
      findings.Add({"", 0, "item", std::to_string(*grant.item_id), "value.code", "het kader"});
    } else {
      item = *found;
      grant.item = item->item;
      grant.category = item->category;
    }
  } else {
    if (grant.item.empty()) findings.Add({"", 0, "item", "", "value.required", ""});
    CheckFreeText("", 0, "item", grant.item, &findings);
    if (grant.category.empty()) grant.category = "buiten_kader";
  }
  if (!findings.empty()) return Invalid(findings);
  int64_t spent = 0;
  if (item) {
    OPKOMST_ASSIGN_OR_RETURN(spent, SpentThisYear(services.store, grant.dossier_id, item->id, grant.granted_on));
  }
  GrantDecision decision = Classify(item, grant.amount, spent);
  grant.status = decision.status;
  grant.registered_by = command.audit.account;
  grant.registered_at = command.registered_at;
  AuditEvent audit = command.audit;
  audit.dossier_id = grant.dossier_id;
  audit.detail = "status=" + grant.status + (decision.why.empty() ? "" : " reden=" + decision.why);
  OPKOMST_RETURN_IF_ERROR(Change(
      services, audit, [&](storage::UnitOfWork& work) { return storage::GroupWrites::InsertGrant(work, &grant); }));
  return grant;
}

Status DecideGrant(const Services& services, const DecideGrantCommand& command) {
  Findings findings;
  if (command.reason.empty()) findings.Add({"", 0, "reason", "", "grant.reason", ""});
  CheckFreeText("", 0, "reason", command.reason, &findings);
  if (!findings.empty()) return Invalid(findings);
  OPKOMST_ASSIGN_OR_RETURN(auto grant, storage::GetGrant(services.store, command.grant_id));
  grant.status = command.approve ? "goedgekeurd" : "geweigerd";
  grant.decision_reason = command.reason;
  grant.decided_by = command.decided_by;
  grant.decided_at = command.decided_at;
  AuditEvent audit = command.audit;
  audit.dossier_id = grant.dossier_id;
  audit.detail = "aanvraag=" + std::to_string(grant.id) + " " + grant.status;
  return Change(services, audit,
                [&](storage::UnitOfWork& work) { return storage::GroupWrites::DecideGrant(work, grant); });
}

}  // namespace opkomst::app
