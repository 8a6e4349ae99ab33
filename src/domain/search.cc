#include "domain/search.h"

#include <vector>

namespace opkomst {
namespace {

// Base letters of U+00C0..U+00FF ('\0' = keep the character; '*' = two letters, below).
constexpr char kLatin1[] =
    "aaaaaa*ceeeeiiiidnooooo\0ouuuuyts"   // U+00C0..U+00DF (Æ, Þ->t, ß->s below)
    "aaaaaa*ceeeeiiiidnooooo\0ouuuuyty";  // U+00E0..U+00FF

// Base letters of Latin Extended-A, U+0100..U+017F, as ranges.
struct Range {
  char32_t first, last;
  const char* base;
};
constexpr Range kExtendedA[] = {
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"},  {0x112, 0x11B, "e"},  {0x11C, 0x123, "g"},
    {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"},  {0x136, 0x138, "k"},
    {0x139, 0x142, "l"}, {0x143, 0x14B, "n"}, {0x14C, 0x151, "o"},  {0x152, 0x153, "oe"}, {0x154, 0x159, "r"},
    {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},  {0x174, 0x175, "w"},  {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

// The folded form of code point `c` (U+00C0..U+017F); empty = keep it.
std::string FoldLetter(char32_t c) {
  if (c == 0xC6 || c == 0xE6) return "ae";
  if (c == 0xDF) return "ss";
  if (c >= 0xC0 && c <= 0xFF) {
    char base = kLatin1[c - 0xC0];
    return base == '\0' ? "" : std::string(1, base);
  }
  for (const Range& r : kExtendedA)
    if (c >= r.first && c <= r.last) return r.base;
  return "";
}

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && text[at] == ' ') ++at;
    size_t end = text.find(' ', at);
    if (end == std::string_view::npos) end = text.size();
    if (end > at) out.push_back(text.substr(at, end - at));
    at = end;
  }
  return out;
}

bool LooksLikePhone(std::string_view query) {
  for (char c : query)
    if (!(c >= '0' && c <= '9') && c != ' ' && c != '+' && c != '-' && c != '.' && c != '/' && c != '(' && c != ')')
      return false;
  return DigitsOf(query).size() >= kMinPhoneDigits;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    // Two-byte sequences C3 80 .. C5 BF are U+00C0..U+017F.
    if (b >= 0xC3 && b <= 0xC5 && i + 1 < text.size()) {
      unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if ((next & 0xC0) == 0x80) {
        char32_t c = static_cast<char32_t>(((b & 0x1F) << 6) | (next & 0x3F));
        std::string folded = FoldLetter(c);
        if (!folded.empty()) {
          out += folded;
          ++i;
          continue;
        }
      }
    }
    out.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : static_cast<char>(b));
  }
  // Tabs and line breaks separate words like spaces.
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

std::string DigitsOf(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}

bool IdentityMatches(std::string_view query, std::string_view name, std::string_view phone, std::string_view address) {
  std::string folded_query = FoldForSearch(query);
  std::vector<std::string_view> words = Words(folded_query);
  if (words.empty()) return false;
  if (LooksLikePhone(query) && !phone.empty() && DigitsOf(phone).find(DigitsOf(query)) != std::string::npos)
    return true;
  std::string haystack = FoldForSearch(name) + " " + FoldForSearch(address);
  for (std::string_view word : words)
    if (haystack.find(word) == std::string::npos) return false;
  return true;
}

}  // namespace opkomst
