// The report's tables and figures as declarations. Titles and labels are
// the report's own (REPORT_SPEC.md); where the report contradicts itself the
// consistent rule is used and docs/report-decisions.md says why.
#include "report/catalog.h"

#include "report/keyfigures.h"

namespace opkomst::report {
namespace {

std::vector<std::string> Items(const std::string& prefix) {
  std::vector<std::string> out;
  for (const Variable& v : Codebook::Default().variables())
    if (v.name.rfind(prefix, 0) == 0) out.push_back(v.name);
  return out;
}

const std::vector<Group> kIncomeCollapsed = {
    {"Geen inkomen", {"geen_inkomen"}},
    {"Leefloon", {"leefloon"}},
    {"Inkomen uit arbeid", {"arbeid"}},
    {"Uitkering of tegemoetkoming",
     {"werkloosheidsvergoeding", "ziektevergoeding", "invaliditeitsvergoeding", "tegemoetkoming", "uitkering"}}};

std::vector<Group> IncomeWith(std::vector<Group> tail) {
  std::vector<Group> rows = kIncomeCollapsed;
  rows.insert(rows.end(), tail.begin(), tail.end());
  return rows;
}

const std::vector<Group> kIncomeDetailed = {{"Geen inkomen", {"geen_inkomen"}},
                                            {"Leefloon", {"leefloon"}},
                                            {"Tegemoetkoming", {"tegemoetkoming"}},
                                            {"Inkomen uit arbeid", {"arbeid"}},
                                            {"Werkloosheidsvergoeding", {"werkloosheidsvergoeding"}},
                                            {"Ziektevergoeding", {"ziektevergoeding"}},
                                            {"Invaliditeitsvergoeding", {"invaliditeitsvergoeding"}},
                                            {"Uitkering", {"uitkering"}}};

std::vector<Group> Composition(const std::string& unknown_label) {
  return {{"Alleenstaand", {"alleenstaand"}},
          {"Koppel - nieuw samengesteld gezin", {"koppel_nieuw_samengesteld"}},
          {"Koppel - zwangerschap en/of kinderen van beide", {"koppel_beide"}},
          {unknown_label, {"onbekend", "nvt", ""}}};
}

const std::vector<Group> kFatherIncome = {{"Inkomen papa Geen inkomen", {"geen_inkomen"}},
                                          {"Inkomen papa Wel inkomen",
                                           {"leefloon", "arbeid", "werkloosheidsvergoeding", "ziektevergoeding",
                                            "invaliditeitsvergoeding", "tegemoetkoming", "uitkering"}},
                                          {"Inkomen papa Onbekend", {"onbekend", ""}},
                                          {"Inkomen papa NVT", {"nvt"}}};

const std::vector<Group> kHousing = {
    {"Dak- of thuisloos", {"dakloos"}},
    {"Crisisopvang/ residentiële opvang", {"crisisopvang"}},
    {"Tijdelijke huisvesting", {"tijdelijk"}},
    {"Vaste huisvesting, maar te klein, te duur of niet in orde", {"vast_ontoereikend"}},
    {"Vaste betaalbare en kwalitatieve huisvesting", {"vast_kwalitatief"}},
    {"Sociale woning Lokaal toewijzingsreglement", {"sociale_woning"}}};

std::vector<Group> HousingWithUnknown() {
  std::vector<Group> rows = kHousing;
  rows.push_back({"Onbekend/niet van toepassing", {"onbekend", "nvt", ""}});
  return rows;
}

ChartSpec Bars(std::vector<int> series) { return {ChartKind::kGroupedBars, std::move(series), true}; }
ChartSpec Stacked(std::vector<int> series) { return {ChartKind::kStackedBars, std::move(series), true}; }

TableSpec Text(const std::string& id, const std::string& title, const std::string& note) {
  TableSpec s;
  s.id = id;
  s.title = title;
  s.kind = Kind::kText;
  s.notes = {note};
  return s;
}

std::vector<TableSpec> Build() {
  std::vector<TableSpec> c;
  auto add = [&](TableSpec s) { c.push_back(std::move(s)); };
  TableSpec s;

  // ---- chapter 3: reach and profile ---------------------------------------
  s = {};
  s.id = "T1", s.title = "Aantal dossiers per analysegroep", s.kind = Kind::kPopulationSizes;
  s.notes = {"Impact analyse: alle Opkomst+-dossiers plus de afgeronde Opkomst-dossiers."};
  s.evaluation_notes = {"Het rapport drukt 238 af voor de impact analyse; 16 + 230 = 246 (I-1)."};
  add(s);
  s = {};
  s.id = "T2", s.title = "Aantal aanmeldingen per jaar bij Opkomst en Opkomst+", s.kind = Kind::kStartYears;
  s.population = Population::kP0, s.corner = "Jaar van start begeleiding";
  s.notes = {"Deze tabel bevat alle begeleidingen tot het einde van het jaar van de peildatum, ook tweede trajecten."};
  s.chart = {ChartKind::kGroupedBars, {0, 1}, false};
  add(s);
  s = {};
  s.id = "T3", s.title = "Duur begeleiding in aantal maanden", s.kind = Kind::kDuration;
  s.notes = {
      "max. = langste begeleidingsduur in maanden, min. = kortste begeleidingsduur in maanden, N = aantal "
      "dossiers in de analyse"};
  add(s);
  s = {};
  s.id = "T4", s.kind = Kind::kSummary, s.variables = {"child_age_months"}, s.variant = "rows";
  s.title = "Fase in zwangerschap bij aanmelding, leeftijd van het (ongeboren) kind in maanden";
  s.corner = "Leeftijd kind bij start (maanden)";
  s.notes = {
      "Een positief cijfer geeft weer op hoeveel maanden ná de geboorte het gezin wordt aangemeld. Een negatief "
      "cijfer geeft weer op hoeveel maanden vóór de geboorte het gezin de aanmelding plaatsvond."};
  add(s);
  s = {};
  s.id = "T5", s.title = "Interesse in de zwangerschap/kinderen", s.variables = {"interest_pregnancy"};
  s.drop_unknown = true, s.chart = Bars({0, 1, 2});
  add(s);
  s = {};
  s.id = "T6", s.title = "Leeftijd mama bij aanmelding, in jaren", s.kind = Kind::kSummary;
  s.variables = {"mother_age"}, s.variant = "wide", s.decimals = 0;
  add(s);
  s = {};
  s.id = "T7", s.title = "Aantal kinderen aanwezig in het gezin bij aanvang begeleiding";
  s.variables = {"children_in_household"}, s.drop_unknown = true, s.layout = Columns::kTracksN;
  s.corner = "Aantal kinderen";
  add(s);
  s = {};
  s.id = "T8", s.variables = {"secondary_diploma"}, s.layout = Columns::kTracksN;
  s.title = "Heeft of hebben de inwonende (toekomstige) ouder(s) een einddiploma secundair onderwijs?";
  add(s);
  s = {};
  s.id = "T9", s.title = "Tewerkstelling mama bij aanvang begeleiding", s.variables = {"employment_mother"};
  s.layout = Columns::kTotal;
  add(s);
  s = {};
  s.id = "T10", s.title = "Huisvestingssituatie bij aanvang begeleiding", s.variables = {"housing"};
  s.rows = HousingWithUnknown(), s.layout = Columns::kTotal;
  add(s);
  s = {};
  s.id = "T11", s.variables = {"network"}, s.layout = Columns::kTracksN;
  s.title = "Op hoeveel mensen kan het gezin bij aanvang begeleiding rekenen bij ernstige problemen?";
  s.rows = {{"Geen", {"geen"}},
            {"1", {"een"}},
            {"2 of 3", {"twee_drie"}},
            {"4 of meer", {"vier_plus"}},
            {"Enkel hulpverleners", {"enkel_hulpverleners"}},
            {"Onbekend/niet van toepassing", {"onbekend", "nvt", ""}}};
  add(s);
  s = {};
  s.id = "T12", s.kind = Kind::kYesShare, s.variables = Items("diff_");
  s.title = "Moeilijkheden waarmee het gezin kampt bij aanvang van de begeleiding";
  s.notes = {"Voor elke rij: het aandeel binnen de hele groep, onbekende waarden inbegrepen."};
  add(s);
  s = {};
  s.id = "T13", s.kind = Kind::kItemCounts, s.variables = Items("diff_"), s.decimals = 2;
  s.title = "Gemiddeld aantal moeilijkheden bij aanvang begeleiding";
  s.rows = {{"Gemiddeld aantal moeilijkheden in het gezin bij aanvang", {}},
            {"Gemiddeld aantal indicatoren 'onbekend' bij aanvang", {}}};
  add(s);
  s = {};
  s.id = "T14", s.kind = Kind::kYesShare, s.variables = Items("admin_");
  s.title = "Administratieve zaken waarmee het gezin in orde is bij aanvang van de begeleiding";
  add(s);
  s = {};
  s.id = "T15", s.kind = Kind::kItemCounts, s.variables = Items("admin_"), s.variant = "plus_space";
  s.title = "Gemiddeld aantal zaken in orde bij aanvang begeleiding";
  s.rows = {{"Gemiddeld aantal zaken waarmee het gezin in orde is bij aanvang", {}},
            {"Gemiddeld aantal 'onbekende' indicatoren bij aanvang", {}}};
  add(s);

  // ---- chapter 4: impact ---------------------------------------------------
  s = {};
  s.id = "T16", s.kind = Kind::kHousingSplit, s.population = Population::kP3, s.moment = Moment::kEnd;
  s.title = "Inkomen naar huisvestingssituatie bij einde begeleiding";
  s.notes = {
      "Rijpercentages: van de dossiers met dit kenmerk bij einde, het aandeel in slechte en in goede "
      "huisvesting."};
  s.evaluation_notes = {"In het rapport: voetnoot 6."};
  add(s);
  s = {};
  s.id = "T17", s.kind = Kind::kEvolution, s.population = Population::kP4, s.to = Moment::kBirth;
  s.variables = Items("admin_");
  s.title =
      "Evolutie van het aandeel dossiers dat in orde is met bepaalde zaken, tussen de start van de begeleiding "
      "en de bevalling";
  s.notes = {"Per rij zonder de dossiers die bij start 'onbekend' zijn."};
  s.chart = Bars({0, 1});
  add(s);
  s = {};
  s.id = "T18", s.kind = Kind::kEvolution, s.population = Population::kP3, s.variables = Items("admin_");
  s.relabel = {{"Inschrijving sociale huisvesting", "Inschrijving soc. huisvesting"}};
  s.title =
      "Evolutie van het aandeel dossiers dat in orde is met bepaalde zaken, tussen de start en het einde van de "
      "begeleiding";
  s.notes = {
      "Per rij zonder de dossiers die bij start 'onbekend' zijn. Kolom vier toont de vooruitgang in "
      "procentpunten (pp), kolom vijf de procentuele vooruitgang."};
  s.chart = Bars({0, 1});
  add(s);
  s = {};
  s.id = "T19", s.kind = Kind::kEvolution, s.population = Population::kP3, s.variables = Items("org_");
  s.title =
      "Evolutie van het aandeel dossiers waarbij hulpverleningsorganisaties betrokken zijn, tussen de start en "
      "het einde van de begeleiding";
  s.notes = {"Hoge percentages betekenen niet noodzakelijk een betere situatie."};
  s.chart = Bars({0, 1});
  add(s);
  const char* const kCaseStudyTitles[][2] = {
      {"T20", "Gemiddelde score (1-5) bij aanvang begeleiding over alle indicatoren"},
      {"T21", "Gemiddelde score bij aanvang begeleiding per indicator"},
      {"T22", "Aantal gezinnen dat vooruitgang heeft geboekt tussen meetmomenten één en twee per indicator"},
      {"T23", "Gemiddelde scores van gezinnen wiens situatie verbeterde tussen beide meetmomenten per indicator"},
      {"T24", "Gemiddelde scores van gezinnen wiens situatie stabiel bleef tussen beide meetmomenten per indicator"},
      {"T25", "Gemiddelde scores van gezinnen wiens situatie verslechterde tussen beide meetmomenten per indicator"}};
  const char* const kCaseStudyVariants[] = {"domains", "start", "improved_count", "improved", "stable", "declined"};
  for (int i = 0; i < 6; ++i) {
    s = {};
    s.id = kCaseStudyTitles[i][0], s.title = kCaseStudyTitles[i][1], s.kind = Kind::kCaseStudy;
    s.population = Population::kP5, s.variant = kCaseStudyVariants[i];
    if (i == 1) s.chart = {ChartKind::kRadar, {0, 1}, false};
    if (i == 2)
      s.evaluation_notes = {
          "Groen in het rapport: 6 of meer gezinnen. Het rapport telt onder die titel de indicatoren met 5 of meer "
          "(I-19); beide tellingen staan hier."};
    if (i == 4)  // the labels as Tables 24 and 25 print them (I-23)
      s.relabel = {{"Gezondheid - Toegang kennis", "Gezondheid – Toegang kennis"},
                   {"Gezondheid - Toegang financieel", "Gezondheid – Toegang financieel"}};
    if (i == 5)
      s.relabel = {{"Gezondheid - Toegang kennis", "Gezondheid / Toegang kennis"},
                   {"Gezondheid - Toegang financieel", "Gezondheid / Toegang financieel"},
                   {"Leef- en slaapomgeving", "Leef en slaapomgeving"}};
    add(s);
  }
  s = {};
  s.id = "T26", s.kind = Kind::kInterview, s.decimals = 2;
  s.title = "Gemiddelde scores op 16 indicatoren zoals beoordeeld door de geïnterviewde mama's";
  s.chart = {ChartKind::kGroupedBars, {0, 1}, false};
  add(s);
  s = {};
  s.id = "T27", s.kind = Kind::kCrossTab, s.variables = {"income_mother", "family_composition"};
  s.title = "Inkomenscategorie naar gezinssamenstelling, bij start";
  s.rows = IncomeWith({{"Onbekend", {"onbekend", ""}}, {"Niet van toepassing", {"nvt"}}});
  s.columns = Composition("Onbekend/ NVT");
  s.notes = {
      "Rijpercentages. De dossiers zonder toepasselijk inkomen (NVT) staan in een eigen rij, zodat de rijen "
      "optellen tot N."};
  s.evaluation_notes = {"Het rapport laat de 12 dossiers zonder toepasselijk inkomen (NVT) weg uit de rijen (I-29)."};
  add(s);
  s = {};
  s.id = "T28", s.kind = Kind::kCrossTab, s.variables = {"income_mother", "family_composition"};
  s.title = "Gezinssamenstelling naar inkomenscategorie, bij start", s.column_percent = true;
  s.rows = IncomeWith({{"Onbekend/ NVT", {"onbekend", "nvt", ""}}});
  s.columns = Composition("Onbekend");
  s.notes = {"Kolompercentages over alle dossiers van de kolom."};
  s.evaluation_notes = {
      "De kolom Onbekend van het rapport rekent met 20 dossiers in plaats van alle dossiers van de kolom (I-30)."};
  add(s);
  s = {};
  s.id = "T29", s.kind = Kind::kCrossTab, s.variables = {"income_mother", "family_composition"};
  s.title = "Inkomen mama naar gezinssamenstelling, bij einde", s.population = Population::kP3;
  s.moment = Moment::kEnd, s.rows = kIncomeDetailed, s.columns = Composition("Onbekend");
  s.notes = {
      "Enkel dossiers met een inkomenscategorie; derde kolom: koppel met zwangerschap en/of kinderen van "
      "beide."};
  s.evaluation_notes = {
      "Het rapport drukt de derde kolomkop dubbel; hier staat de kop naar analogie met Tabel 27 (I-31)."};
  add(s);

  // ---- figures -------------------------------------------------------------
  add(Text("F1", "Schematische voorstelling van Opkomst",
           "Een schema van de werking: één aanmeldpunt, individuele begeleiding, groepswerking en Opkomst+, en het "
           "wekelijkse Opkomst-overleg. Geen gegevens."));
  s = {};
  s.id = "F2", s.title = "Aandeel externe en interne doorverwijzingen", s.variables = {"referrer_type"};
  s.chart = Stacked({});  // a bar per track, split intern / extern
  add(s);
  s = {};
  s.id = "F3", s.title = "Aandeel doorverwijzingen van verschillende partners", s.variables = {"referrer_group"};
  s.layout = Columns::kTotal, s.chart = Bars({0});
  add(s);
  s = {};
  s.id = "F4", s.title = "Percentage zwangere/niet zwangere vrouwen bij aanvang van de begeleiding";
  s.variables = {"pregnant_at_start"}, s.layout = Columns::kStartYears, s.chart = Stacked({});
  add(s);
  s = {};
  s.id = "F5", s.title =
                   "Aantal eerste en volgende zwangerschappen bij aanmelding Opkomst (in percentages en absolute "
                   "aantallen)";
  s.variables = {"first_pregnancy"}, s.layout = Columns::kTracksN, s.chart = Stacked({});
  add(s);
  s = {};
  s.id = "F6", s.title = "Verdeling van de leeftijd van mama bij aanvang begeleiding, in jaren";
  s.variables = {"mother_age_band"}, s.drop_unknown = true, s.layout = Columns::kTracksN;
  s.chart = {ChartKind::kHistogram, {0, 1}, true};
  add(s);
  s = {};
  s.id = "F7", s.title = "Gezinssamenstelling bij aanvang begeleiding (in percentage en absolute aantallen)";
  s.variables = {"family_composition"}, s.rows = Composition("Onbekend/ NVT"), s.layout = Columns::kTracksN;
  s.chart = Stacked({});
  add(s);
  s = {};
  s.id = "F7b", s.title = "Verblijfsstatuut ouders bij aanvang begeleiding";
  s.variables = {"residence_mother", "residence_father"}, s.chart = Bars({0, 1});
  s.notes = {"'Niet van toepassing' staat apart."};
  s.evaluation_notes = {
      "In het rapport de tweede 'Figuur 7' (I-7); 'Niet van toepassing' staat daar niet apart (I-33)."};
  add(s);
  s = {};
  s.id = "F8", s.title = "Inkomen mama bij aanvang begeleiding", s.variables = {"income_mother"};
  s.rows = IncomeWith({{"Onbekend", {"onbekend", ""}}, {"Niet van toepassing", {"nvt"}}});
  s.layout = Columns::kTotal, s.chart = Bars({0});
  add(s);
  s = {};
  s.id = "F9", s.title = "Huisvestingssituatie bij start en einde begeleiding", s.variables = {"housing"};
  s.population = Population::kP3, s.rows = HousingWithUnknown(), s.layout = Columns::kMoments;
  s.drop_unknown = true, s.chart = Bars({0, 1});
  s.notes = {"Impactgroep zonder de dossiers met een onbekende huisvesting bij start."};
  add(s);
  add(Text("F10", "Voorbeeld vijfpuntenschaal indicatorenset, 'leefstijl tijdens zwangerschap'",
           "Een voorbeeld van een schaal uit het instrument; zie F18 voor de indicatoren."));
  add(Text("F11", "Indicatorenset interviews mama's, voorbeeld huisvesting",
           "Een voorbeeld van een vierpuntenschaal; zie F19 voor de indicatoren."));
  add(Text("F12", "Organigram Opkomst - Mechelen", "De plaats van Opkomst in de organisatie. Geen gegevens."));
  s = {};
  s.id = "F13", s.kind = Kind::kCrossTab, s.variables = {"income_mother", "family_composition"};
  s.title = "Inkomen mama naar gezinssamenstelling, bij start", s.rows = kIncomeCollapsed;
  s.columns = Composition("Onbekend/ NVT"), s.chart = Stacked({0, 1, 2, 3});
  add(s);
  s = {};
  s.id = "F14", s.kind = Kind::kCrossTab, s.variables = {"income_mother", "income_father"};
  s.title = "Inkomen mama naar inkomen papa, bij start", s.rows = kIncomeCollapsed, s.columns = kFatherIncome;
  s.chart = Stacked({0, 1, 2, 3});
  add(s);
  s = {};
  s.id = "F15", s.kind = Kind::kCrossTab, s.variables = {"income_mother", "family_composition"};
  s.title = "Inkomen mama naar gezinssamenstelling, bij einde", s.population = Population::kP3;
  s.moment = Moment::kEnd, s.rows = kIncomeDetailed, s.columns = Composition("Onbekend");
  s.chart = Stacked({0, 1, 2, 3});
  add(s);
  s = {};
  s.id = "F16", s.kind = Kind::kCrossTab, s.variables = {"income_mother", "income_father"};
  s.title = "Inkomen mama naar inkomen papa, bij einde", s.population = Population::kP3, s.moment = Moment::kEnd;
  s.rows = kIncomeCollapsed, s.columns = kFatherIncome, s.chart = Stacked({0, 1, 2, 3});
  add(s);
  s = {};
  s.id = "F17", s.kind = Kind::kTransition, s.variables = {"income_mother"}, s.population = Population::kP3;
  s.title = "Evolutie inkomen mama tussen start en einde, zonder onbekende", s.rows = kIncomeCollapsed;
  s.chart = Stacked({0, 1, 2, 3});
  add(s);
  s = {};
  s.id = "F18", s.kind = Kind::kText, s.title = "Indicatorenset casestudie", s.variant = "casestudy";
  add(s);
  s = {};
  s.id = "F19", s.kind = Kind::kText, s.title = "Indicatorenset interviews mama's", s.variant = "interview";
  add(s);
  add(Text("F20", "Vragenlijst diepte-interviews mama's",
           "De open vragen van de diepte-interviews (aanmelding, start, begeleiding, groepswerking, impact). Geen "
           "gegevens."));

  // ---- the intake's referral analytics (issue 12; engine_referrals.cc) -----
  auto referrals = [&](const std::string& id, const std::string& title, const std::string& variant,
                       const std::string& corner, ChartSpec chart, std::vector<std::string> notes) {
    s = {};
    s.id = id, s.kind = Kind::kReferrals, s.title = title, s.variant = variant, s.corner = corner;
    s.chart = chart, s.notes = std::move(notes);
    add(s);
  };
  referrals("T30", "Aanmeldingen per maand en soort doorverwijzer", "per_maand", "Maand", {}, {});
  referrals("T31", "Aanmeldingen per doorverwijzende organisatie, en het aandeel van de medische sector",
            "per_organisatie", "Organisatie", {}, {"Medische sector: ziekenhuizen en medische praktijken."});
  referrals("T32", "Zwangerschapsmaand bij aanmelding per soort doorverwijzer, tegenover het ideaal van 4,5 maanden",
            "zwangerschapsmaand", "Doorverwijzer", {},
            {"Zwangerschapsmaand = (280 - dagen tot de vermoedelijke bevallingsdatum) / (280/9), begrensd tot 0-9; "
             "enkel zwangere moeders met een bevallingsdatum. De evaluatie vond gemiddeld 7 maanden; het ideaal is "
             "4,5."});
  referrals("T33", "Beslissingen over de aanmeldingen: aanvaarding per traject en redenen van niet aanvaarden",
            "beslissingen", "Beslissing", {},
            {"Percentages van de beslissingen over alle aanmeldingen; van de redenen over de niet aanvaarde."});
  referrals("T34", "Doorlooptijden in dagen: van aanmelding tot beslissing en tot het eerste huisbezoek",
            "doorlooptijden", "Doorlooptijd", {},
            {"Mediaan en 90ste percentiel (lineair tussen de geordende waarden)."});
  referrals("F21", "Aanmeldingen per maand: het aandeel van elke soort doorverwijzer", "per_maand", "Maand",
            {ChartKind::kStackedBars, {0, 1, 2, 3, 4, 5, 6}, false}, {});
  referrals("F22", "Gemiddelde zwangerschapsmaand bij aanmelding tegenover het ideaal van 4,5 maanden",
            "zwangerschapsmaand_figuur", "Doorverwijzer", {ChartKind::kGroupedBars, {0, 1}, false}, {});

  // ---- beyond the report ---------------------------------------------------
  s = {};
  s.id = "E1", s.kind = Kind::kTransition, s.variables = {"housing"}, s.population = Population::kP3;
  s.title = "Huisvestingssituatie bij start en bij einde: overgangen", s.rows = kHousing,
  s.chart = Stacked({0, 1, 2, 3, 4, 5});
  s.notes = {
      "Rijen: situatie bij start; kolommen: situatie bij einde. Enkel dossiers met een gekende situatie op "
      "beide momenten. Toets: Bowker (symmetrie)."};
  add(s);
  for (const TableSpec& spec : GroupWorkSpecs()) add(spec);  // T35-T39, F23-F24 (issue 13)

  // ---- "Opkomst in cijfers": the press slide's key figures (keyfigures.h) --
  s = {};
  s.id = "K1", s.kind = Kind::kKeyFigures, s.variant = "summary", s.corner = "Kerncijfer";
  s.title = "Opkomst in cijfers: de kerncijfers tegenover de evaluatie";
  add(s);
  for (const KeyFigure& figure : KeyFigures()) {
    s = {};
    if (figure.id == "indicatoren") {  // K9: the case study's figure, over P5
      s.id = figure.table, s.kind = Kind::kKeyFigures, s.variant = "casestudy", s.corner = "Kerncijfer";
      s.title = figure.label_nl, s.population = Population::kP5;
      add(s);
      continue;
    }
    s.id = figure.table, s.kind = Kind::kKeyFigures, s.variant = figure.id, s.corner = "Startjaar";
    s.title = figure.label_nl + ", per jaar van de start";
    s.population = figure.id == "moeders" ? Population::kP0 : Population::kP2;
    s.chart = {ChartKind::kGroupedBars,
               {0, 1, 2},
               figure.id != "moeders" && figure.id != "zwangerschap" && figure.id != "leeftijd"};
    add(s);
  }
  return c;
}

}  // namespace

const std::vector<TableSpec>& Catalog() {
  static const std::vector<TableSpec> catalog = Build();
  return catalog;
}

const TableSpec* FindSpec(const std::string& id) {
  for (const TableSpec& s : Catalog())
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace opkomst::report
