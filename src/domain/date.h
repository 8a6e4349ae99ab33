// A calendar date without time zone, stored as days since 1970-01-01.
#ifndef OPKOMST_DOMAIN_DATE_H_
#define OPKOMST_DOMAIN_DATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace opkomst {

class Date {
 public:
  Date() = default;
  static Date FromDays(int32_t days) {
    Date d;
    d.days_ = days;
    return d;
  }
  // Returns nullopt unless `year`-`month`-`day` is a real calendar day
  // between 1900-01-01 and 2199-12-31.
  static std::optional<Date> FromYmd(int year, int month, int day);
  // Parses exactly YYYY-MM-DD.
  static std::optional<Date> Parse(std::string_view text);
  static Date Today();

  int32_t days() const { return days_; }
  // Year, month and day at once (each accessor below converts separately).
  void ToCivil(int* year, int* month, int* day) const;
  int year() const;
  int month() const;
  int day() const;
  std::string ToString() const;  // YYYY-MM-DD

  Date AddDays(int n) const { return FromDays(days_ + n); }
  // Same day `n` months later (clamped to the month's last day).
  Date AddMonths(int n) const;

  friend bool operator==(Date a, Date b) { return a.days_ == b.days_; }
  friend bool operator!=(Date a, Date b) { return a.days_ != b.days_; }
  friend bool operator<(Date a, Date b) { return a.days_ < b.days_; }
  friend bool operator<=(Date a, Date b) { return a.days_ <= b.days_; }
  friend bool operator>(Date a, Date b) { return a.days_ > b.days_; }
  friend bool operator>=(Date a, Date b) { return a.days_ >= b.days_; }

 private:
  int32_t days_ = 0;
};

// Whole months from `from` to `to` (negative when `to` is earlier); a month
// counts once its day-of-month is reached, as people count a child's age.
int WholeMonthsBetween(Date from, Date to);

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_DATE_H_
