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
  // An integer flag within [min, max]; errors name the flag and the value.
  StatusOr<long long> GetInt(const std::string& name, long long min, long long max) const;
  // A share from 0 to 1 ("0.3"); errors name the flag and the value.
  StatusOr<double> GetShare(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }
  std::string Usage() const;

 private:
  const FlagSpec* Find(const std::string& name) const;
  std::vector<FlagSpec> specs_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

}  // namespace opkomst

#endif  // OPKOMST_CLI_FLAGS_H_
