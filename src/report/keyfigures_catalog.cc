// The key figures of the press slide "Opkomst in cijfers" as data: what
// each figure counts, in one sentence per language, and the baseline (the
// value the slide published at the evaluation's cut-off, 2023-09-30) with
// the named rule where the live rule cannot reproduce it. REPORT_SPEC's
// inconsistency ids (I-4, I-19, I-37, I-38) say where each difference is
// documented.
#include "report/keyfigures.h"

namespace opkomst::report {
namespace {

const char kShareRuleNl[] =
    " Als breuk: 1 op N (N = 2 tot 10) als het aandeel hoogstens 2,5 procentpunt van 1/N ligt, anders k op 10 "
    "(het aandeel in tienden, half naar boven afgerond).";
const char kShareRuleEn[] =
    " As a fraction: 1 in N (N = 2 to 10) when the share lies within 2.5 percentage points of 1/N, else k in 10 "
    "(the share in tenths, rounded half up).";

std::vector<KeyFigure> MakeFigures() {
  return {
      {"moeders", "K2", "Moeders (trajecten) sinds januari 2020", "Mothers (trajectories) since January 2020",
       "Het aantal trajecten dat startte vanaf 1 januari 2020 tot het einde van het jaar van de peildatum (P0, "
       "tweede trajecten inbegrepen, dus een moeder met twee trajecten telt twee keer); geen noemer.",
       "The number of trajectories started from 1 January 2020 to the end of the cut-off's year (P0, second "
       "trajectories included, so a mother with two trajectories counts twice); no denominator."},
      {"zwangerschap", "K3", "Zwangerschapsmaand bij de start, gemiddeld", "Month of pregnancy at the start, mean",
       "Over de eerste trajecten gestart tot de peildatum (P2) met een gekende leeftijd van het (ongeboren) kind "
       "bij de start: de som van 9 plus die leeftijd in maanden (negatief vóór de geboorte), gedeeld door het "
       "aantal van die dossiers, afgerond op een hele maand (half naar boven).",
       "Over the first trajectories started by the cut-off (P2) with a known age of the (unborn) child at the "
       "start: the sum of 9 plus that age in months (negative before birth), divided by the number of those "
       "dossiers, rounded to a whole month (half up)."},
      {"leeftijd", "K4", "Leeftijd van de mama bij de start, gemiddeld", "Mother's age at the start, mean",
       "Over de eerste trajecten gestart tot de peildatum (P2) met een gekende leeftijd van de mama: de som van "
       "die leeftijden in jaren, gedeeld door het aantal van die dossiers, afgerond op een heel jaar (half naar "
       "boven).",
       "Over the first trajectories started by the cut-off (P2) with a known age of the mother: the sum of those "
       "ages in years, divided by the number of those dossiers, rounded to a whole year (half up)."},
      {"inkomen", "K5", "Geen enkel inkomen bij de start", "No income at all at the start",
       std::string("Het aandeel van de eerste trajecten gestart tot de peildatum (P2, de noemer, ook met een "
                   "onbekend inkomen) waarin de mama bij de start 'geen inkomen' heeft (de teller).") +
           kShareRuleNl,
       std::string("The share of the first trajectories started by the cut-off (P2, the denominator, including "
                   "an unknown income) in which the mother has 'no income' at the start (the numerator).") +
           kShareRuleEn},
      {"huisvesting", "K6", "Slechte huisvesting bij de start", "Poor housing at the start",
       std::string("Het aandeel van de eerste trajecten gestart tot de peildatum (P2, de noemer, ook met een "
                   "onbekende situatie) dat bij de start dak- of thuisloos is, in crisisopvang, in tijdelijke "
                   "huisvesting of in vaste maar ontoereikende huisvesting woont (de teller).") +
           kShareRuleNl,
       std::string("The share of the first trajectories started by the cut-off (P2, the denominator, including "
                   "an unknown situation) that at the start is homeless, in crisis shelter, in temporary "
                   "housing or in fixed but inadequate housing (the numerator).") +
           kShareRuleEn},
      {"alleenstaand", "K7", "Alleenstaand bij de start", "Single at the start",
       std::string("Het aandeel van de eerste trajecten gestart tot de peildatum (P2, de noemer, ook met een "
                   "onbekende gezinssamenstelling) met gezinssamenstelling 'alleenstaand' bij de start (de "
                   "teller).") +
           kShareRuleNl,
       std::string("The share of the first trajectories started by the cut-off (P2, the denominator, including "
                   "an unknown family composition) whose family composition is 'single' at the start (the "
                   "numerator).") +
           kShareRuleEn},
      {"groepswerking", "K8", "Deelname aan de groepswerking", "Participation in the group work",
       std::string("Het aandeel van de eerste trajecten gestart tot de peildatum (P2, de noemer) waarin de mama "
                   "minstens één keer aan de groepswerking deelnam (de teller). Opkomst registreert die "
                   "deelname nog niet: tot dan toont dit cijfer geen waarde.") +
           kShareRuleNl,
       std::string("The share of the first trajectories started by the cut-off (P2, the denominator) in which "
                   "the mother took part in the group work at least once (the numerator). Opkomst does not "
                   "register that participation yet: until it does, this figure shows no value.") +
           kShareRuleEn},
      {"indicatoren", "K9", "Indicatoren waarop veel gezinnen vooruitgingen (casestudie)",
       "Indicators on which many families progressed (case study)",
       "Per traject, over de casestudiegezinnen (P5) met een bruikbare score op beide meetmomenten (regel E): "
       "het aantal indicatoren waarop minstens 5 gezinnen een hogere score hebben bij het tweede meetmoment dan "
       "bij het eerste (de radar van Tabel 21 en 22); geen noemer, niet per startjaar.",
       "Per track, over the case-study families (P5) with a usable score at both moments (rule E): the number "
       "of indicators on which at least 5 families score higher at the second moment than at the first (the "
       "radar of Tables 21 and 22); no denominator, not per year of start."},
  };
}

std::vector<KeyFigureRow> MakeRows() {
  return {
      {"moeders", "", "Moeders (trajecten) sinds januari 2020", "323",
       "I-4: de 323 'moeders' zijn de 323 trajecten van Tabel 2; tweede trajecten tellen mee.",
       "I-4: the 323 'mothers' are the 323 trajectories of Table 2; second trajectories count too."},
      {"zwangerschap", "", "Zwangerschapsmaand bij de start, gemiddeld", "7", "", ""},
      {"leeftijd", "opkomst", "Leeftijd mama bij de start, gemiddeld (Opkomst)", "29",
       "I-37: de dia noemt 29 voor alle mama's; 29 is het gemiddelde van Opkomst alleen (Tabel 6).",
       "I-37: the slide gives 29 for all mothers; 29 is the mean of Opkomst alone (Table 6)."},
      {"leeftijd", "opkomst_plus", "Leeftijd mama bij de start, gemiddeld (Opkomst+)", "22", "", ""},
      {"leeftijd", "", "Leeftijd mama bij de start, gemiddeld (alle trajecten)", "29",
       "I-37: het gemiddelde over alle trajecten is ongeveer 28,6, de dia drukt het Opkomst-gemiddelde 29.",
       "I-37: the mean over all trajectories is about 28.6; the slide prints the Opkomst mean, 29."},
      {"inkomen", "", "Geen enkel inkomen bij de start", "1 op 3", "", ""},
      {"huisvesting", "", "Slechte huisvesting bij de start", "4 op 10", "", ""},
      {"alleenstaand", "", "Alleenstaand bij de start", "1 op 5", "", ""},
      {"alleenstaand", "opkomst_plus", "Alleenstaand bij de start (Opkomst+)", "2 op 4",
       "De dia schrijft 8 op 16 als 2 op 4; de regel vereenvoudigt dezelfde 50% tot 1 op 2.",
       "The slide writes 8 of 16 as 2 in 4; the rule reduces the same 50% to 1 in 2."},
      {"groepswerking", "", "Deelname aan de groepswerking", "1 op 3",
       "I-38: het rapport bevat dit cijfer niet en noemt geen noemer; het is niet na te rekenen.",
       "I-38: the report does not contain this figure nor its denominator; it cannot be recomputed."},
      {"groepswerking", "opkomst_plus", "Deelname aan de groepswerking (Opkomst+)", "6%",
       "I-38: 6% = 1 van de 16 Opkomst+-trajecten; de deelname zelf is niet geregistreerd.",
       "I-38: 6% = 1 of the 16 Opkomst+ trajectories; participation itself is not registered."},
      {"indicatoren", "opkomst", "Indicatoren met vooruitgang bij minstens 5 gezinnen (Opkomst)", "5",
       "I-19: Tabel 22 noemt de rij '6 of meer', maar de gedrukte 5 en 10 tellen 5 of meer; de regel volgt "
       "de gedrukte waarden.",
       "I-19: Table 22 labels the row '6 or more', but the printed 5 and 10 count 5 or more; the rule follows "
       "the printed values."},
      {"indicatoren", "opkomst_plus", "Indicatoren met vooruitgang bij minstens 5 gezinnen (Opkomst+)", "10",
       "I-19 (zie hierboven).", "I-19 (see above)."},
  };
}

}  // namespace

const std::vector<KeyFigure>& KeyFigures() {
  static const std::vector<KeyFigure> figures = MakeFigures();
  return figures;
}

const std::vector<KeyFigureRow>& KeyFigureRows() {
  static const std::vector<KeyFigureRow> rows = MakeRows();
  return rows;
}

const KeyFigure* FindKeyFigure(const std::string& id) {
  for (const KeyFigure& f : KeyFigures())
    if (f.id == id) return &f;
  return nullptr;
}

}  // namespace opkomst::report
