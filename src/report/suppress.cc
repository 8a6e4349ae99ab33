#include "report/suppress.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace opkomst::report {
namespace {

bool Hidden(const Cell& c) { return c.kind == CellKind::kSuppressed; }

// A text that states a share in words ("1 op 3", K1) carries the share's
// count and denominator: it goes wherever its share goes.
bool StatesShare(const Cell& c) { return c.kind == CellKind::kText && c.denominator >= 1; }

void Hide(Cell* c) { c->kind = CellKind::kSuppressed; }

// Hides the smallest visible non-zero count among `cells`; false if none.
bool HideSmallest(const std::vector<Cell*>& cells) {
  Cell* best = nullptr;
  for (Cell* c : cells)
    if (!Hidden(*c) && CarriesCount(*c) && c->count > 0 && (best == nullptr || c->count < best->count)) best = c;
  if (best == nullptr) return false;
  Hide(best);
  return true;
}

}  // namespace

bool CarriesCount(const Cell& c) {
  return c.kind == CellKind::kCount || c.kind == CellKind::kPercent || c.kind == CellKind::kPercentCount;
}

void Suppress(TableModel* t, int k) {
  if (k <= 1) return;
  // Primary suppression.
  for (TableRow& row : t->rows)
    for (Cell& c : row.cells) {
      bool small_count = CarriesCount(c) && c.count >= 1 && c.count < k;
      bool small_base = (c.kind == CellKind::kNumber || c.kind == CellKind::kRelative || CarriesCount(c)) &&
                        c.denominator >= 1 && c.denominator < k;
      bool small_phrase = StatesShare(c) && ((c.count >= 1 && c.count < k) || c.denominator < k);
      if (small_count || small_base || small_phrase) Hide(&c);
    }
  // Secondary suppression until no row or column has a single hidden cell.
  size_t width = t->columns.size();
  for (bool changed = true; changed;) {
    changed = false;
    for (TableRow& row : t->rows) {
      std::vector<Cell*> line;
      int hidden = 0;
      for (size_t c = 0; c < row.cells.size() && c < width; ++c) {
        line.push_back(&row.cells[c]);
        hidden += Hidden(row.cells[c]);
      }
      if (hidden == 1) changed |= HideSmallest(line);
    }
    for (size_t c = 0; c < width; ++c) {
      std::vector<Cell*> line;
      int hidden = 0;
      for (TableRow& row : t->rows) {
        if (c >= row.cells.size()) continue;
        line.push_back(&row.cells[c]);
        hidden += Hidden(row.cells[c]);
      }
      if (hidden == 1) changed |= HideSmallest(line);
    }
  }
  // Changes computed from hidden shares go too (Tables 17-19: pp and %).
  for (TableRow& row : t->rows) {
    bool any_hidden_share = false;
    for (const Cell& c : row.cells) any_hidden_share |= Hidden(c);
    if (!any_hidden_share) continue;
    for (Cell& c : row.cells)
      if (c.kind == CellKind::kRelative || StatesShare(c) ||
          (c.kind == CellKind::kNumber && t->columns.size() == 4 && t->columns[2] == "Evolutie (pp)"))
        Hide(&c);
  }
  // A mean over a hidden count next to the visible total it divides gives
  // the count away (T39: spent / average per family = families): it goes.
  for (TableRow& row : t->rows) {
    std::vector<long long> hidden_counts;
    for (const Cell& c : row.cells)
      if (Hidden(c) && c.count > 0) hidden_counts.push_back(c.count);
    for (Cell& c : row.cells)
      if (c.kind == CellKind::kNumber && c.denominator > 0 &&
          std::find(hidden_counts.begin(), hidden_counts.end(), c.denominator) != hidden_counts.end())
        Hide(&c);
  }
  // Paired tests over hidden rows would give the hidden numbers away.
  std::vector<RowTest> kept;
  for (const RowTest& test : t->tests)
    if (test.n >= k) kept.push_back(test);
  t->tests = kept;
}

}  // namespace opkomst::report
