#include "cli/flags.h"

#include <charconv>

#include "domain/text.h"

namespace opkomst {
namespace {

std::string Lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

}  // namespace

const FlagSpec* Flags::Find(const std::string& name) const {
  for (const FlagSpec& s : specs_)
    if (s.name == name) return &s;
  return nullptr;
}

Status Flags::Parse(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") {
      for (++i; i < argc; ++i) positional_.push_back(argv[i]);
      break;
    }
    if (!StartsWith(arg, "--")) {
      if (StartsWith(arg, "-") && arg.size() > 1 && arg != "-h")
        return InvalidInput("unknown option '" + arg + "'; options start with two dashes, see --help");
      positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2), value;
    bool inline_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    const FlagSpec* spec = Find(name);
    if (spec == nullptr) return InvalidInput("unknown option '--" + name + "'; see --help for the options");
    if (spec->value_name.empty()) {
      if (inline_value) return InvalidInput("option --" + name + " takes no value (got '" + value + "')");
      values_[name] = "1";
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= argc) return InvalidInput("option --" + name + " needs a value: --" + name + " " + spec->value_name);
      value = argv[++i];
    }
    values_[name] = value;
  }
  return Status::Ok();
}

std::string Flags::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it != values_.end()) return it->second;
  const FlagSpec* spec = Find(name);
  return spec ? spec->default_value : "";
}

StatusOr<long long> Flags::GetInt(const std::string& name, long long min, long long max) const {
  std::string text = Get(name);
  auto n = ParseInteger(text);
  if (!n || *n < min || *n > max)
    return InvalidInput(Origin(name) + " has value '" + text + "'; expected a whole number from " +
                        std::to_string(min) + " to " + std::to_string(max));
  return *n;
}

std::string Flags::Origin(const std::string& name) const {
  auto it = origins_.find(name);
  if (it == origins_.end()) return "option --" + name;
  std::string key = name;
  for (char& c : key)
    if (c == '-') c = '_';
  return it->second + ": key " + key;
}

Status Flags::SetFromFile(const std::string& name, const std::string& value, const std::string& origin) {
  if (Find(name) == nullptr) return InvalidInput(origin + ": unknown key");
  if (values_.count(name)) return Status::Ok();  // the command line wins
  if (IsSwitch(name)) {
    std::string lower = Lower(value);
    if (lower == "yes" || lower == "true" || lower == "on" || lower == "1" || lower == "ja") {
      values_[name] = "1";
      origins_[name] = origin;
    } else if (!(lower == "no" || lower == "false" || lower == "off" || lower == "0" || lower == "nee")) {
      return InvalidInput(origin + " has value '" + value + "'; expected yes or no");
    }
    return Status::Ok();
  }
  values_[name] = value;
  origins_[name] = origin;
  return Status::Ok();
}

StatusOr<double> Flags::GetShare(const std::string& name) const {
  std::string text = Get(name);
  double share = -1;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), share);
  if (error != std::errc() || end != text.data() + text.size() || !(share >= 0 && share <= 1))
    return InvalidInput("option --" + name + " has value '" + text + "'; expected a share from 0 to 1, such as 0.3");
  return share;
}

std::string Flags::Usage() const {
  std::string out = "Options:\n";
  for (const FlagSpec& s : specs_) {
    std::string left = "  --" + s.name + (s.value_name.empty() ? "" : " " + s.value_name);
    if (left.size() < 28) left.resize(28, ' ');
    out += left + " " + s.help;
    if (!s.default_value.empty()) out += " (default: " + s.default_value + ")";
    out += "\n";
  }
  return out;
}

}  // namespace opkomst
