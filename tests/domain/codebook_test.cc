#include "domain/codebook.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/embedded_data.h"

namespace opkomst {
namespace {

TEST(CodebookTest, DefaultHoldsEveryExchangeVariable) {
  const Codebook& cb = Codebook::Default();
  // EXCHANGE.md measurements.csv: 15 named columns + 7 diff + 12 admin + 15 org.
  EXPECT_EQ(cb.variables().size(), 46u);
  for (const char* name : {"interest_pregnancy", "family_composition", "children_in_household", "secondary_diploma",
                           "income_mother", "income_father", "residence_mother", "residence_father",
                           "employment_mother", "employment_father", "housing", "network", "diff_domestic_violence",
                           "admin_child_benefit", "admin_baby_equipment", "org_kind_en_gezin", "org_group_work"})
    EXPECT_TRUE(cb.FindVariable(name).has_value()) << name;
  int diff = 0, admin = 0, org = 0;
  for (const Variable& v : cb.variables()) {
    diff += v.name.rfind("diff_", 0) == 0;
    admin += v.name.rfind("admin_", 0) == 0;
    org += v.name.rfind("org_", 0) == 0;
  }
  EXPECT_EQ(diff, 7);
  EXPECT_EQ(admin, 12);
  EXPECT_EQ(org, 15);
}

TEST(CodebookTest, SlotsAreUniqueAndDense) {
  std::set<int> slots;
  for (const Variable& v : Codebook::Default().variables()) EXPECT_TRUE(slots.insert(v.slot).second) << v.name;
  EXPECT_EQ(static_cast<int>(slots.size()), Codebook::Default().slot_count());
}

struct LookupCase {
  const char* variable;
  const char* text;
  const char* code;  // nullptr: must be refused
};

TEST(CodebookTest, AcceptsCodesAndDutchLabelsCaseInsensitively) {
  const LookupCase cases[] = {
      {"family_composition", "koppel_beide", "koppel_beide"},
      {"family_composition", "  Koppel - zwangerschap en/of kinderen van beide ", "koppel_beide"},
      {"family_composition", "ALLEENSTAAND", "alleenstaand"},
      {"housing", "Crisisopvang/ residentiële opvang", "crisisopvang"},
      {"housing", "CRISISOPVANG/ RESIDENTIËLE OPVANG", "crisisopvang"},
      {"housing", "Vaste betaalbare en kwaliteitsvolle huisvesting", "vast_kwalitatief"},
      {"secondary_diploma", "Neen", "neen"},
      {"secondary_diploma", "Nee, maar mama of papa studeert nog/opnieuw", "neen_studeert"},
      {"interest_pregnancy", "4", "4"},
      {"interest_pregnancy", "Zeer gezonde interesse", "5"},
      {"admin_child_benefit", "Ja", "ja"},
      {"admin_child_benefit", "nvt", nullptr},
      {"network", "2 of 3", "twee_drie"},
      {"income_mother", "Inkomen uit arbeid", "arbeid"},
      {"income_mother", "salaris", nullptr},
      {"residence_mother", "Visum voor kort verblijf", "kort_verblijf"},
  };
  const Codebook& cb = Codebook::Default();
  for (const LookupCase& c : cases) {
    const Variable& v = cb.variables()[static_cast<size_t>(*cb.FindVariable(c.variable))];
    auto found = v.options->Find(c.text);
    if (c.code == nullptr) {
      EXPECT_FALSE(found.has_value()) << c.variable << " " << c.text;
    } else {
      ASSERT_TRUE(found.has_value()) << c.variable << " " << c.text;
      EXPECT_EQ(v.options->at(*found).code, c.code);
    }
  }
}

TEST(CodebookTest, KeepsUnknownAndNotApplicableApart) {
  const Codebook& cb = Codebook::Default();
  const Variable& v = cb.variables()[static_cast<size_t>(*cb.FindVariable("family_composition"))];
  EXPECT_NE(v.options->FindCode("onbekend"), v.options->FindCode("nvt"));
  EXPECT_TRUE(v.options->FindCode("onbekend").has_value());
  EXPECT_TRUE(v.options->FindCode("nvt").has_value());
}

TEST(CodebookTest, IndicatorSetsMatchTheCodebook) {
  const IndicatorSet& cs = Codebook::Default().indicator_set("casestudy");
  EXPECT_EQ(cs.indicators.size(), 32u);
  EXPECT_EQ(cs.domains.size(), 3u);
  int dropped = 0;
  for (const Indicator& i : cs.indicators) dropped += i.dropped;
  EXPECT_EQ(dropped, 2);
  EXPECT_EQ(cs.ScoreText(*cs.ParseScore("5")), "5");
  EXPECT_EQ(cs.ScoreText(*cs.ParseScore("weet ik niet")), "weet_niet");
  EXPECT_EQ(cs.ScoreText(*cs.ParseScore("NVT")), "nvt");
  EXPECT_FALSE(cs.ParseScore("6").has_value());
  EXPECT_FALSE(cs.ParseScore("0").has_value());
  EXPECT_FALSE(cs.NumericValue(*cs.ParseScore("nvt")).has_value());
  const IndicatorSet& iv = Codebook::Default().indicator_set("interview");
  EXPECT_EQ(iv.indicators.size(), 16u);
  EXPECT_FALSE(iv.ParseScore("5").has_value());
  EXPECT_EQ(*iv.NumericValue(*iv.ParseScore("4")), 4);
}

struct BadCodebookCase {
  const char* text;
  const char* message_part;
};

TEST(CodebookTest, RefusesBrokenDefinitionsWithTheLine) {
  const std::string base =
      "group g | G | G\n"
      "field track | T | T\noption a | A | a\n"
      "field referrer_type | T | T\noption a | A | a\n"
      "field pregnant_at_start | T | T\noption a | A | a\n"
      "field first_pregnancy | T | T\noption a | A | a\n"
      "indicatorset casestudy | C | C | scale=1-5 | special=nvt:nvt\ndomain d | D | D | D\nindicator x | X | x\n"
      "indicatorset interview | I | I | scale=1-4 | special=\ndomain d | D | D | D\nindicator y | Y | y\n";
  ASSERT_TRUE(Codebook::Parse(base).ok()) << Codebook::Parse(base).status().message();
  const BadCodebookCase cases[] = {
      {"var v | slot=0 | group=g | moments=start | V | v\n", "has no options"},
      {"var v | slot=0 | group=nope | moments=start | V | v\noption a | A | a\n", "unknown group"},
      {"var v | slot=x | group=g | moments=start | V | v\noption a | A | a\n", "needs slot"},
      {"var v | slot=0 | group=g | moments=later | V | v\noption a | A | a\n", "unknown moment"},
      {"var v | slot=0 | group=g | moments=start | V | v\noption a | A | a\n"
       "var w | slot=0 | group=g | moments=start | W | w\noption a | A | a\n",
       "slot 0 used twice"},
      {"var v | slot=0 | group=g | moments=start | V | v\noption a | A | a\noption a | B | b\n", "defined twice"},
      {"var v | slot=0 | group=g | moments=start | list=missing | V | v\n", "unknown list"},
      {"frobnicate x\n", "unknown statement"},
  };
  for (const BadCodebookCase& c : cases) {
    auto parsed = Codebook::Parse(base + c.text);
    ASSERT_FALSE(parsed.ok()) << c.text;
    EXPECT_NE(parsed.status().message().find(c.message_part), std::string::npos) << parsed.status().message();
    EXPECT_NE(parsed.status().message().find("codebook line "), std::string::npos);
  }
}

TEST(CodebookTest, AddingACategoryIsADataChange) {
  // The default codebook with one extra housing option appended at the end
  // of its list: it parses, and the new code is accepted by the same lookup
  // that serves the rest.
  std::string data(EmbeddedCodebookText());
  size_t at = data.find("option nvt", data.find("var housing"));
  ASSERT_NE(at, std::string::npos);
  data.insert(data.find('\n', at) + 1, "option woonwagen | Woonwagen | caravan\n");
  auto parsed = Codebook::Parse(data);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  const Variable& housing = (*parsed)->variables()[static_cast<size_t>(*(*parsed)->FindVariable("housing"))];
  EXPECT_TRUE(housing.options->Find("Woonwagen").has_value());
}

}  // namespace
}  // namespace opkomst
