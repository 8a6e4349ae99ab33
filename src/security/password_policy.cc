#include "security/password_policy.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

namespace opkomst {
std::string_view EmbeddedDataFile(std::string_view name);  // generated in the domain library
}

namespace opkomst::security {
namespace {

const std::set<std::string>& CommonPasswords() {
  static const std::set<std::string> list = [] {
    std::set<std::string> out;
    std::istringstream in{std::string(EmbeddedDataFile("common_passwords.txt"))};
    std::string line;
    while (std::getline(in, line))
      if (!line.empty() && line[0] != '#') out.insert(line);
    return out;
  }();
  return list;
}

size_t CodePoints(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string CheckPassword(std::string_view password, std::string_view username) {
  if (password.size() > kMaximumPasswordBytes) return "password.too_long";
  if (CodePoints(password) < kMinimumPasswordLength) return "password.too_short";
  std::string lower = Lower(password);
  if (std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower[0]; })) return "password.common";
  auto decoration = [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || std::ispunct(static_cast<unsigned char>(c)) || c == ' ';
  };
  size_t begin = 0, end = lower.size();
  while (begin < end && decoration(lower[begin])) ++begin;
  while (end > begin && decoration(lower[end - 1])) --end;
  std::string core = lower.substr(begin, end - begin);
  const auto& common = CommonPasswords();
  if (common.count(lower) || common.count(core)) return "password.common";
  if (!username.empty() && lower.find(Lower(username)) != std::string::npos) return "password.username";
  return "";
}

}  // namespace opkomst::security
