#include "synthetic/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace opkomst {
namespace {

// splitmix64: small, fast and the same on every platform.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  bool Chance(double p) { return Uniform() < p; }
  int Between(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1)); }
  double Normal(double mean, double sd) {
    double u1 = std::max(Uniform(), 1e-12), u2 = Uniform();
    return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  uint64_t state_;
};

using Weights = std::vector<std::pair<const char*, double>>;

// Start distributions after Tables 8-11 and Figures 7-8 (P2, both tracks).
const std::map<std::string, Weights>& StartWeights() {
  static const std::map<std::string, Weights> weights = {
      {"interest_pregnancy", {{"1", 0.4}, {"2", 0.8}, {"3", 14.8}, {"4", 53.9}, {"5", 10.2}, {"onbekend", 20}}},
      {"family_composition",
       {{"alleenstaand", 21.8},
        {"koppel_nieuw_samengesteld", 7.4},
        {"koppel_beide", 61.6},
        {"onbekend", 6.0},
        {"nvt", 3.2}}},
      {"secondary_diploma", {{"neen", 29.2}, {"neen_studeert", 4.2}, {"ja", 20.4}, {"onbekend", 41.5}, {"nvt", 4.6}}},
      {"residence_mother",
       {{"belgisch", 33}, {"precair", 16}, {"kort_verblijf", 20}, {"lang_verblijf", 22}, {"onbekend", 9}}},
      {"residence_father",
       {{"belgisch", 22}, {"precair", 11}, {"kort_verblijf", 12}, {"lang_verblijf", 25}, {"onbekend", 22}, {"nvt", 8}}},
      {"income_mother",
       {{"geen_inkomen", 31.3},
        {"leefloon", 17.6},
        {"arbeid", 19.7},
        {"werkloosheidsvergoeding", 3},
        {"ziektevergoeding", 3},
        {"tegemoetkoming", 1.7},
        {"uitkering", 5},
        {"onbekend", 14.4},
        {"nvt", 4.2}}},
      {"income_father",
       {{"geen_inkomen", 8}, {"leefloon", 5}, {"arbeid", 45}, {"uitkering", 4}, {"onbekend", 25}, {"nvt", 13}}},
      {"employment_mother",
       {{"geen_werk", 55.3},
        {"intensief_op_zoek", 0.4},
        {"activering", 1.8},
        {"interim", 1.1},
        {"vast_contract", 20.4},
        {"onregelmatig", 0.4},
        {"onbekend", 16.9},
        {"nvt", 3.9}}},
      {"employment_father",
       {{"geen_werk", 15}, {"interim", 8}, {"vast_contract", 35}, {"onregelmatig", 7}, {"onbekend", 25}, {"nvt", 10}}},
      {"housing",
       {{"dakloos", 3.5},
        {"crisisopvang", 1.8},
        {"tijdelijk", 12.0},
        {"vast_ontoereikend", 25.4},
        {"vast_kwalitatief", 33.1},
        {"sociale_woning", 0.4},
        {"onbekend", 20},
        {"nvt", 4}}},
      {"network",
       {{"geen", 2.5},
        {"een", 7.0},
        {"twee_drie", 31.3},
        {"vier_plus", 16.9},
        {"enkel_hulpverleners", 2.1},
        {"onbekend", 38},
        {"nvt", 2.2}}},
  };
  return weights;
}

// Yes/unknown shares at start per yes/no/unknown item (Tables 12, 14, 19).
struct TriShares {
  double yes, unknown;
};
const std::map<std::string, TriShares>& TriStartShares() {
  static const std::map<std::string, TriShares> shares = {
      {"diff_anxiety", {0.039, 0.42}},
      {"diff_depression", {0.053, 0.42}},
      {"diff_domestic_violence", {0.063, 0.42}},
      {"diff_substance_abuse", {0.039, 0.42}},
      {"diff_smoking_household", {0.081, 0.42}},
      {"diff_smoking_mother_pregnancy", {0.035, 0.42}},
      {"diff_difficult_cohabitation", {0.218, 0.42}},
      {"admin_child_benefit", {0.37, 0.34}},
      {"admin_hospitalisation_insurance", {0.12, 0.05}},
      {"admin_gp", {0.62, 0.10}},
      {"admin_kind_en_gezin", {0.275, 0.52}},
      {"admin_childcare", {0.232, 0.33}},
      {"admin_health_insurance_fund", {0.694, 0.02}},
      {"admin_debt_followup", {0.324, 0.63}},
      {"admin_preschool_enrolment", {0.07, 0.78}},
      {"admin_social_housing_registration", {0.275, 0.48}},
      {"admin_attention_to_play", {0.067, 0.86}},
      {"admin_baby_equipment", {0.246, 0.36}},
      {"admin_vdab", {0.134, 0.53}},
      {"org_sociaal_huis", {0.32, 0.16}},
      {"org_caw", {0.045, 0.28}},
      {"org_ckg", {0.036, 0.28}},
      {"org_one_family_one_plan", {0.0, 0.3}},
      {"org_fjc", {0.02, 0.76}},
      {"org_go_team", {0.04, 0.12}},
      {"org_group_work", {0.065, 0.74}},
      {"org_kind_en_gezin", {0.26, 0.51}},
      {"org_maternity_midwife", {0.155, 0.46}},
      {"org_oikonde", {0.012, 0.76}},
      {"org_parenting_shop", {0.245, 0.16}},
      {"org_asylum_migration", {0.05, 0.76}},
      {"org_work_activation", {0.016, 0.76}},
      {"org_wel_en_wee", {0.037, 0.82}},
      {"org_other", {0.146, 0.38}},
  };
  return shares;
}

// Chance that an item not in order at start is in order at the end
// (Table 18's gains), per item; default 0.15.
double GainAtEnd(const std::string& variable) {
  static const std::map<std::string, double> gains = {
      {"admin_child_benefit", 0.5},  {"admin_kind_en_gezin", 0.55},    {"admin_childcare", 0.38},
      {"admin_baby_equipment", 0.5}, {"admin_attention_to_play", 0.2}, {"admin_gp", 0.2},
      {"org_kind_en_gezin", 0.5},    {"org_maternity_midwife", 0.46}};
  auto it = gains.find(variable);
  return it == gains.end() ? 0.08 : it->second;
}

struct Referrer {
  const char* name;
  bool internal;
  double weight;
};
const Referrer kReferrers[] = {{"AZ Sint-Maarten", false, 25},
                               {"ID-team", true, 15},
                               {"Wel en Wee", false, 14.1},
                               {"Algemeen begeleidingsteam", true, 12},
                               {"Team schuldhulpverlening", true, 6},
                               {"Team woonbegeleiding", true, 5},
                               {"Kind en Gezin", false, 1.4},
                               {"CAW", false, 3},
                               {"CKG", false, 3},
                               {"Opvoedingswinkel", false, 2.5},
                               {"Imelda", false, 3},
                               {"Asiel & Migratie", false, 3},
                               {"Huisarts", false, 2},
                               {"Vroedvrouw", false, 3}};

class Generator {
 public:
  Generator(const Codebook& codebook, const GeneratorOptions& options, RecordSink* sink)
      : cb_(codebook), options_(options), sink_(sink), random_(options.seed) {
    SplitYears();
  }

  Status Run() {
    std::vector<Dossier> batch;
    std::vector<std::pair<std::string, Measurement>> measurements;
    for (int64_t i = 0; i < options_.dossiers; ++i) {
      Date start = StartDate((static_cast<double>(i) + random_.Uniform()) / static_cast<double>(options_.dossiers));
      Dossier d = MakeDossier(i, start);
      size_t first_measurement = measurements.size();
      AddMeasurements(d, &measurements);
      if (options_.score_every_family)
        ScoreFamily(d, measurements, first_measurement);
      else
        MaybeCaseStudy(d);
      batch.push_back(std::move(d));
      if (static_cast<int64_t>(batch.size()) >= options_.batch || i + 1 == options_.dossiers) {
        OPKOMST_RETURN_IF_ERROR(sink_->AddDossiers(batch));
        for (const auto& [id, m] : measurements) OPKOMST_RETURN_IF_ERROR(sink_->AddMeasurement(id, m));
        for (const Score& s : scores_) OPKOMST_RETURN_IF_ERROR(sink_->AddScore(s));
        // A full team's interviews go with their batch, so memory stays bounded.
        if (options_.score_every_family) {
          for (const InterviewAnswer& a : interviews_) OPKOMST_RETURN_IF_ERROR(sink_->AddInterview(a));
          interviews_.clear();
        }
        batch.clear();
        measurements.clear();
        scores_.clear();
      }
    }
    for (const InterviewAnswer& a : interviews_) OPKOMST_RETURN_IF_ERROR(sink_->AddInterview(a));
    return Status::Ok();
  }

 private:
  Code FieldCode(const char* field, const char* code) const { return *cb_.field(field).options.FindCode(code); }

  const char* Pick(const Weights& weights) {
    double total = 0;
    for (const auto& [code, w] : weights) total += w;
    double x = random_.Uniform() * total;
    for (const auto& [code, w] : weights) {
      if (x < w) return code;
      x -= w;
    }
    return weights.back().first;
  }

  // Each calendar year between the first and the last start, with its share
  // of Table 2's registrations (61, 100, 78 and 84 in 2020-2023; other
  // years the average); partial years count in part. Computed once.
  void SplitYears() {
    static const std::map<int, double> kPerYear = {{2020, 61}, {2021, 100}, {2022, 78}, {2023, 84}};
    const Date from = options_.first_start, until = options_.last_start;
    for (int y = from.year(); y <= until.year(); ++y) {
      Date a = std::max(from, *Date::FromYmd(y, 1, 1)), b = std::min(until, *Date::FromYmd(y, 12, 31));
      auto it = kPerYear.find(y);
      double per_year = it == kPerYear.end() ? 80.75 : it->second;
      years_.emplace_back(a, b);
      year_weight_.push_back(per_year * (b.days() - a.days() + 1) / 365.0);
      total_weight_ += year_weight_.back();
    }
  }

  // The start date at `fraction` (0..1) of the team's registrations, in
  // order, spread evenly within each year.
  Date StartDate(double fraction) const {
    double position = fraction * total_weight_;
    for (size_t k = 0; k < years_.size(); ++k) {
      if (position < year_weight_[k] || k + 1 == years_.size()) {
        double within = std::min(1.0, position / year_weight_[k]);
        int length = years_[k].second.days() - years_[k].first.days();
        return years_[k].first.AddDays(static_cast<int>(within * length));
      }
      position -= year_weight_[k];
    }
    return options_.last_start;
  }

  Dossier MakeDossier(int64_t index, Date start) {
    Dossier d;
    char id[32];
    std::snprintf(id, sizeof id, "D%06lld", static_cast<long long>(index + 1));
    d.dossier_id = id;
    bool plus = random_.Chance(0.062);
    d.track = FieldCode("track", plus ? "opkomst_plus" : "opkomst");
    d.start_date = start;
    // About 6% are a mother's second trajectory, a year or two after her first.
    d.trajectory_number = 1;
    if (!recent_mothers_.empty() && random_.Chance(0.06)) {
      auto& [mother, count, first_start] = recent_mothers_[random_.Next() % recent_mothers_.size()];
      if (start.days() - first_start.days() > 300) {
        d.mother_id = mother;
        d.trajectory_number = ++count;
      }
    }
    if (d.mother_id.empty()) {
      std::snprintf(id, sizeof id, "M%06lld", static_cast<long long>(index + 1));
      d.mother_id = id;
      recent_mothers_.push_back({d.mother_id, 1, start});
      if (recent_mothers_.size() > 400) recent_mothers_.pop_front();
    }
    // Eight workers, or one per 300 dossiers in a bigger team, so that a
    // worker's caseload stays the size of a real one.
    int workers = static_cast<int>(std::max<int64_t>(8, (options_.dossiers + 299) / 300));
    std::snprintf(id, sizeof id, "mw%02d", random_.Between(1, workers));
    d.social_worker = id;
    double total = 0;
    for (const Referrer& r : kReferrers) total += r.weight;
    double x = random_.Uniform() * total;
    for (const Referrer& r : kReferrers) {
      if (x < r.weight || &r == &kReferrers[std::size(kReferrers) - 1]) {
        d.referrer = r.name;
        d.referrer_type = FieldCode("referrer_type", r.internal ? "intern" : "extern");
        break;
      }
      x -= r.weight;
    }
    bool pregnant = random_.Chance(plus ? 0.45 : 0.86);
    d.pregnant_at_start = FieldCode("pregnant_at_start", pregnant ? "ja" : "nee");
    d.first_pregnancy = FieldCode("first_pregnancy", random_.Chance(plus ? 0.75 : 0.47) ? "ja" : "nee");
    double age = plus ? random_.Normal(22, 2.2) : random_.Normal(29, 6);
    if (!random_.Chance(0.04))
      d.mother_age_at_start = std::clamp(static_cast<int>(age), plus ? 17 : 16, plus ? 26 : 50);
    Date birth =
        pregnant ? start.AddDays(random_.Between(20, 190)) : start.AddDays(-random_.Between(5, plus ? 420 : 200));
    // Dates of the child were registered from 2022 on, and for some before.
    if (start >= *Date::FromYmd(2022, 1, 1) || random_.Chance(0.15)) {
      if (pregnant) d.due_date = birth;
      if (birth <= options_.as_of) d.child_birth_date = birth.AddDays(pregnant ? random_.Between(-14, 10) : 0);
    }
    // Opkomst ends about 6 months after birth; Opkomst+ at nursery school
    // (about 2.5 years), with some leaving early.
    Date end = plus ? (random_.Chance(0.5) ? start.AddMonths(random_.Between(2, 17)) : birth.AddMonths(30))
                    : birth.AddMonths(random_.Between(2, 8));
    if (end < start) end = start.AddDays(random_.Between(0, 60));
    if (end <= options_.as_of && random_.Chance(0.97)) d.end_date = end;
    last_birth_ = birth;
    return d;
  }

  Code Draw(const Variable& v, bool plus) {
    if (v.type == VariableType::kCount) {
      static const Weights children = {{"0", 44.7}, {"1", 31.7}, {"2", 11.8}, {"3", 7.3},
                                       {"4", 3.4},  {"5", 0.4},  {"6", 0.8}};
      if (random_.Chance(0.08)) return kMissing;
      int n = std::atoi(Pick(children));
      if (plus && n == 0 && random_.Chance(0.6)) n = 1;  // Opkomst+ children are often born already
      return static_cast<Code>(n);
    }
    auto weighted = StartWeights().find(v.name);
    if (weighted != StartWeights().end()) {
      if (plus && v.name == "family_composition" && random_.Chance(0.4)) return *v.options->FindCode("alleenstaand");
      return *v.options->FindCode(Pick(weighted->second));
    }
    auto tri = TriStartShares().find(v.name);
    TriShares s = tri == TriStartShares().end() ? TriShares{0.2, 0.4} : tri->second;
    if (plus) s = {std::min(0.9, s.yes * 1.8), s.unknown * 0.4};
    double x = random_.Uniform();
    return *v.options->FindCode(x < s.yes ? "ja" : x < s.yes + s.unknown ? "onbekend" : "nee");
  }

  // The end (or birth) situation: the start with the changes guidance brings.
  Code Evolve(const Variable& v, Code start, double strength) {
    if (v.type == VariableType::kCount || start == kMissing) return start;
    const OptionList& o = *v.options;
    const std::string& code = o.at(start).code;
    if (o.FindCode("ja") && o.size() == 3) {
      double gain = GainAtEnd(v.name) * strength;
      if (code == "nee" && random_.Chance(gain)) return *o.FindCode("ja");
      if (code == "onbekend" && random_.Chance(0.25)) return *o.FindCode(random_.Chance(0.6) ? "ja" : "nee");
      if (code == "ja" && random_.Chance(0.02)) return *o.FindCode("nee");
      return start;
    }
    if (v.name == "housing") {
      if ((code == "tijdelijk" || code == "vast_ontoereikend") && random_.Chance(0.12 * strength))
        return *o.FindCode(random_.Chance(0.55) ? "vast_kwalitatief" : "sociale_woning");
      if (code == "dakloos" && random_.Chance(0.3 * strength)) return *o.FindCode("tijdelijk");
    }
    if (v.name == "income_mother" && code == "geen_inkomen" && random_.Chance(0.08 * strength))
      return *o.FindCode("leefloon");
    if (v.name == "income_mother" && code == "leefloon" && random_.Chance(0.05 * strength))
      return *o.FindCode("arbeid");
    if (code == "onbekend" && random_.Chance(0.2))
      return static_cast<Code>(random_.Between(0, static_cast<int>(o.size()) - 3));
    return start;
  }

  void AddMeasurements(const Dossier& d, std::vector<std::pair<std::string, Measurement>>* out) {
    bool plus = d.track == FieldCode("track", "opkomst_plus");
    const auto& variables = cb_.variables();
    Measurement start;
    start.moment = Moment::kStart;
    start.measured_on = d.start_date;
    start.values.resize(variables.size());
    for (size_t i = 0; i < variables.size(); ++i) start.values[i] = Draw(variables[i], plus);
    out->emplace_back(d.dossier_id, start);
    // The birth snapshot was added in the research year (from September 2022).
    Date birth = last_birth_;  // of the dossier MakeDossier just made
    Date snapshot = birth < d.start_date ? d.start_date.AddMonths(3) : birth;
    if (options_.every_moment || (d.start_date >= *Date::FromYmd(2022, 9, 1) && snapshot <= options_.as_of &&
                                  (!d.end_date || snapshot <= *d.end_date))) {
      Measurement m = FollowUp(start, Moment::kBirth, snapshot, 0.6);
      out->emplace_back(d.dossier_id, m);
    }
    if (d.end_date || plus || options_.every_moment) {
      Measurement m = FollowUp(start, Moment::kEnd, d.end_date.value_or(options_.as_of), 1.0);
      out->emplace_back(d.dossier_id, m);
    }
  }

  Measurement FollowUp(const Measurement& start, Moment moment, Date on, double strength) {
    Measurement m = start;
    m.moment = moment;
    m.measured_on = on;
    for (size_t i = 0; i < m.values.size(); ++i) m.values[i] = Evolve(cb_.variables()[i], start.values[i], strength);
    return m;
  }

  // One family of a fully registered team: its case-study scores at each of
  // its measurements (those from `first` on in `measurements`), moving as
  // the published pairs do, and an interview for a share of the mothers.
  void ScoreFamily(const Dossier& d, const std::vector<std::pair<std::string, Measurement>>& measurements,
                   size_t first) {
    const IndicatorSet& set = cb_.indicator_set("casestudy");
    Code nvt = *set.ParseScore("nvt"), weet_niet = *set.ParseScore("weet_niet");
    std::vector<Code> previous(set.indicators.size());
    for (size_t k = first; k < measurements.size(); ++k) {
      int moment = static_cast<int>(k - first) + 1;
      for (size_t i = 0; i < set.indicators.size(); ++i) {
        Code score = previous[i];
        if (moment == 1) {
          score = static_cast<Code>(random_.Between(0, 4));
          if (set.indicators[i].dropped || random_.Chance(0.08)) score = random_.Chance(0.5) ? nvt : weet_niet;
        } else if (set.NumericValue(score)) {
          int move = random_.Chance(0.35) ? random_.Between(1, 2) : random_.Chance(0.1) ? -1 : 0;
          score = static_cast<Code>(std::clamp(score + move, 0, 4));
        } else if (random_.Chance(0.3)) {
          score = static_cast<Code>(random_.Between(0, 4));  // an unknown found out later
        }
        previous[i] = score;
        scores_.push_back({d.dossier_id, moment, measurements[k].second.measured_on, static_cast<int>(i), score, {}});
      }
    }
    if (random_.Chance(options_.interviewed_share)) Interview(d, "R-" + d.dossier_id);
  }

  // The mother of `d` answers the interview set as `respondent`: a score at
  // start and at the end of 1-4, mostly better at the end; 5% no answer.
  void Interview(const Dossier& d, const std::string& respondent) {
    const IndicatorSet& iv = cb_.indicator_set("interview");
    for (size_t i = 0; i < iv.indicators.size(); ++i) {
      InterviewAnswer a{respondent, d.dossier_id, d.track, static_cast<int>(i), std::nullopt, std::nullopt};
      if (!random_.Chance(0.05)) {
        int s = random_.Between(1, 3);
        a.score_start = s;
        a.score_end = std::min(4, s + (random_.Chance(0.75) ? random_.Between(1, 2) : 0));
      }
      interviews_.push_back(a);
    }
  }

  // 21 case-study families (10 running Opkomst+ in September 2022, 11 young
  // Opkomst mothers), scored at two moments; 9 of them interviewed.
  void MaybeCaseStudy(const Dossier& d) {
    if (!options_.case_study) return;
    Date reference = *Date::FromYmd(2022, 9, 1);
    bool running = d.start_date <= reference && (!d.end_date || *d.end_date >= reference);
    if (!running || d.trajectory_number != 1) return;
    bool plus = d.track == FieldCode("track", "opkomst_plus");
    int& taken = plus ? case_plus_ : case_regular_;
    if (taken >= (plus ? 10 : 11)) return;
    if (!plus && (!d.mother_age_at_start || *d.mother_age_at_start > 25)) return;
    ++taken;
    const IndicatorSet& set = cb_.indicator_set("casestudy");
    Code nvt = *set.ParseScore("nvt"), weet_niet = *set.ParseScore("weet_niet");
    for (size_t i = 0; i < set.indicators.size(); ++i) {
      Code first = static_cast<Code>(random_.Between(0, 4));
      if (set.indicators[i].dropped || random_.Chance(0.08)) first = random_.Chance(0.5) ? nvt : weet_niet;
      Code second = first;
      if (set.NumericValue(first)) {
        int move = random_.Chance(0.45) ? random_.Between(1, 2) : random_.Chance(0.12) ? -1 : 0;
        second = static_cast<Code>(std::clamp(first + move, 0, 4));
      }
      Date on2 = d.end_date.value_or(options_.as_of);
      scores_.push_back({d.dossier_id, 1, d.start_date, static_cast<int>(i), first, {}});
      scores_.push_back({d.dossier_id, 2, on2, static_cast<int>(i), second, {}});
    }
    if ((plus && case_plus_ <= 6) || (!plus && case_regular_ <= 3))
      Interview(d, "Mama " + std::to_string(++interviewed_));
  }

  const Codebook& cb_;
  const GeneratorOptions& options_;
  RecordSink* sink_;
  Random random_;
  struct MotherEntry {
    std::string mother_id;
    int count;
    Date first_start;
  };
  std::deque<MotherEntry> recent_mothers_;
  std::vector<std::pair<Date, Date>> years_;  // see SplitYears
  std::vector<double> year_weight_;
  double total_weight_ = 0;
  Date last_birth_;
  std::vector<Score> scores_;
  std::vector<InterviewAnswer> interviews_;
  int case_plus_ = 0, case_regular_ = 0, interviewed_ = 0;
};

}  // namespace

Status GenerateTeam(const Codebook& codebook, const GeneratorOptions& options, RecordSink* sink) {
  Generator generator(codebook, options, sink);
  return generator.Run();
}

}  // namespace opkomst
