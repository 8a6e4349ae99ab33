#include "storage/rows.h"

#include <gtest/gtest.h>

namespace opkomst {
namespace {

TEST(RowsTest, AnswersEncodeOneCharacterPerSlot) {
  const Codebook& cb = Codebook::Default();
  std::vector<Code> values(cb.variables().size(), kMissing);
  EXPECT_EQ(EncodeAnswers(cb, values), std::string(static_cast<size_t>(cb.slot_count()), '-'));
  values[static_cast<size_t>(*cb.FindVariable("housing"))] = 5;
  values[static_cast<size_t>(*cb.FindVariable("children_in_household"))] = 12;
  std::string encoded = EncodeAnswers(cb, values);
  EXPECT_EQ(encoded[10], '5');  // housing is slot 10
  EXPECT_EQ(encoded[2], 'C');   // 12 in the 0-9A-Z alphabet
  auto decoded = DecodeAnswers(cb, encoded);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, values);
  EXPECT_EQ(DecodeAnswers(cb, "!!!").status().code(), StatusCode::kIncompatible);
}

TEST(RowsTest, ShorterStoredAnswersReadAsMissing) {
  // Rows written before a variable was added have no character for it.
  const Codebook& cb = Codebook::Default();
  auto decoded = DecodeAnswers(cb, "12");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ((*decoded)[0], 1);
  EXPECT_EQ((*decoded)[1], 2);
  EXPECT_EQ((*decoded)[static_cast<size_t>(*cb.FindVariable("housing"))], kMissing);
}

TEST(RowsTest, LayoutMayGrowButNotChange) {
  const Codebook& cb = Codebook::Default();
  std::vector<std::string> layout = cb.StorageLayout();
  std::vector<std::pair<int, std::string>> stored;
  for (size_t i = 0; i < layout.size(); ++i) stored.emplace_back(static_cast<int>(i), layout[i]);
  auto same = LayoutChanges(cb, stored);
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same->empty());
  // A stored list that is a prefix of today's (a code was appended): fine.
  stored[10].second = "housing:dakloos, crisisopvang";
  auto grown = LayoutChanges(cb, stored);
  ASSERT_TRUE(grown.ok());
  EXPECT_EQ(grown->size(), 1u);
  // A stored code that is no longer in its place: refused.
  stored[10].second = "housing:crisisopvang";
  EXPECT_EQ(LayoutChanges(cb, stored).status().code(), StatusCode::kIncompatible);
  stored[10].second = layout[10];
  stored.emplace_back(99, "gone:a");
  EXPECT_EQ(LayoutChanges(cb, stored).status().code(), StatusCode::kIncompatible);
}

TEST(RowsTest, DossierRowsRoundTrip) {
  const Codebook& cb = Codebook::Default();
  Dossier d;
  d.dossier_id = "D1";
  d.mother_id = "M1";
  d.trajectory_number = 2;
  d.track = 1;
  d.start_date = *Date::Parse("2021-02-03");
  d.end_date = *Date::Parse("2021-09-30");
  d.child_age_months_at_start = -4;
  d.pregnant_at_start = 0;
  d.version = 7;
  Row row = DossierToRow(cb, d);
  row.push_back(std::string("7"));
  auto back = DossierFromRow(cb, row);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, d);
  EXPECT_EQ(back->version, 7);
  row[3] = std::string("opkomst_extra");
  EXPECT_EQ(DossierFromRow(cb, row).status().code(), StatusCode::kIncompatible);
}

}  // namespace
}  // namespace opkomst
