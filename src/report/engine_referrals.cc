// The intake's referral analytics (issue 12 §6, docs/intake.md): referrals
// per month and per referring organisation and kind, the pregnancy month
// at referral against the ideal 4.5, the medical sector's share, the
// decisions with the reasons for declining, and the lead times (median
// and P90). Computed from the pseudonymous ReferralFact records only.
//
// Which referrals: received on or before the cut-off date (and within the
// start-date filters, read as the date of receipt); a decision, a first
// home visit or a withdrawal counts only if it happened by the cut-off
// date. The track filter does not apply: a referral has no track yet.
#include <algorithm>
#include <cmath>
#include <map>

#include "report/engine.h"

namespace opkomst::report {
namespace {

// The kinds of referrer in the tables' order; "" = self-referral.
const std::vector<std::pair<std::string, std::string>>& Kinds() {
  static const std::vector<std::pair<std::string, std::string>> kinds = {
      {"ziekenhuis", "Ziekenhuis"},
      {"medisch", "Medisch (huisarts, vroedvrouw)"},
      {"kind_en_gezin", "Kind en Gezin"},
      {"wijkgezondheidscentrum", "Wijkgezondheidscentrum"},
      {"interne_stadsdienst", "Interne stadsdienst"},
      {"andere", "Andere organisatie"},
      {"", "Zelfmelding"}};
  return kinds;
}

size_t KindIndex(const std::string& kind) {
  const auto& kinds = Kinds();
  for (size_t i = 0; i < kinds.size(); ++i)
    if (kinds[i].first == kind) return i;
  return kinds.size() - 2;  // an unknown code counts as "andere"
}

bool Medical(const std::string& kind) { return kind == "ziekenhuis" || kind == "medisch"; }

bool By(int32_t date, int32_t as_of) { return date != kNoDate && date <= as_of; }

std::vector<const ReferralFact*> Selected(const Dataset& data, const Filters& filters) {
  int32_t as_of = static_cast<int32_t>(filters.as_of.days());
  std::vector<const ReferralFact*> out;
  for (const ReferralFact& r : data.referrals()) {
    if (!By(r.received, as_of)) continue;
    if (filters.start_from && r.received < filters.start_from->days()) continue;
    if (filters.start_until && r.received > filters.start_until->days()) continue;
    out.push_back(&r);
  }
  return out;
}

// The pregnancy month at the referral (docs/intake.md): a pregnancy lasts
// 280 days, so month = (280 - days until the due date) / (280 / 9), within 0-9.
std::optional<double> PregnancyMonth(const ReferralFact& r) {
  if (!r.pregnant || r.due == kNoDate) return std::nullopt;
  double month = (280.0 - (r.due - r.received)) / (280.0 / 9.0);
  return std::clamp(month, 0.0, 9.0);
}

// The q-quantile with linear interpolation between the order statistics
// (as pandas' quantile): position q * (n - 1) in the sorted values.
double Quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  double position = q * static_cast<double>(values.size() - 1);
  size_t below = static_cast<size_t>(std::floor(position));
  if (below + 1 >= values.size()) return values.back();
  return values[below] + (values[below + 1] - values[below]) * (position - static_cast<double>(below));
}

double Mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

std::string MonthLabel(int month) {  // year * 12 + month - 1
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", month / 12, month % 12 + 1);
  return text;
}

void PerMonth(const std::vector<const ReferralFact*>& referrals, TableModel* m) {
  const auto& kinds = Kinds();
  for (const auto& kind : kinds) m->columns.push_back(kind.second);
  m->columns.push_back("Totaal");
  std::map<int, std::vector<long long>> months;
  for (const ReferralFact* r : referrals) {
    Date received = Date::FromDays(r->received);
    int month = received.year() * 12 + received.month() - 1;
    auto& counts = months[month];
    counts.resize(kinds.size() + 1);
    ++counts[KindIndex(r->kind)];
    ++counts[kinds.size()];
  }
  std::vector<long long> total(kinds.size() + 1);
  if (!months.empty())
    for (int month = months.begin()->first; month <= months.rbegin()->first; ++month) {  // empty months too
      std::vector<long long> counts = months[month];
      counts.resize(kinds.size() + 1);
      TableRow row{MonthLabel(month), {}, false};
      for (size_t k = 0; k < counts.size(); ++k) row.cells.push_back(Cell::Count(counts[k])), total[k] += counts[k];
      m->rows.push_back(row);
    }
  TableRow row{"Totaal", {}, false};
  for (long long n : total) row.cells.push_back(Cell::Count(n));
  m->rows.push_back(row);
}

void PerOrganisation(const std::vector<const ReferralFact*>& referrals, TableModel* m) {
  m->columns = {"Soort", "Aanmeldingen", "%"};
  std::map<std::string, std::pair<std::string, long long>> organisations;  // name -> kind, count
  long long medical = 0, all = static_cast<long long>(referrals.size());
  for (const ReferralFact* r : referrals) {
    auto& entry = organisations[r->organisation.empty() ? "Zelfmelding" : r->organisation];
    entry.first = Kinds()[KindIndex(r->kind)].second;
    ++entry.second;
    medical += Medical(r->kind);
  }
  for (const auto& [name, entry] : organisations)
    m->rows.push_back({name, {Cell::Text(entry.first), Cell::Count(entry.second), Cell::Percent(entry.second, all)}});
  m->rows.push_back({"Totaal", {Cell::Text(""), Cell::Count(all), Cell::Percent(all, all)}});
  m->rows.push_back({"Waarvan medische sector (ziekenhuis, medisch)",
                     {Cell::Text(""), Cell::Count(medical), Cell::Percent(medical, all)}});
}

// Per kind of referrer (and in all): the pregnancy months at referral.
std::vector<std::pair<std::string, std::vector<double>>> MonthsByKind(const std::vector<const ReferralFact*>& list) {
  std::vector<std::pair<std::string, std::vector<double>>> out;
  for (const auto& kind : Kinds()) out.push_back({kind.second, {}});
  out.push_back({"Totaal", {}});
  for (const ReferralFact* r : list)
    if (auto month = PregnancyMonth(*r)) {
      out[KindIndex(r->kind)].second.push_back(*month);
      out.back().second.push_back(*month);
    }
  return out;
}

void PregnancyMonths(const std::vector<const ReferralFact*>& referrals, TableModel* m) {
  m->columns = {"N", "Gemiddelde maand", "Verschil met 4,5", "Mediaan"};
  for (const auto& [label, months] : MonthsByKind(referrals)) {
    long long n = static_cast<long long>(months.size());
    if (n == 0) {
      m->rows.push_back({label, {Cell::Count(0), Cell::None(), Cell::None(), Cell::None()}});
      continue;
    }
    double mean = Mean(months);
    m->rows.push_back({label,
                       {Cell::Count(n), Cell::Number(mean, 1, n), Cell::Number(mean - 4.5, 1, n),
                        Cell::Number(Quantile(months, 0.5), 1, n)}});
  }
}

void PregnancyMonthFigure(const std::vector<const ReferralFact*>& referrals, TableModel* m) {
  m->columns = {"Gemiddelde maand", "Ideaal"};
  for (const auto& [label, months] : MonthsByKind(referrals)) {
    if (months.empty()) continue;
    long long n = static_cast<long long>(months.size());
    m->rows.push_back({label, {Cell::Number(Mean(months), 1, n), Cell::Number(4.5, 1)}});
  }
}

const std::vector<std::pair<std::string, std::string>>& Decisions() {
  static const std::vector<std::pair<std::string, std::string>> decisions = {
      {"opkomst", "Aanvaard: Opkomst"},
      {"opkomst_plus", "Aanvaard: Opkomst+"},
      {"groepswerk", "Aanvaard: enkel groepswerk"},
      {"combinatie", "Aanvaard: traject en groepswerk"},
      {"elders", "Doorverwezen naar elders"},
      {"afgewezen", "Niet aanvaard"}};
  return decisions;
}

const std::vector<std::pair<std::string, std::string>>& DeclineReasons() {
  static const std::vector<std::pair<std::string, std::string>> reasons = {
      {"buiten_doelgroep", "Buiten de doelgroep"},
      {"geen_toestemming", "Geen toestemming"},
      {"niet_bereikbaar", "Niet bereikbaar"},
      {"al_begeleid", "Al begeleid door een andere dienst"},
      {"andere", "Andere reden"}};
  return reasons;
}

void DecisionsAndReasons(const std::vector<const ReferralFact*>& referrals, int32_t as_of, TableModel* m) {
  m->columns = {"N", "%"};
  std::map<std::string, long long> decided, reasons;
  long long open = 0, withdrawn = 0, declined = 0, all = static_cast<long long>(referrals.size());
  for (const ReferralFact* r : referrals) {
    if (By(r->decided, as_of)) {
      ++decided[r->decision];
      if (r->decision == "afgewezen") ++declined, ++reasons[r->decline_reason];
    } else if (By(r->withdrawn, as_of)) {
      ++withdrawn;
    } else {
      ++open;
    }
  }
  long long accepted = decided["opkomst"] + decided["opkomst_plus"] + decided["groepswerk"] + decided["combinatie"];
  m->rows.push_back({"Beslissing", {}, true});
  for (const auto& [code, label] : Decisions())
    m->rows.push_back({label, {Cell::Count(decided[code]), Cell::Percent(decided[code], all)}});
  m->rows.push_back({"Ingetrokken voor een beslissing", {Cell::Count(withdrawn), Cell::Percent(withdrawn, all)}});
  m->rows.push_back({"Nog niet beslist", {Cell::Count(open), Cell::Percent(open, all)}});
  m->rows.push_back({"Totaal", {Cell::Count(all), Cell::Percent(all, all)}});
  m->rows.push_back({"Aanvaard (alle trajecten samen)", {Cell::Count(accepted), Cell::Percent(accepted, all)}});
  m->rows.push_back({"Reden van niet aanvaarden", {}, true});
  for (const auto& [code, label] : DeclineReasons())
    m->rows.push_back({label, {Cell::Count(reasons[code]), Cell::Percent(reasons[code], declined)}});
}

void LeadTimes(const std::vector<const ReferralFact*>& referrals, int32_t as_of, TableModel* m) {
  m->columns = {"N", "Mediaan", "P90"};
  std::vector<double> to_decision, to_visit;
  for (const ReferralFact* r : referrals) {
    if (By(r->decided, as_of)) to_decision.push_back(r->decided - r->received);
    if (By(r->first_home_visit, as_of)) to_visit.push_back(r->first_home_visit - r->received);
  }
  for (const auto& [label, days] :
       {std::pair<const char*, std::vector<double>&>{"Aanmelding tot beslissing", to_decision},
        {"Aanmelding tot eerste huisbezoek", to_visit}}) {
    long long n = static_cast<long long>(days.size());
    if (n == 0) {
      m->rows.push_back({label, {Cell::Count(0), Cell::None(), Cell::None()}});
      continue;
    }
    m->rows.push_back(
        {label, {Cell::Count(n), Cell::Number(Quantile(days, 0.5), 1, n), Cell::Number(Quantile(days, 0.9), 1, n)}});
  }
}

}  // namespace

void BuildReferrals(const TableSpec& spec, const Dataset& data, const Filters& filters, TableModel* m) {
  std::vector<const ReferralFact*> referrals = Selected(data, filters);
  int32_t as_of = static_cast<int32_t>(filters.as_of.days());
  if (spec.variant == "per_maand") PerMonth(referrals, m);
  if (spec.variant == "per_organisatie") PerOrganisation(referrals, m);
  if (spec.variant == "zwangerschapsmaand") PregnancyMonths(referrals, m);
  if (spec.variant == "zwangerschapsmaand_figuur") PregnancyMonthFigure(referrals, m);
  if (spec.variant == "beslissingen") DecisionsAndReasons(referrals, as_of, m);
  if (spec.variant == "doorlooptijden") LeadTimes(referrals, as_of, m);
  m->notes.push_back("N = " + std::to_string(referrals.size()) + " aanmeldingen ontvangen tot en met de peildatum.");
}

}  // namespace opkomst::report
