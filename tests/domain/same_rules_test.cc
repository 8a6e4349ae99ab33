// "The same bad records everywhere" (issue 10): one table of bad records
// goes through (a) the import of an exchange folder, (b) the web forms
// through App::Handle, and (c) the domain validator directly, on every
// backend. Each path must give the same rule id for the same record, and
// accept the same good records. (The application layer's use cases will be
// a fourth path.)
#include <gtest/gtest.h>

#include <functional>

#include "app/transfer.h"
#include "domain/record_rules.h"
#include "web/web_app_fixture.h"

namespace opkomst::web {
namespace {

// One record with one field changed from a valid baseline. `rule` empty =
// the record is valid and every path must accept it.
struct BadRecord {
  std::string record;  // "dossier", "measurement" or "contact"
  std::string field;   // the record's column
  std::string value;
  std::string rule;
};

const std::vector<BadRecord>& Table() {
  static const std::vector<BadRecord> table = {
      // The import allowed 10-65, the web form 10-60: one range now.
      {"dossier", "mother_age_at_start", "66", "value.range"},
      {"dossier", "mother_age_at_start", "9", "value.range"},
      {"dossier", "mother_age_at_start", "63", ""},
      // The import allowed 64 characters; the web cut silently. Now refused.
      {"dossier", "mother_id", std::string(65, 'm'), "value.too_long"},
      {"dossier", "referrer", "=HYPERLINK(\"http://x\")", "value.formula"},
      {"dossier", "referrer", std::string(201, 'r'), "value.too_long"},
      {"dossier", "referrer", std::string(200, 'r'), ""},
      {"dossier", "end_date", "2025-01-09", "dossier.end_before_start"},
      // The import refused only a birth moment before the start, the web every moment.
      {"measurement", "measured_on", "2025-01-09", "measurement.before_start"},
      {"measurement", "children_in_household", "31", "value.range"},
      {"measurement", "children_in_household", "30", ""},
      // -1 is how a missing value is held: a parser must refuse it, not store "missing".
      {"measurement", "children_in_household", "-1", "value.range"},
      // Contacts are not part of the exchange format: web and domain only.
      {"contact", "note", std::string(2001, 'n'), "value.too_long"},
      {"contact", "kind", "fax", "value.code"},
  };
  return table;
}

constexpr char kStart[] = "2025-01-10";  // the start of every baseline dossier (and of D-mwa)

// ---- (c) the domain validator ----------------------------------------------

Findings DomainFindings(const BadRecord& r) {
  const Codebook& cb = Codebook::Default();
  if (r.record == "dossier") {
    Dossier d;
    d.dossier_id = "D1";
    d.mother_id = "M1";
    d.track = *cb.field("track").options.FindCode("opkomst");
    d.start_date = *Date::Parse(kStart);
    if (r.field == "mother_age_at_start") d.mother_age_at_start = std::stoi(r.value);
    if (r.field == "mother_id") d.mother_id = r.value;
    if (r.field == "referrer") d.referrer = r.value;
    if (r.field == "end_date") d.end_date = Date::Parse(r.value);
    return ValidateDossier(cb, d);
  }
  if (r.record == "measurement") {
    Measurement m;
    m.measured_on = Date::Parse(kStart);
    m.values.assign(cb.variables().size(), kMissing);
    if (r.field == "measured_on") m.measured_on = Date::Parse(r.value);
    Findings count;  // a count is judged as a number before it becomes a value
    for (size_t i = 0; i < cb.variables().size(); ++i)
      if (cb.variables()[i].name == r.field) {
        CheckCount(cb.variables()[i], std::stoll(r.value), &count);
        if (count.empty()) m.values[i] = std::stoi(r.value);
      }
    if (!count.empty()) return count;
    return ValidateMeasurement(cb, *Date::Parse(kStart), m);
  }
  std::string kind = r.field == "kind" ? r.value : "telefoon";
  std::string note = r.field == "note" ? r.value : "belde terug";
  return ValidateContact(kind, Date::Parse(kStart), note);
}

class SameRulesTest : public WebAppTest {
 protected:
  // ---- (a) the import: one folder per record -------------------------------
  std::vector<Finding> ImportFindings(const BadRecord& r, int number) {
    testing::TempDir folder;
    std::string id = "I" + std::to_string(number);
    std::map<std::string, std::string> dossier = {
        {"dossier_id", id},         {"mother_id", "MI" + std::to_string(number)},
        {"track", "opkomst"},       {"start_date", kStart},
        {"end_date", ""},           {"referrer", ""},
        {"mother_age_at_start", ""}};
    if (r.record == "dossier") dossier[r.field] = r.value;
    std::string header, row;
    for (const auto& [column, value] : dossier) {
      header += (header.empty() ? "" : ",") + column;
      row += (row.empty() ? "" : ",") + ("\"" + std::regex_replace(value, std::regex("\""), "\"\"") + "\"");
    }
    testing::WriteFile(folder.File("dossiers.csv"), header + "\n" + row + "\n");
    if (r.record == "measurement") {
      std::string measured_on = r.field == "measured_on" ? r.value : kStart;
      std::string children = r.field == "children_in_household" ? r.value : "";
      testing::WriteFile(folder.File("measurements.csv"), "dossier_id,moment,measured_on,children_in_household\n" + id +
                                                              ",start," + measured_on + "," + children + "\n");
    }
    Findings findings;
    Status s = ImportFolder(&pool_->Writer(), Codebook::Default(), folder.path(), ReadOptions(), &findings);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return findings.items();
  }

  // ---- (b) the web forms -----------------------------------------------------
  int64_t Version(const std::string& id) {
    auto d = pool_->Writer().GetDossier(id);
    EXPECT_TRUE(d.ok());
    return d.ok() ? d->version : 0;
  }

  WebResponse PostForm(const BadRecord& r, const std::string& token) {
    if (r.record == "dossier" && r.field == "end_date")
      return Post("/dossiers/D-mwa", token,
                  {{"version", std::to_string(Version("D-mwa"))}, {"due_date", "2025-05-01"}, {"end_date", r.value}});
    if (r.record == "dossier") {
      std::map<std::string, std::string> form = {{"traject", "opkomst"}, {"start_date", kStart}};
      std::string name = r.field == "mother_age_at_start" ? "mother_age" : r.field;
      form[name] = r.value;
      return Post("/dossiers/nieuw", token, form);
    }
    if (r.record == "measurement") {
      std::map<std::string, std::string> form = {{"version", std::to_string(Version("D-mwa"))},
                                                 {"measured_on", kStart}};
      form[r.field == "measured_on" ? "measured_on" : "v_" + r.field] = r.value;
      return Post("/dossiers/D-mwa/moment/start", token, form);
    }
    std::map<std::string, std::string> form = {{"contact_date", kStart}, {"kind", "telefoon"}, {"note", "belde terug"}};
    form[r.field] = r.value;
    return Post("/dossiers/D-mwa/contacten", token, form);
  }
};

TEST_P(SameRulesTest, EveryPathGivesTheSameRuleForTheSameRecord) {
  std::string token = SignIn("mwa");
  ASSERT_FALSE(token.empty());
  int number = 0;
  for (const BadRecord& r : Table()) {
    SCOPED_TRACE(r.record + "." + r.field + " = '" + r.value.substr(0, 30) + "'");
    ++number;
    // (c) domain: exactly the expected rule, on the record's field.
    Findings domain = DomainFindings(r);
    if (r.rule.empty()) {
      EXPECT_TRUE(domain.empty()) << domain.items().front().rule;
    } else {
      ASSERT_EQ(domain.count(), 1u);
      EXPECT_EQ(domain.items()[0].rule, r.rule);
      EXPECT_EQ(domain.items()[0].column, r.field);
    }
    // (a) import: the same rule on the same column, or accepted.
    if (r.record != "contact") {
      std::vector<Finding> imported = ImportFindings(r, number);
      if (r.rule.empty()) {
        EXPECT_TRUE(imported.empty()) << imported.front().Describe(Language::kEnglish);
      } else {
        ASSERT_EQ(imported.size(), 1u) << imported.front().Describe(Language::kEnglish);
        EXPECT_EQ(imported[0].rule, r.rule);
        EXPECT_EQ(imported[0].column, r.field);
        EXPECT_EQ(imported[0].expected, domain.items()[0].expected);
      }
    }
    // (b) web form: refused with that rule's message (same expected), or accepted.
    WebResponse response = PostForm(r, token);
    if (r.rule.empty()) {
      EXPECT_EQ(response.status, 303) << response.body.substr(0, 2000);
    } else {
      EXPECT_EQ(response.status, 422);
      const Finding& f = domain.items()[0];
      std::string message = Escape(RuleMessage(f.rule, Language::kDutch, f.expected, f.value));
      EXPECT_NE(response.body.find(message), std::string::npos)
          << "expected the message of " << f.rule << ": " << message;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SameRulesTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
