// The sealed identity of a mother (name, phone, address), opened only for
// the signed-in account's own dossiers: the assigned worker is the one who
// may see it (Action::kViewIdentity). Callers audit what they show: the
// dossier page as "identiteit", a listing as "identiteit=N" with the
// dossiers whose names it showed (docs/security.md, "Names and search").
#ifndef OPKOMST_WEB_IDENTITIES_H_
#define OPKOMST_WEB_IDENTITIES_H_

#include <map>
#include <string>
#include <vector>

#include "web/app_internal.h"

namespace opkomst::web {

struct Identity {
  std::string name, phone, address;
  bool empty() const { return name.empty() && phone.empty() && address.empty(); }
};

// One dossier's identity (empty if none stored). The caller has checked
// kViewIdentity.
Identity OpenIdentity(Context& ctx, const std::string& dossier_id);

// The identities of every dossier assigned to the signed-in account, by
// dossier id; never anyone else's.
std::map<std::string, Identity> OwnIdentities(Context& ctx);

// The dossiers among `own` whose identity `query` names (domain/search.h).
std::vector<std::string> DossiersNamedBy(const std::map<std::string, Identity>& own, const std::string& query);

// The audit detail of a listing that showed the names of `shown` dossiers:
// "identiteit=N D1,D2,..." (cut at the audit field's length), or "".
std::string IdentityAuditDetail(const std::vector<std::string>& shown);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_IDENTITIES_H_
