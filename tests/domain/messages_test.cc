#include "domain/messages.h"

#include <gtest/gtest.h>

#include "domain/embedded_data.h"
#include "domain/text.h"

namespace opkomst {
namespace {

// Every rule the parsers and validators emit. A rule missing from
// data/messages.txt would reach users as a bare id.
const char* const kRulesInCode[] = {"csv.encoding",
                                    "csv.quote_unterminated",
                                    "csv.quote_stray",
                                    "csv.quote_trailing",
                                    "csv.field_count",
                                    "csv.empty_file",
                                    "csv.null_byte",
                                    "header.unknown_column",
                                    "header.duplicate_column",
                                    "header.missing_column",
                                    "value.required",
                                    "value.code",
                                    "value.date",
                                    "value.integer",
                                    "value.range",
                                    "value.moment",
                                    "value.measurement_number",
                                    "value.indicator",
                                    "value.score",
                                    "value.too_long",
                                    "dossier.duplicate_id",
                                    "dossier.exists",
                                    "dossier.unknown",
                                    "dossier.end_before_start",
                                    "dossier.trajectory_order",
                                    "dossier.trajectory_duplicate",
                                    "dossier.track_mismatch",
                                    "measurement.duplicate",
                                    "measurement.before_start",
                                    "dossier.social_worker",
                                    "score.duplicate",
                                    "interview.duplicate",
                                    "file.missing",
                                    "file.unreadable"};

TEST(MessagesTest, EveryRuleHasDutchAndEnglishWording) {
  for (const char* rule : kRulesInCode) {
    EXPECT_TRUE(HasRule(rule)) << rule;
    std::string nl = RuleMessage(rule, Language::kDutch, "X", "V");
    std::string en = RuleMessage(rule, Language::kEnglish, "X", "V");
    EXPECT_NE(nl, en) << rule;
    EXPECT_EQ(nl.find('{'), std::string::npos) << rule << ": unfilled placeholder";
  }
}

TEST(MessagesTest, EveryCatalogueLineParses) {
  int lines = 0;
  std::string_view text = EmbeddedMessagesText();
  for (std::string_view line : SplitTrimmed(text, "\n"))
    if (!line.empty() && line[0] != '#') ++lines;
  EXPECT_EQ(static_cast<size_t>(lines), AllRules().size());
}

TEST(MessagesTest, FindingNamesFileLineColumnValueAndRule) {
  Finding f{"dossiers.csv", 12, "start_date", "2023-02-30", "value.date", ""};
  EXPECT_EQ(f.Describe(Language::kDutch),
            "dossiers.csv, regel 12, kolom start_date, waarde '2023-02-30': is geen geldige datum; verwacht "
            "JJJJ-MM-DD, bv. 2023-09-30");
  EXPECT_EQ(f.Describe(Language::kEnglish),
            "dossiers.csv, line 12, column start_date, value '2023-02-30': is not a valid date; expected YYYY-MM-DD, "
            "e.g. 2023-09-30");
}

TEST(MessagesTest, FindingsKeepCountingPastTheLimit) {
  Findings findings(3);
  for (int i = 0; i < 10; ++i) findings.Add({"f", i, "", "", "value.date", ""});
  EXPECT_EQ(findings.count(), 10u);
  EXPECT_EQ(findings.items().size(), 3u);
}

}  // namespace
}  // namespace opkomst
