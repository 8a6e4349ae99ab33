// "The same bad records everywhere" (issue 10): one table of bad records
// goes through (a) the import of an exchange folder, (b) the web forms
// through App::Handle, (c) the domain validator directly, and (d) the
// application layer's use cases directly (app/registration.h), on every
// backend. Each path must give the same rule id for the same record, and
// accept the same good records. A row names the paths that can carry it:
// the exchange has no accounts to assign, the web never takes a
// trajectory number, a contact's note reaches the use case sealed, and a
// typed measurement cannot hold the count -1 (it is how "missing" is held).
#include <gtest/gtest.h>

#include <functional>

#include "app/registration.h"
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
  std::string paths = "iwdu";  // i import, w web form, d domain, u use case
};

const std::vector<BadRecord>& Table() {
  static const std::vector<BadRecord> table = {
      // The import allowed 10-65, the web form 10-60: one range now.
      {"dossier", "mother_age_at_start", "66", "value.range"},
      {"dossier", "mother_age_at_start", "9", "value.range"},
      {"dossier", "mother_age_at_start", "63", ""},
      {"dossier", "mother_age_at_start", "61", ""},
      // The import allowed 64 characters; the web cut silently. Now refused.
      {"dossier", "mother_id", std::string(65, 'm'), "value.too_long"},
      {"dossier", "mother_id", std::string(41, 'm'), ""},
      // The assignment field listed workers only, but the POST took any account.
      {"dossier", "social_worker", "onderzoeker", "dossier.social_worker", "wdu"},
      {"dossier", "social_worker", "mwb", "", "du"},
      // M-mwa's dossier D-mwa holds trajectory 1 already.
      {"dossier", "trajectory_number", "1", "dossier.trajectory_duplicate", "iu"},
      {"dossier", "referrer", "=HYPERLINK(\"http://x\")", "value.formula"},
      {"dossier", "referrer", std::string(201, 'r'), "value.too_long"},
      {"dossier", "referrer", std::string(200, 'r'), ""},
      {"dossier", "end_date", "2025-01-09", "dossier.end_before_start"},
      // The import refused only a birth moment before the start, the web every moment.
      {"measurement", "measured_on", "2025-01-09", "measurement.before_start"},
      {"measurement", "children_in_household", "31", "value.range"},
      {"measurement", "children_in_household", "30", ""},
      // -1 is how a missing value is held: a parser must refuse it, not store "missing".
      {"measurement", "children_in_household", "-1", "value.range", "iwd"},  // a typed command cannot hold it
      // Contacts are not part of the exchange format: web and domain only.
      {"contact", "note", std::string(2001, 'n'), "value.too_long", "wd"},
      {"contact", "kind", "fax", "value.code", "wd"},
  };
  return table;
}

constexpr char kStart[] = "2025-01-10";  // the start of every baseline dossier (and of D-mwa)

// ---- (c) the domain validator ----------------------------------------------

// The baseline dossier with the row's field changed.
Dossier DossierOf(const BadRecord& r, const std::string& id) {
  const Codebook& cb = Codebook::Default();
  Dossier d;
  d.dossier_id = id;
  d.mother_id = "M" + id;
  d.track = *cb.field("track").options.FindCode("opkomst");
  d.start_date = *Date::Parse(kStart);
  d.social_worker = "mwa";
  if (r.field == "mother_age_at_start") d.mother_age_at_start = std::stoi(r.value);
  if (r.field == "mother_id") d.mother_id = r.value;
  if (r.field == "referrer") d.referrer = r.value;
  if (r.field == "end_date") d.end_date = Date::Parse(r.value);
  if (r.field == "social_worker") d.social_worker = r.value;
  if (r.field == "trajectory_number") {
    d.mother_id = "M-mwa";
    d.trajectory_number = std::stoi(r.value);
  }
  return d;
}

// The account the assignment rows name, as the fixture made it.
Findings AssignmentFindings(const BadRecord& r) {
  bool worker = r.value.rfind("mw", 0) == 0;
  return ValidateAssignment(r.value, true, worker ? "maatschappelijk_werker" : r.value, true);
}

Findings DomainFindings(const BadRecord& r) {
  const Codebook& cb = Codebook::Default();
  if (r.record == "dossier" && r.field == "social_worker") return AssignmentFindings(r);
  if (r.record == "dossier") return ValidateDossier(cb, DossierOf(r, "D1"));
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
    if (r.field == "trajectory_number") dossier["mother_id"] = "M-mwa";
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

  // ---- (d) the use cases -----------------------------------------------------
  std::vector<Finding> UseCaseFindings(const BadRecord& r, int number) {
    Findings findings;
    app::Services services{pool_->Writer(), Codebook::Default(), nullptr, &findings};
    AuditEvent audit{"mwa", "maatschappelijk_werker", "test", "", "ok", ""};
    Status s;
    if (r.record == "dossier") {
      s = app::CreateDossier(services, {DossierOf(r, "U" + std::to_string(number)), "", audit}).status();
    } else {
      Measurement m;
      m.moment = Moment::kStart;
      m.measured_on = Date::Parse(r.field == "measured_on" ? r.value : kStart);
      m.values.assign(Codebook::Default().variables().size(), kMissing);
      if (auto v = Codebook::Default().FindVariable(r.field)) m.values[static_cast<size_t>(*v)] = std::stoi(r.value);
      s = app::RegisterMoment(services, {"D-mwa", Version("D-mwa"), m, audit}).status();
    }
    EXPECT_EQ(s.ok(), findings.empty()) << s.ToString();
    if (!s.ok()) {
      EXPECT_EQ(s.code(), StatusCode::kInvalidInput) << s.ToString();
    }
    return findings.items();
  }

  // ---- (b) the web forms -----------------------------------------------------
  int64_t Version(const std::string& id) {
    auto d = pool_->Writer().GetDossier(id);
    EXPECT_TRUE(d.ok());
    return d.ok() ? d->version : 0;
  }

  WebResponse PostForm(const BadRecord& r, const std::string& token) {
    if (r.record == "dossier" && r.field == "social_worker")
      return Post("/dossiers/D-mwa", token,
                  {{"version", std::to_string(Version("D-mwa"))}, {"due_date", "2025-05-01"}, {"werker", r.value}});
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

// Every path that carries `r` gives its rule on its column with the same
// expected value, or accepts it.
void ExpectSameRule(const BadRecord& r, const std::vector<Finding>& found, const std::string& path,
                    std::string* expected) {
  SCOPED_TRACE(path);
  if (r.rule.empty()) {
    EXPECT_TRUE(found.empty()) << found.front().Describe(Language::kEnglish);
    return;
  }
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, r.rule);
  EXPECT_EQ(found[0].column, r.field);
  if (expected->empty()) *expected = found[0].expected + "|";
  EXPECT_EQ(found[0].expected + "|", *expected);
}

TEST_P(SameRulesTest, EveryPathGivesTheSameRuleForTheSameRecord) {
  std::string token = SignIn("mwa"), lead = SignIn("teamverantwoordelijke");
  ASSERT_FALSE(token.empty());
  ASSERT_FALSE(lead.empty());
  int number = 0;
  for (const BadRecord& r : Table()) {
    SCOPED_TRACE(r.record + "." + r.field + " = '" + r.value.substr(0, 30) + "'");
    ++number;
    auto carries = [&](char path) { return r.paths.find(path) != std::string::npos; };
    std::string expected;  // the first path's expected value; every other path must agree
    if (carries('d')) ExpectSameRule(r, DomainFindings(r).items(), "domain", &expected);
    if (carries('i')) ExpectSameRule(r, ImportFindings(r, number), "import", &expected);
    if (carries('u')) ExpectSameRule(r, UseCaseFindings(r, number), "use case", &expected);
    if (!carries('w')) continue;
    // The web form: refused with that rule's message (same expected), or accepted.
    WebResponse response = PostForm(r, r.field == "social_worker" ? lead : token);
    if (r.rule.empty()) {
      EXPECT_EQ(response.status, 303) << response.body.substr(0, 2000);
    } else {
      EXPECT_EQ(response.status, 422);
      std::string message = Escape(RuleMessage(r.rule, Language::kDutch, expected.substr(0, expected.size() - 1), ""));
      EXPECT_NE(response.body.find(message), std::string::npos)
          << "expected the message of " << r.rule << ": " << message;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SameRulesTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
