// Command-line flags: --name VALUE or --name=VALUE, declared per command,
// with errors that name the flag, the value and the rule.
#ifndef OPKOMST_CLI_FLAGS_H_
#define OPKOMST_CLI_FLAGS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace opkomst {

struct FlagSpec {
  std::string name;        // without dashes
  std::string value_name;  // empty for a switch
  std::string help;
  std::string default_value;
};

class Flags {
 public:
  explicit Flags(std::vector<FlagSpec> specs) : specs_(std::move(specs)) {}
  // Parses argv[first..]; positional arguments are kept in order.
  Status Parse(int argc, char** argv, int first);
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::string Get(const std::string& name) const;
  // An integer flag within [min, max]; errors name the flag and the value
  // (and the file and line when the value came from a configuration file).
  StatusOr<long long> GetInt(const std::string& name, long long min, long long max) const;
  // A value from a configuration file, kept only where the command line
  // gave none (flags override the file). `origin` ("FILE line N") names the
  // value's place in errors. For a switch the value is a yes or no.
  Status SetFromFile(const std::string& name, const std::string& value, const std::string& origin);
  bool Known(const std::string& name) const { return Find(name) != nullptr; }
  bool IsSwitch(const std::string& name) const { return Find(name) && Find(name)->value_name.empty(); }
  // "option --name" or "FILE line N: key name": where a value came from.
  std::string Origin(const std::string& name) const;
  // A share from 0 to 1 ("0.3"); errors name the flag and the value.
  StatusOr<double> GetShare(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }
  std::string Usage() const;

 private:
  const FlagSpec* Find(const std::string& name) const;
  std::vector<FlagSpec> specs_;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::string> origins_;  // values from a file: where
  std::vector<std::string> positional_;
};

}  // namespace opkomst

#endif  // OPKOMST_CLI_FLAGS_H_
