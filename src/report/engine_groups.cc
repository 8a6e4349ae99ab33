// Tables T35-T39 and figures F23-F24: participation in the group work and
// the support money (issue 13), from Dataset::group_work() (report/group_work.h).
//
// Scope, for a cut-off date C and the report's filters:
//  - a participant counts when enrolled on or before C and, with a dossier,
//    when that dossier is in P1 (started on or before C, within the track and
//    start filters); a light registration (no dossier) has no track and
//    counts only without track or start filters;
//  - a session is held when it is not cancelled and falls on or before C;
//  - a grant counts when granted on or before C and its dossier is in P1;
//    spent means granted at once or approved (toegekend, goedgekeurd),
//    waiting means a request not decided (aangevraagd), by its status now.
// Participation per track (T35, F23) is over P2, one first trajectory per
// mother, as the press slides count "1 op 3". docs/groups.md has the rules.
#include <algorithm>
#include <map>
#include <set>

#include "report/engine.h"

namespace opkomst::report {

std::vector<TableSpec> GroupWorkSpecs() {
  std::vector<TableSpec> specs;
  auto add = [&](const char* id, const char* variant, const char* title, const char* corner, ChartSpec chart,
                 std::vector<std::string> notes) {
    TableSpec s;
    s.id = id, s.kind = Kind::kGroupWork, s.variant = variant, s.title = title, s.corner = corner;
    s.population = Population::kP2, s.chart = std::move(chart), s.notes = std::move(notes);
    specs.push_back(std::move(s));
  };
  const std::string held = "Een sessie telt als ze niet geannuleerd is en op of voor de peildatum viel.";
  add("T35", "participation", "Deelname aan de groepswerking, per traject", "", {},
      {"Zoals de persslides tellen: moeders met een eerste traject gestart op of voor de peildatum (P2) die in een "
       "groep ingeschreven zijn (vanuit het dossier, op of voor de peildatum).",
       "Lichte inschrijvingen hebben geen dossier en dus geen traject: enkel in de kolom Totaal, en niet bij een "
       "filter op traject of startdatum.",
       held});
  add("T36", "groups", "Deelname en aanwezigheid per groep", "Groep", {},
      {"Aanwezigheid: aanwezig op de gehouden sessies, over alle registraties (aanwezig, verontschuldigd, afwezig).",
       "Tot het einde: aanwezig op de laatste gehouden sessie van de groep (bij een lopende reeks de laatste tot de "
       "peildatum), over de deelnemers van groepen met minstens een gehouden sessie.",
       held});
  add("T37", "sessions", "Aanwezigheid per sessie", "Groep, sessie", {},
      {"Niet geregistreerd: deelnemers van de groep zonder registratie voor die sessie. % aanwezig: over alle "
       "deelnemers van de groep.",
       held});
  add("T38", "end", "Blijven tot het einde van de reeks, per traject", "Traject", {},
      {"Deelnemers van groepen met minstens een gehouden sessie. Tot het einde: aanwezig op de laatste gehouden "
       "sessie van haar groep.",
       held});
  add("T39", "support", "Steungeld per jaar, categorie en traject", "Jaar, categorie", {},
      {"Besteed: toegekend binnen het kader of goedgekeurd, in euro, per jaar van de toekenning. Gezinnen: "
       "dossiers met minstens een besteed bedrag. Wachtend: aanvragen zonder beslissing (status van nu).",
       "Dossiers gestart op of voor de peildatum; toekenningen op of voor de peildatum."});
  add("F23", "participation_figure", "Deelname aan de groepswerking per traject (figuur)", "",
      {ChartKind::kGroupedBars, {0, 1, 2}, true}, {"Zoals tabel T35."});
  add("F24", "support_figure", "Steungeld per categorie en traject (figuur)", "Categorie",
      {ChartKind::kGroupedBars, {0, 1, 2}, false}, {"Besteed in euro, alle jaren tot de peildatum; zoals tabel T39."});
  return specs;
}

namespace {

using Mark = GroupWork::Mark;

// What every table needs: the participants and grants in scope, with the
// track of their dossier (0 Opkomst+, 1 Opkomst, -1 none), and the held
// sessions per group in date order.
struct Scope {
  struct Person {
    const GroupWork::Participant* row;
    int track;
    int64_t dossier;  // index in the data set, -1 for a light registration
  };
  std::vector<Person> people;
  std::map<int64_t, std::vector<const GroupWork::Session*>> held;  // group -> held sessions
  std::map<std::pair<int64_t, int64_t>, Mark> marks;               // (participant, session) -> mark
  std::map<int64_t, std::string> group_names;
  std::vector<std::pair<const GroupWork::Grant*, int>> grants;  // with the track
};

Scope MakeScope(const Dataset& data, const Populations& p) {
  Scope scope;
  const GroupWork& work = data.group_work();
  const Filters& f = p.filters();
  const int32_t cutoff = f.as_of.days();
  const bool filtered = f.track || f.start_from || f.start_until;
  std::vector<bool> in_p1(data.size(), false);
  for (uint32_t i : p.Of(Population::kP1)) in_p1[i] = true;
  const Code plus = *data.codebook().field("track").options.FindCode("opkomst_plus");
  auto track_of = [&](const std::string& dossier_id, int64_t* index) {
    *index = dossier_id.empty() ? -1 : data.Find(dossier_id);
    if (*index < 0) return -2;  // not in scope
    if (!in_p1[static_cast<size_t>(*index)]) return -2;
    return data.dossiers().track[static_cast<size_t>(*index)] == plus ? 0 : 1;
  };
  for (const GroupWork::Group& g : work.groups) scope.group_names[g.id] = g.name;
  for (const GroupWork::Participant& person : work.participants) {
    if (person.enrolled > cutoff) continue;
    int64_t index = -1;
    int track = -1;
    if (!person.dossier_id.empty()) {
      track = track_of(person.dossier_id, &index);
      if (track < 0) continue;
    } else if (filtered) {
      continue;
    }
    scope.people.push_back({&person, track, index});
  }
  for (const GroupWork::Session& s : work.sessions)
    if (!s.cancelled && s.date <= cutoff) scope.held[s.group_id].push_back(&s);
  for (auto& [group, sessions] : scope.held)
    std::stable_sort(sessions.begin(), sessions.end(), [](auto* a, auto* b) { return a->date < b->date; });
  for (const GroupWork::Attendance& a : work.attendance) scope.marks[{a.participant_id, a.session_id}] = a.mark;
  for (const GroupWork::Grant& g : work.grants) {
    if (g.date > cutoff) continue;
    int64_t index = -1;
    int track = track_of(g.dossier_id, &index);
    if (track >= 0) scope.grants.push_back({&g, track});
  }
  return scope;
}

// How often a participant was present at her group's held sessions, and
// whether she was at the last one.
struct Presence {
  int present = 0;
  bool at_last = false;
  bool group_met = false;
};
Presence PresenceOf(const Scope& scope, const Scope::Person& person) {
  Presence out;
  auto held = scope.held.find(person.row->group_id);
  if (held == scope.held.end() || held->second.empty()) return out;
  out.group_met = true;
  for (const GroupWork::Session* s : held->second) {
    auto mark = scope.marks.find({person.row->id, s->id});
    bool present = mark != scope.marks.end() && mark->second == Mark::kPresent;
    out.present += present;
    if (s == held->second.back()) out.at_last = present;
  }
  return out;
}

std::string GroupName(const Scope& scope, int64_t id) {
  auto it = scope.group_names.find(id);
  return it == scope.group_names.end() ? "groep " + std::to_string(id) : it->second;
}

void Participation(const Dataset& data, const Populations& p, const Scope& scope, bool figure, TableModel* m) {
  const auto& tracks = p.ByTrack(Population::kP2);
  std::set<int64_t> enrolled, attended;
  long long light = 0;
  for (const Scope::Person& person : scope.people) {
    if (person.dossier < 0) {
      ++light;
      continue;
    }
    enrolled.insert(person.dossier);
    if (PresenceOf(scope, person).present > 0) attended.insert(person.dossier);
  }
  m->columns = {"Opkomst+", "Opkomst", "Totaal"};
  TableRow mothers{"Moeders (eerste trajecten)", {}}, joined{"Ingeschreven in een groep", {}},
      present{"Minstens één keer aanwezig", {}}, lights{"Lichte inschrijvingen (zonder dossier)", {}};
  for (size_t t = 0; t < 3; ++t) {
    long long n = static_cast<long long>(tracks[t].size()), k = 0, a = 0;
    for (uint32_t i : tracks[t]) k += enrolled.count(i), a += attended.count(i);
    mothers.cells.push_back(Cell::Count(n));
    joined.cells.push_back(figure ? Cell::Percent(k, n) : Cell::PercentCount(k, n));
    present.cells.push_back(figure ? Cell::Percent(a, n) : Cell::PercentCount(a, n));
    lights.cells.push_back(t == 2 ? Cell::Count(light) : Cell::None());
  }
  if (!figure) m->rows.push_back(mothers);
  m->rows.push_back(joined);
  m->rows.push_back(present);
  if (!figure) m->rows.push_back(lights);
  (void)data;
  m->notes.push_back("N = " + std::to_string(tracks[2].size()));
}

void Groups(const Scope& scope, TableModel* m) {
  m->columns = {"Deelnemers", "Met dossier", "Zonder dossier", "Sessies gehouden", "Aanwezigheid", "Tot het einde"};
  struct Sums {
    long long people = 0, with_dossier = 0, held = 0, present_marks = 0, marks = 0, met = 0, at_end = 0;
  };
  std::map<int64_t, Sums> per_group;
  for (const auto& [id, name] : scope.group_names) per_group[id];
  for (const auto& [group, sessions] : scope.held) per_group[group].held = static_cast<long long>(sessions.size());
  for (const Scope::Person& person : scope.people) {
    Sums& s = per_group[person.row->group_id];
    ++s.people;
    s.with_dossier += person.dossier >= 0;
    Presence presence = PresenceOf(scope, person);
    if (presence.group_met) ++s.met, s.at_end += presence.at_last;
    auto held = scope.held.find(person.row->group_id);
    if (held == scope.held.end()) continue;
    for (const GroupWork::Session* session : held->second) {
      auto mark = scope.marks.find({person.row->id, session->id});
      if (mark == scope.marks.end()) continue;
      ++s.marks;
      s.present_marks += mark->second == Mark::kPresent;
    }
  }
  Sums total;
  auto row = [](const std::string& label, const Sums& s) {
    return TableRow{label,
                    {Cell::Count(s.people), Cell::Count(s.with_dossier), Cell::Count(s.people - s.with_dossier),
                     Cell::Number(static_cast<double>(s.held), 0), Cell::Percent(s.present_marks, s.marks),
                     Cell::PercentCount(s.at_end, s.met)},
                    false};
  };
  for (const auto& [group, s] : per_group) {
    m->rows.push_back(row(GroupName(scope, group), s));
    total.people += s.people, total.with_dossier += s.with_dossier, total.held += s.held;
    total.present_marks += s.present_marks, total.marks += s.marks, total.met += s.met, total.at_end += s.at_end;
  }
  m->rows.push_back(row("Totaal", total));
}

void Sessions(const Scope& scope, TableModel* m) {
  m->columns = {"Aanwezig", "Verontschuldigd", "Afwezig", "Niet geregistreerd", "% aanwezig"};
  std::map<int64_t, std::vector<const Scope::Person*>> members;
  for (const Scope::Person& person : scope.people) members[person.row->group_id].push_back(&person);
  for (const auto& [group, sessions] : scope.held) {
    int number = 0;
    for (const GroupWork::Session* s : sessions) {
      long long counts[3] = {0, 0, 0}, unmarked = 0;
      for (const Scope::Person* person : members[group]) {
        auto mark = scope.marks.find({person->row->id, s->id});
        if (mark == scope.marks.end())
          ++unmarked;
        else
          ++counts[static_cast<int>(mark->second)];
      }
      long long n = counts[0] + counts[1] + counts[2] + unmarked;
      m->rows.push_back({GroupName(scope, group) + " · sessie " + std::to_string(++number) + " (" +
                             Date::FromDays(s->date).ToString() + ")",
                         {Cell::Count(counts[0]), Cell::Count(counts[1]), Cell::Count(counts[2]), Cell::Count(unmarked),
                          Cell::Percent(counts[0], n)},
                         false});
    }
  }
}

void End(const Scope& scope, TableModel* m) {
  m->columns = {"Deelnemers", "Minstens één keer aanwezig", "Tot het einde", "Gemiddeld aantal keer aanwezig"};
  struct Sums {
    long long people = 0, once = 0, at_end = 0, present = 0;
  };
  Sums rows[4];  // Opkomst+, Opkomst, zonder dossier, totaal
  for (const Scope::Person& person : scope.people) {
    Presence presence = PresenceOf(scope, person);
    if (!presence.group_met) continue;
    for (int r : {person.track >= 0 ? person.track : 2, 3}) {
      ++rows[r].people;
      rows[r].once += presence.present > 0;
      rows[r].at_end += presence.at_last;
      rows[r].present += presence.present;
    }
  }
  const char* labels[] = {"Opkomst+", "Opkomst", "Zonder dossier (lichte inschrijving)", "Totaal"};
  for (int r = 0; r < 4; ++r) {
    const Sums& s = rows[r];
    m->rows.push_back(
        {labels[r],
         {Cell::Count(s.people), Cell::PercentCount(s.once, s.people), Cell::PercentCount(s.at_end, s.people),
          s.people == 0 ? Cell::None()
                        : Cell::Number(static_cast<double>(s.present) / static_cast<double>(s.people), 1, s.people)},
         false});
  }
}

bool Spent(const GroupWork::Grant& g) { return g.status == "toegekend" || g.status == "goedgekeurd"; }

std::string CategoryOf(const GroupWork::Grant& g) { return g.category.empty() ? "buiten het kader" : g.category; }

// Euro from cents, with the families it is spent on as the base that small-cell suppression reads.
Cell Euro(long long cents, long long families, int decimals) {
  if (families == 0 && cents == 0) return Cell::Number(0, decimals);
  return Cell::Number(static_cast<double>(cents) / 100.0, decimals, families);
}

struct Spending {
  long long cents[3] = {0, 0, 0};  // Opkomst+, Opkomst, totaal
  std::set<std::string> families[3];
  long long waiting = 0;
  void Add(const GroupWork::Grant& g, int track) {
    if (g.status == "aangevraagd") ++waiting;
    if (!Spent(g)) return;
    for (int t : {track, 2}) {
      cents[t] += g.amount_cents;
      families[t].insert(g.dossier_id);
    }
  }
};

void Support(const Scope& scope, TableModel* m) {
  m->columns = {"Besteed Opkomst+ (€)",    "Besteed Opkomst (€)", "Besteed totaal (€)", "Gezinnen",
                "Gemiddeld per gezin (€)", "Wachtende aanvragen"};
  std::map<int, std::map<std::string, Spending>> by_year;
  std::map<int, Spending> year_total;
  for (const auto& [grant, track] : scope.grants) {
    int year = Date::FromDays(grant->date).year();
    by_year[year][CategoryOf(*grant)].Add(*grant, track);
    year_total[year].Add(*grant, track);
  }
  auto row = [](const std::string& label, const Spending& s) {
    long long families = static_cast<long long>(s.families[2].size());
    return TableRow{
        label,
        {Euro(s.cents[0], static_cast<long long>(s.families[0].size()), 2),
         Euro(s.cents[1], static_cast<long long>(s.families[1].size()), 2), Euro(s.cents[2], families, 2),
         Cell::Count(families),
         families == 0
             ? Cell::None()
             : Cell::Number(static_cast<double>(s.cents[2]) / 100.0 / static_cast<double>(families), 2, families),
         Cell::Count(s.waiting)},
        false};
  };
  for (const auto& [year, categories] : by_year) {
    m->rows.push_back({std::to_string(year), {}, true});
    for (const auto& [category, spending] : categories) m->rows.push_back(row(category, spending));
    m->rows.push_back(row("Totaal " + std::to_string(year), year_total[year]));
  }
}

void SupportFigure(const Scope& scope, TableModel* m) {
  m->columns = {"Opkomst+", "Opkomst", "Totaal"};
  std::map<std::string, Spending> by_category;
  for (const auto& [grant, track] : scope.grants) by_category[CategoryOf(*grant)].Add(*grant, track);
  for (const auto& [category, s] : by_category) {
    TableRow row{category, {}, false};
    for (int t = 0; t < 3; ++t) row.cells.push_back(Euro(s.cents[t], static_cast<long long>(s.families[t].size()), 0));
    m->rows.push_back(row);
  }
}

}  // namespace

void BuildGroupWork(const TableSpec& spec, const Dataset& data, const Populations& populations, TableModel* m) {
  Scope scope = MakeScope(data, populations);
  if (spec.variant == "participation" || spec.variant == "participation_figure")
    Participation(data, populations, scope, spec.variant == "participation_figure", m);
  else if (spec.variant == "groups")
    Groups(scope, m);
  else if (spec.variant == "sessions")
    Sessions(scope, m);
  else if (spec.variant == "end")
    End(scope, m);
  else if (spec.variant == "support")
    Support(scope, m);
  else if (spec.variant == "support_figure")
    SupportFigure(scope, m);
  if (m->rows.empty()) {
    m->chart.kind = ChartKind::kNone;  // nothing to draw
    m->notes.push_back("Geen groepswerking of steungeld in deze gegevens.");
  }
}

}  // namespace opkomst::report
