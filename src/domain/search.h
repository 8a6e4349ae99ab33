// Finding a family by what the worker remembers of her: a part of her
// name or street (case and accents ignored), a part of her phone number
// (spaces and punctuation ignored), or a part of the dossier number.
//
// Runs on identities already opened for the one worker who may see them
// (web/identities.h): the identity is sealed in the store, so no SQL can
// search it.
#ifndef OPKOMST_DOMAIN_SEARCH_H_
#define OPKOMST_DOMAIN_SEARCH_H_

#include <string>
#include <string_view>

namespace opkomst {

// Lower case ASCII, Latin letters with accents as their base letter
// ("Élodie Şahin" -> "elodie sahin", "ß" -> "ss"); other characters kept.
std::string FoldForSearch(std::string_view text);

// The decimal digits of `text`, in order ("+32 470 12-34" -> "324701234").
std::string DigitsOf(std::string_view text);

// Whether `query` names this identity: every word of the folded query
// occurs in the folded name or address ("amrani sara" finds
// "Sara El Amrani"), or the query is a phone number part (only digits and
// separators, at least kMinPhoneDigits digits) that occurs in the phone's
// digits. An empty query names nothing.
inline constexpr size_t kMinPhoneDigits = 3;
bool IdentityMatches(std::string_view query, std::string_view name, std::string_view phone, std::string_view address);

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_SEARCH_H_
