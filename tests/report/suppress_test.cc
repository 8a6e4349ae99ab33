// Property tests of small-cell suppression on random tables shaped like
// the report's: count cells, a Totaal column that sums each row, and an N
// row that sums each column.
#include "report/suppress.h"

#include <gtest/gtest.h>

#include <random>

namespace opkomst::report {
namespace {

TableModel RandomTable(std::mt19937* random, bool as_percentages) {
  std::uniform_int_distribution<int> size(1, 7), small(0, 12), big(0, 90);
  size_t rows = static_cast<size_t>(size(*random)) + 1, cols = static_cast<size_t>(size(*random)) + 1;
  TableModel t;
  for (size_t c = 0; c < cols; ++c) t.columns.push_back("c" + std::to_string(c));
  t.columns.push_back("Totaal");
  std::vector<long long> column_sum(cols + 1, 0);
  for (size_t r = 0; r < rows; ++r) {
    TableRow row{"r" + std::to_string(r), {}, false};
    long long sum = 0;
    for (size_t c = 0; c < cols; ++c) {
      long long n = (*random)() % 3 == 0 ? big(*random) : small(*random);
      row.cells.push_back(as_percentages ? Cell::Percent(n, 100) : Cell::Count(n));
      row.cells.back().count = n;
      sum += n;
      column_sum[c] += n;
    }
    row.cells.push_back(Cell::Count(sum));
    column_sum[cols] += sum;
    t.rows.push_back(row);
  }
  TableRow n_row{"N", {}, false};
  for (long long s : column_sum) n_row.cells.push_back(Cell::Count(s));
  t.rows.push_back(n_row);
  return t;
}

// A hidden cell is recoverable from a line if it is the only hidden cell of
// a line that holds other visible counts (the line's total among them).
bool Recoverable(const std::vector<const Cell*>& line) {
  int hidden = 0;
  bool other_visible = false;
  for (const Cell* c : line) {
    hidden += c->kind == CellKind::kSuppressed;
    other_visible |= c->kind != CellKind::kSuppressed && CarriesCount(*c) && c->count > 0;
  }
  return hidden == 1 && other_visible;
}

TEST(SuppressTest, NoSmallCountStaysVisibleAndNoHiddenCellIsRecoverable) {
  std::mt19937 random(42);
  for (int trial = 0; trial < 3000; ++trial) {
    int k = 2 + trial % 9;
    TableModel t = RandomTable(&random, trial % 2 == 0);
    TableModel original = t;
    Suppress(&t, k);
    for (size_t r = 0; r < t.rows.size(); ++r) {
      std::vector<const Cell*> line;
      for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
        const Cell& cell = t.rows[r].cells[c];
        const Cell& before = original.rows[r].cells[c];
        line.push_back(&cell);
        if (before.count >= 1 && before.count < k) {
          ASSERT_EQ(cell.kind, CellKind::kSuppressed) << "trial " << trial << ": visible small count " << before.count;
        }
        if (cell.kind != CellKind::kSuppressed) {
          ASSERT_EQ(cell.kind, before.kind);  // visible cells are untouched
          ASSERT_EQ(cell.count, before.count);
        }
      }
      ASSERT_FALSE(Recoverable(line)) << "trial " << trial << " row " << r;
    }
    for (size_t c = 0; c < t.columns.size(); ++c) {
      std::vector<const Cell*> line;
      for (const TableRow& row : t.rows) line.push_back(&row.cells[c]);
      ASSERT_FALSE(Recoverable(line)) << "trial " << trial << " column " << c;
    }
  }
}

TEST(SuppressTest, SharesAndMeansOverFewDossiersAreHidden) {
  TableModel t;
  t.columns = {"Bij start", "Bij einde", "Evolutie (pp)", "Evolutie (%)"};
  Cell relative = Cell::Number(25, 0, 3);
  relative.kind = CellKind::kRelative;
  t.rows.push_back({"item", {Cell::PercentCount(2, 3), Cell::PercentCount(3, 3), Cell::Number(33.3, 1, 3), relative}});
  t.rows.push_back({"mean", {Cell::Number(2.5, 1, 4), Cell::Number(3.0, 1, 40), Cell(), Cell()}});
  t.tests.push_back({"item", "McNemar", 0, 0.5, 3});
  Suppress(&t, 5);
  for (const Cell& c : t.rows[0].cells) EXPECT_EQ(c.kind, CellKind::kSuppressed);
  EXPECT_EQ(t.rows[1].cells[0].kind, CellKind::kSuppressed);
  EXPECT_TRUE(t.tests.empty());
}

TEST(SuppressTest, KOfOneOrLessChangesNothing) {
  std::mt19937 random(1);
  TableModel t = RandomTable(&random, false);
  TableModel before = t;
  Suppress(&t, 1);
  for (size_t r = 0; r < t.rows.size(); ++r)
    for (size_t c = 0; c < t.rows[r].cells.size(); ++c)
      EXPECT_EQ(t.rows[r].cells[c].kind, before.rows[r].cells[c].kind);
}

TEST(Suppress, AMeanOverAHiddenCountGoesWithIt) {
  // T39's shape: spent and the average per family beside the families. A
  // families count hidden by secondary suppression must not be derivable as
  // spent / average.
  TableModel t;
  t.columns = {"Besteed", "Gezinnen", "Gemiddeld per gezin"};
  t.rows = {{"a", {Cell::Number(3508.6, 2, 23), Cell::Count(23), Cell::Number(152.55, 2, 23)}, false},
            {"b", {Cell::Number(120.0, 2, 2), Cell::Count(2), Cell::Number(60.0, 2, 2)}, false},
            {"Totaal", {Cell::Number(3628.6, 2, 25), Cell::Count(25), Cell::Number(145.14, 2, 25)}, false}};
  Suppress(&t, 5);
  EXPECT_EQ(t.rows[1].cells[1].kind, CellKind::kSuppressed);  // 2 families
  ASSERT_EQ(t.rows[0].cells[1].kind, CellKind::kSuppressed);  // secondary: 25 - 23 = 2
  EXPECT_EQ(t.rows[0].cells[2].kind, CellKind::kSuppressed);  // else 3508.6 / 152.55 = 23
  EXPECT_EQ(t.rows[0].cells[0].kind, CellKind::kSuppressed);
  EXPECT_EQ(t.rows[2].cells[2].kind, CellKind::kNumber);  // over a visible count: kept
}

}  // namespace
}  // namespace opkomst::report
