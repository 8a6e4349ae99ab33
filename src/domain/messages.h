// Findings of the validators and parsers, and their wording in Dutch and
// English. The wording lives in data/messages.txt: one line per rule.
#ifndef OPKOMST_DOMAIN_MESSAGES_H_
#define OPKOMST_DOMAIN_MESSAGES_H_

#include <string>
#include <vector>

namespace opkomst {

enum class Language { kDutch, kEnglish };

// One broken rule at one place: "dossiers.csv, regel 12, kolom start_date,
// waarde '2023-02-30': is geen geldige datum; verwacht JJJJ-MM-DD".
struct Finding {
  std::string file;      // e.g. "dossiers.csv"; empty if not file-bound
  int line = 0;          // 1-based physical line where the record starts; 0 = none
  std::string column;    // column / field name; empty for whole-row rules
  std::string value;     // the offending value as found
  std::string rule;      // rule id, a key of data/messages.txt
  std::string expected;  // fills {expected} in the message

  std::string Describe(Language language) const;
};

// The message text of a rule with {expected} and {value} filled in; the rule
// id itself if the catalogue has no such rule (a bug the tests catch).
std::string RuleMessage(const std::string& rule, Language language, const std::string& expected,
                        const std::string& value);
bool HasRule(const std::string& rule);
std::vector<std::string> AllRules();

// Collects findings; stops storing (but keeps counting) past a limit so a
// broken million-row file cannot exhaust memory.
class Findings {
 public:
  explicit Findings(size_t limit = 1000) : limit_(limit) {}
  void Add(Finding f);
  bool empty() const { return count_ == 0; }
  size_t count() const { return count_; }
  const std::vector<Finding>& items() const { return items_; }

 private:
  size_t limit_;
  size_t count_ = 0;
  std::vector<Finding> items_;
};

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_MESSAGES_H_
