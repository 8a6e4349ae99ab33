// Numbers as the report prints them: decimal comma, half-up rounding.
#ifndef OPKOMST_REPORT_FORMAT_H_
#define OPKOMST_REPORT_FORMAT_H_

#include <string>

#include "report/table.h"

namespace opkomst::report {

// Rounds half away from zero (the report's 12,5 -> 13 and 3,625 -> 3,63),
// with a tolerance for binary fractions such as 0,145.
double RoundHalfUp(double value, int decimals);
// "6,4", "-2,9", "3,63"; "0" for zero with 0 decimals.
std::string FormatNumber(double value, int decimals);
// A p-value as a Dutch reader expects it: "0,0312", and "< 0,0001" below.
std::string FormatPValue(double p);
// The text of a cell: "37,0%", "57,5% (17)", "/", "-", ...
std::string FormatCell(const Cell& cell);

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_FORMAT_H_
