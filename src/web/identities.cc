#include "web/identities.h"

#include "domain/search.h"
#include "storage/team.h"

namespace opkomst::web {
namespace {

// The sealed text is "name\nphone\naddress".
Identity Split(const std::string& plain) {
  Identity id;
  size_t a = plain.find('\n'), b = plain.find('\n', a == std::string::npos ? 0 : a + 1);
  id.name = plain.substr(0, a);
  if (a != std::string::npos) id.phone = plain.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
  if (b != std::string::npos) id.address = plain.substr(b + 1);
  return id;
}

}  // namespace

Identity OpenIdentity(Context& ctx, const std::string& dossier_id) {
  auto sealed = team::GetIdentity(ctx.reader(), dossier_id);
  if (!sealed.ok()) throw Failure(sealed.status());
  if (sealed->empty()) return {};
  auto plain = ctx.app.sealer().Open(*sealed);
  if (!plain.ok()) throw Failure(plain.status());
  return Split(*plain);
}

std::map<std::string, Identity> OwnIdentities(Context& ctx) {
  std::map<std::string, Identity> out;
  // kViewIdentity is "own" for every role that has it: the assigned account.
  if (!Authorize(ctx.who(), Action::kViewIdentity, ctx.who().username)) return out;
  auto sealed = team::IdentitiesOf(ctx.reader(), ctx.who().username);
  if (!sealed.ok()) throw Failure(sealed.status());
  for (const auto& [dossier_id, text] : *sealed) {
    if (text.empty()) continue;  // an identity erased by a correction
    auto plain = ctx.app.sealer().Open(text);
    if (!plain.ok()) throw Failure(plain.status());
    out.emplace(dossier_id, Split(*plain));
  }
  return out;
}

std::vector<std::string> DossiersNamedBy(const std::map<std::string, Identity>& own, const std::string& query) {
  std::vector<std::string> out;
  for (const auto& [dossier_id, id] : own)
    if (IdentityMatches(query, id.name, id.phone, id.address)) out.push_back(dossier_id);
  return out;
}

std::string IdentityAuditDetail(const std::vector<std::string>& shown) {
  if (shown.empty()) return "";
  std::string out = "identiteit=" + std::to_string(shown.size()) + " ";
  for (size_t i = 0; i < shown.size(); ++i) out += (i ? "," : "") + shown[i];
  return out;
}

}  // namespace opkomst::web
