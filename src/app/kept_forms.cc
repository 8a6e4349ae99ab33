// Forms posted after their session ended (issue 11, finding 2), kept in the
// store sealed with the server's key (migration 0019), so that a restart
// keeps them and any server of a group gives them back. Which posts may be
// kept is decided by the web layer (web/app.cc: KeepStalePost) with
// SessionStore::FindEnded; here they are only sealed, stored and taken.
#include "storage/kept_forms.h"

#include <algorithm>

#include "app/sessions.h"

namespace opkomst::app {
namespace {

// Length-prefixed fields: "<length>:<bytes>" for the path, then for each
// field its name and value. Any byte may appear in a value.
void Append(std::string* out, const std::string& text) { *out += std::to_string(text.size()) + ":" + text; }

bool Next(const std::string& in, size_t* pos, std::string* out) {
  size_t colon = in.find(':', *pos);
  if (colon == std::string::npos || colon == *pos || colon - *pos > 9) return false;
  if (!std::all_of(in.begin() + static_cast<std::ptrdiff_t>(*pos), in.begin() + static_cast<std::ptrdiff_t>(colon),
                   [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  size_t length = std::stoul(in.substr(*pos, colon - *pos));
  if (length > in.size() - colon - 1) return false;
  *out = in.substr(colon + 1, length);
  *pos = colon + 1 + length;
  return true;
}

std::string Encode(const KeptForm& kept) {
  std::string out;
  Append(&out, kept.path);
  for (const auto& [name, value] : kept.form) {
    Append(&out, name);
    Append(&out, value);
  }
  return out;
}

std::optional<KeptForm> Decode(const std::string& in) {
  KeptForm kept;
  size_t pos = 0;
  if (!Next(in, &pos, &kept.path)) return std::nullopt;
  while (pos < in.size()) {
    std::string name, value;
    if (!Next(in, &pos, &name) || !Next(in, &pos, &value)) return std::nullopt;
    kept.form[name] = value;
  }
  return kept;
}

}  // namespace

StatusOr<std::string> SessionStore::KeepForm(const std::string& username, const KeptForm& form, int64_t now) {
  KeptForm kept = form;
  kept.form.erase("csrf");  // the ended session's token is of no use any more
  std::string id = security::RandomHex(16);
  storage::KeptFormRow row{security::Sha256Hex(id), username, sealer_->Seal(Encode(kept)), now,
                           now + limits_.kept_form_seconds};
  OPKOMST_RETURN_IF_ERROR(storage::InsertKeptForm(*writer_, row));
  return id;
}

StatusOr<std::optional<KeptForm>> SessionStore::TakeForm(const std::string& id, const std::string& username,
                                                         int64_t now) {
  if (id.size() != 32) return std::optional<KeptForm>();
  auto sealed = storage::TakeKeptForm(*writer_, security::Sha256Hex(id), username, now);
  if (!sealed.ok()) return sealed.status();
  if (!*sealed) return std::optional<KeptForm>();
  // Sealed with another key (the key file was replaced): gone, as expired.
  auto opened = sealer_->Open(**sealed);
  if (!opened.ok()) return std::optional<KeptForm>();
  return Decode(*opened);
}

}  // namespace opkomst::app
