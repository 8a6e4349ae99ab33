// Support money (steungeld, issue 13): the city's framework list, kept by
// the team lead, and grants on a dossier. A grant of a framework item,
// within its ceiling per grant and per family per year, needs no approval
// (status "toegekend"); anything else becomes a request ("aangevraagd")
// that the team lead approves ("goedgekeurd") or refuses ("geweigerd"),
// always with a reason. Every grant and decision is one transaction with
// its audit record; the audit detail never holds an amount.
#ifndef OPKOMST_APP_SUPPORT_MONEY_H_
#define OPKOMST_APP_SUPPORT_MONEY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/registration.h"
#include "storage/groups.h"

namespace opkomst::app {

// "45,50" / "45.50" / "45" -> 4550 euro cents; nullopt unless a positive
// amount with at most two decimals, at most 1 000 000 euro.
std::optional<int64_t> ParseEuroCents(std::string_view text);
std::string FormatEuro(int64_t cents);  // "€ 45,50"

struct SaveItemCommand {
  storage::SupportItem item;  // id 0 = new
  AuditEvent audit;
};
StatusOr<int64_t> SaveItem(const Services& services, const SaveItemCommand& command);

struct RegisterGrantCommand {
  storage::Grant grant;  // dossier, date, item_id (nullopt = outside the framework), item text, amount, reason
  std::string registered_at;
  AuditEvent audit;
};
// Why a grant needs approval, if it does: "" (within the framework),
// "buiten_kader", "plafond_per_keer", "plafond_per_jaar", "niet_actief".
struct GrantDecision {
  std::string status;  // toegekend / aangevraagd
  std::string why;
};
// The rule, without writing: what a grant of `amount` for `item` (nullopt =
// outside the framework) becomes, given the family's grants of that item
// this year (`spent_this_year`, euro cents, approved or granted).
GrantDecision Classify(const std::optional<storage::SupportItem>& item, int64_t amount, int64_t spent_this_year);
// The stored grant (status filled in).
StatusOr<storage::Grant> RegisterGrant(const Services& services, const RegisterGrantCommand& command);

struct DecideGrantCommand {
  int64_t grant_id = 0;
  bool approve = false;
  std::string reason, decided_by, decided_at;
  AuditEvent audit;
};
Status DecideGrant(const Services& services, const DecideGrantCommand& command);

}  // namespace opkomst::app

#endif  // OPKOMST_APP_SUPPORT_MONEY_H_
