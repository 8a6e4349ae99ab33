#include "cli/config_file.h"

#include <sys/stat.h>

#include <fstream>
#include <set>
#include <sstream>

namespace opkomst {
namespace {

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

// The flag a key sets: the flag's name with - for _, or one of two aliases
// that read better in a file.
std::string FlagOf(std::string key) {
  if (key == "database") return "db";
  if (key == "address") return "host";
  for (char& c : key)
    if (c == '_') c = '-';
  return key;
}

}  // namespace

Status ApplyConfigText(const CliContext& c, const std::string& text, const std::string& path, Flags* flags) {
  std::istringstream lines(text);
  std::string line;
  std::set<std::string> seen;
  for (int number = 1; std::getline(lines, line); ++number) {
    std::string where = path + c.T(" regel ", " line ") + std::to_string(number);
    std::string content = Trim(line);
    if (content.empty() || content[0] == '#') continue;
    size_t equals = content.find('=');
    if (equals == std::string::npos)
      return InvalidInput(where + c.T(": '", ": '") + content +
                          c.T("' is geen 'sleutel = waarde'", "' is not 'key = value'"));
    std::string key = Trim(content.substr(0, equals)), value = Trim(content.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    std::string flag = FlagOf(key);
    if (key.empty() || key.find('-') != std::string::npos || !flags->Known(flag) || flag == "help" || flag == "config")
      return InvalidInput(where + c.T(": onbekende sleutel '", ": unknown key '") + key +
                          c.T("' (sleutels: de opties van serve met _ voor -, zie docs/operations.md)",
                              "' (keys: serve's options with _ for -, see docs/operations.md)"));
    if (!seen.insert(flag).second)
      return InvalidInput(where + c.T(": sleutel '", ": key '") + key +
                          c.T("' staat er twee keer in", "' appears twice"));
    if (value.empty() && !flags->IsSwitch(flag))
      return InvalidInput(where + c.T(": sleutel '", ": key '") + key + c.T("' heeft geen waarde", "' has no value"));
    Status s = flags->SetFromFile(flag, value, where);
    if (!s.ok())
      return InvalidInput(where + c.T(": sleutel '", ": key '") + key + c.T("' heeft waarde '", "' has value '") +
                          value + c.T("'; verwacht ja of nee (yes/no)", "'; expected yes or no"));
  }
  return Status::Ok();
}

Status ApplyConfigFile(const CliContext& c, Flags* flags) {
  std::string path = flags->Has("config") ? flags->Get("config") : "";
  if (path == "none") return Status::Ok();
  if (path.empty()) {
    struct stat info {};
    if (stat(kDefaultConfigPath, &info) != 0) return Status::Ok();
    path = kDefaultConfigPath;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Unavailable(c.T("kan het configuratiebestand niet lezen: ", "cannot read the configuration file: ") + path);
  // It may hold a database password, and it decides where the data goes:
  // a file others may write is refused.
  struct stat info {};
  if (stat(path.c_str(), &info) == 0 && (info.st_mode & (S_IWGRP | S_IWOTH)))
    return InvalidInput(path + c.T(": anderen mogen dit configuratiebestand wijzigen (chmod go-w)",
                                   ": others may change this configuration file (chmod go-w)"));
  std::ostringstream text;
  text << in.rdbuf();
  return ApplyConfigText(c, text.str(), path, flags);
}

}  // namespace opkomst
