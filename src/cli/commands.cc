#include "cli/commands.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>

#include "app/report_loading.h"
#include "app/transfer.h"
#include "cli/demo_groups.h"
#include "cli/flags.h"
#include "security/crypto.h"
#include "storage/store.h"
#include "synthetic/generator.h"

namespace opkomst {
int ParseOrExit(const CliContext& c, Flags* flags, int argc, char** argv, const char* synopsis, const char* description,
                size_t positional) {
  Status s = flags->Parse(argc, argv, 2);
  if (s.ok() && flags->Has("help")) {
    std::cout << synopsis << "\n\n" << description << "\n\n" << flags->Usage();
    return kExitOk;
  }
  if (s.ok() && flags->positional().size() != positional)
    s = InvalidInput(std::string(c.T("verwacht ", "expected ")) + std::to_string(positional) +
                     c.T(" argument(en), kreeg ", " argument(s), got ") + std::to_string(flags->positional().size()) +
                     " (" + synopsis + ")");
  if (!s.ok()) return ReportStatus(c, s);
  return -1;
}

namespace {

StatusOr<std::unique_ptr<Store>> OpenStore(const Flags& flags) {
  return Store::Open(flags.Get("db"), Codebook::Default());
}

// Remarks that do not stop an import (ReadOptions::notice).
std::function<void(const Finding&)> NoticePrinter(const CliContext& c) {
  return [&c](const Finding& f) { std::cerr << c.T("opmerking: ", "note: ") << f.Describe(c.language) << "\n"; };
}

void PrintFindings(const CliContext& c, const Findings& findings) {
  for (const Finding& f : findings.items()) std::cerr << c.T("fout: ", "error: ") << f.Describe(c.language) << "\n";
  if (findings.count() > findings.items().size())
    std::cerr << c.T("... en nog ", "... and ") << findings.count() - findings.items().size()
              << c.T(" fouten meer\n", " more errors\n");
}

// Shows progress on a terminal only, so logs and pipes stay clean.
std::function<void(long long, long long)> ProgressPrinter(const CliContext& c) {
  if (!isatty(STDERR_FILENO)) return nullptr;
  const char* label = c.T("inlezen", "reading");
  return [label](long long done, long long total) {
    int percent = total > 0 ? static_cast<int>(100 * done / total) : 100;
    std::fprintf(stderr, "\r%s: %3d%% (%.1f / %.1f MB)%s", label, percent, static_cast<double>(done) / 1e6,
                 static_cast<double>(total) / 1e6, percent >= 100 ? "\n" : "");
    std::fflush(stderr);
  };
}

Status PrintSummary(const CliContext& c, Store* store) {
  const Codebook& cb = Codebook::Default();
  auto counts = store->Counts();
  if (!counts.ok()) return counts.status();
  std::map<std::string, std::map<int, int>> by_track_year;
  std::map<std::string, int> running, closed, second;
  OPKOMST_RETURN_IF_ERROR(store->ScanDossiers([&](const Dossier& d) {
    const std::string& track = cb.field("track").options.at(d.track).label_nl;
    ++by_track_year[track][d.start_date.year()];
    ++(d.end_date ? closed : running)[track];
    if (d.trajectory_number > 1) ++second[track];
    return Status::Ok();
  }));
  int moments[kMomentCount] = {0, 0, 0};
  OPKOMST_RETURN_IF_ERROR(store->ScanMeasurements([&](const std::string&, const Measurement& m) {
    ++moments[static_cast<int>(m.moment)];
    return Status::Ok();
  }));
  std::cout << c.T("Databank ", "Database ") << store->Describe() << c.T(" bevat:\n", " holds:\n");
  std::cout << "  " << counts->dossiers << c.T(" dossiers\n", " dossiers\n");
  for (const auto& [track, years] : by_track_year) {
    std::cout << "    " << track << ":";
    for (const auto& [year, n] : years) std::cout << " " << year << "=" << n;
    std::cout << c.T("  (lopend ", "  (running ") << running[track] << c.T(", afgerond ", ", closed ") << closed[track]
              << c.T(", tweede traject ", ", second trajectory ") << second[track] << ")\n";
  }
  std::cout << "  " << counts->measurements << c.T(" meetmomenten (start ", " measurements (start ") << moments[0]
            << c.T(", bevalling ", ", birth ") << moments[1] << c.T(", einde ", ", end ") << moments[2] << ")\n";
  std::cout << "  " << counts->scores << c.T(" indicatorscores (casestudie)\n", " indicator scores (case study)\n");
  std::cout << "  " << counts->interviews << c.T(" interviewantwoorden\n", " interview answers\n");
  return Status::Ok();
}

}  // namespace

static std::string DefaultDb() {
  const char* env = std::getenv("OPKOMST_DB");
  return env != nullptr && *env != '\0' ? env : "sqlite:opkomst.db";
}

FlagSpec DbFlag(const CliContext& c) {
  return {"db", "URL",
          c.T("databank: sqlite:PAD of postgresql://gebruiker@host/naam (ook via OPKOMST_DB)",
              "database: sqlite:PATH or postgresql://user@host/name (also via OPKOMST_DB)"),
          DefaultDb()};
}

FlagSpec HelpFlag(const CliContext& c) { return {"help", "", c.T("toon deze hulp", "show this help"), ""}; }

namespace {

// Advice() in the user's language: what to do about an error of this kind.
const char* LocalisedAdvice(const CliContext& c, StatusCode code) {
  switch (code) {
    case StatusCode::kNotFound:
      return c.T("Controleer de naam of het nummer; het kan verkeerd getypt of verwijderd zijn.", Advice(code));
    case StatusCode::kAlreadyExists:
      return c.T("Gebruik een andere naam, of wijzig wat er al is.", Advice(code));
    case StatusCode::kConflict:
      return c.T("Iemand anders bewaarde dit eerst: laad opnieuw, voeg uw wijzigingen samen en bewaar opnieuw.",
                 Advice(code));
    case StatusCode::kUnavailable:
      return c.T("Controleer of de databank of het bestand bereikbaar is, en probeer opnieuw.", Advice(code));
    case StatusCode::kIncompatible:
      return c.T(
          "De bewaarde gegevens passen niet bij deze versie van opkomst; werk opkomst bij of zet een "
          "back-up terug.",
          Advice(code));
    case StatusCode::kInternal:
      return c.T("Dit is een fout in opkomst; meld ze met de boodschap hierboven.", Advice(code));
    default:
      return Advice(code);
  }
}

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenExistingStore(const CliContext& c, const std::string& url) {
  OpenOptions options;
  options.create_if_missing = false;
  options.read_only = true;
  auto store = Store::Open(url, Codebook::Default(), options);
  if (store.status().code() != StatusCode::kNotFound) return store;
  return Unavailable(std::string(c.T("geen opkomst-databank op ", "no opkomst database at ")) + RedactDatabaseUrl(url) +
                     c.T(" (controleer --db; `opkomst init` of `opkomst import` maakt een nieuwe)",
                         " (check --db; `opkomst init` or `opkomst import` creates a new one)"));
}

int ReportStatus(const CliContext& c, const Status& status) {
  if (status.ok()) return kExitOk;
  std::cerr << "opkomst: " << status.message() << "\n";
  if (status.code() != StatusCode::kInvalidInput) std::cerr << "  " << LocalisedAdvice(c, status.code()) << "\n";
  switch (status.code()) {
    case StatusCode::kInvalidInput:
      return kExitUsage;
    case StatusCode::kInternal:
      return kExitInternal;
    case StatusCode::kUnavailable:
    case StatusCode::kIncompatible:
      return kExitUnavailable;
    default:
      return kExitDataErrors;
  }
}

int RunInit(const CliContext& c, int argc, char** argv) {
  Flags flags({DbFlag(c), HelpFlag(c)});
  if (int e = ParseOrExit(c, &flags, argc, argv, "opkomst init [--db URL]",
                          c.T("Maakt de databank aan of brengt het schema naar de laatste versie.",
                              "Creates the database or brings its schema to the latest version."),
                          0);
      e >= 0)
    return e;
  auto store = OpenStore(flags);
  if (!store.ok()) return ReportStatus(c, store.status());
  std::cout << c.T("Databank klaar: ", "Database ready: ") << (*store)->Describe()
            << c.T(" (schemaversie ", " (schema version ") << (*store)->SchemaVersion() << ")\n";
  return kExitOk;
}

int RunImport(const CliContext& c, int argc, char** argv) {
  Flags flags(
      {DbFlag(c),
       {"ignore-unknown-columns", "",
        c.T("sla onbekende kolommen over in plaats van te weigeren", "skip unknown columns instead of refusing them"),
        ""},
       HelpFlag(c)});
  if (int e = ParseOrExit(c, &flags, argc, argv, "opkomst import [--db URL] MAP",
                          c.T("Leest een uitwisselingsmap (dossiers.csv, measurements.csv, scores.csv, interviews.csv)"
                              " in. Alles of niets: bij één fout wordt niets opgeslagen.",
                              "Loads an exchange folder (dossiers.csv, measurements.csv, scores.csv, interviews.csv)."
                              " All or nothing: on any error nothing is stored."),
                          1);
      e >= 0)
    return e;
  auto store = OpenStore(flags);
  if (!store.ok()) return ReportStatus(c, store.status());
  ReadOptions options;
  options.ignore_unknown_columns = flags.Has("ignore-unknown-columns");
  options.progress = ProgressPrinter(c);
  options.notice = NoticePrinter(c);
  Findings findings;
  auto before = (*store)->Counts();
  Status s = ImportFolder(store->get(), Codebook::Default(), flags.positional()[0], options, &findings);
  if (!s.ok()) return ReportStatus(c, s);
  if (!findings.empty()) {
    PrintFindings(c, findings);
    std::cerr << c.T("Niets ingelezen: ", "Nothing imported: ") << findings.count()
              << c.T(" fout(en). De databank is ongewijzigd.\n", " error(s). The database is unchanged.\n");
    return kExitDataErrors;
  }
  auto after = (*store)->Counts();
  if (before.ok() && after.ok())
    std::cout << c.T("Ingelezen in ", "Imported into ") << (*store)->Describe() << ": "
              << after->dossiers - before->dossiers << " dossiers, " << after->measurements - before->measurements
              << c.T(" meetmomenten, ", " measurements, ") << after->scores - before->scores
              << c.T(" scores, ", " scores, ") << after->interviews - before->interviews
              << c.T(" interviewantwoorden\n", " interview answers\n");
  return kExitOk;
}

int RunExport(const CliContext& c, int argc, char** argv) {
  Flags flags({DbFlag(c),
               {"referrals", "",
                c.T("schrijf ook referrals.csv: de aanmeldingen zonder namen of notities (docs/intake.md)",
                    "also write referrals.csv: the referrals without names or notes (docs/intake.md)"),
                ""},
               HelpFlag(c)});
  if (int e = ParseOrExit(c, &flags, argc, argv, "opkomst export [--db URL] [--referrals] MAP",
                          c.T("Schrijft alle gegevens naar MAP in het uitwisselingsformaat.",
                              "Writes all data to FOLDER in the exchange format."),
                          1);
      e >= 0)
    return e;
  auto store = OpenExistingStore(c, flags.Get("db"));
  if (!store.ok()) return ReportStatus(c, store.status());
  Status s = ExportFolder(store->get(), Codebook::Default(), flags.positional()[0]);
  if (s.ok() && flags.Has("referrals")) s = ExportReferralsCsv(**store, flags.positional()[0] + "/referrals.csv");
  if (!s.ok()) return ReportStatus(c, s);
  std::cout << c.T("Uitgevoerd naar ", "Exported to ") << flags.positional()[0] << "\n";
  return kExitOk;
}

int RunValidate(const CliContext& c, int argc, char** argv) {
  Flags flags(
      {{"db", "URL",
        c.T("controleer ook tegen de dossiers in deze databank", "also check against the dossiers in this database"),
        ""},
       {"ignore-unknown-columns", "", c.T("sla onbekende kolommen over", "skip unknown columns"), ""},
       HelpFlag(c)});
  if (int e = ParseOrExit(c, &flags, argc, argv, "opkomst validate [--db URL] MAP",
                          c.T("Controleert een uitwisselingsmap en toont elke fout, niet enkel de eerste.",
                              "Checks an exchange folder and lists every error, not just the first."),
                          1);
      e >= 0)
    return e;
  std::unique_ptr<Store> store;
  if (flags.Has("db")) {
    auto opened = OpenExistingStore(c, flags.Get("db"));
    if (!opened.ok()) return ReportStatus(c, opened.status());
    store = std::move(opened).value();
  }
  ReadOptions options;
  options.ignore_unknown_columns = flags.Has("ignore-unknown-columns");
  options.progress = ProgressPrinter(c);
  options.notice = NoticePrinter(c);
  Findings findings(100000);
  Status s = ValidateFolder(store.get(), Codebook::Default(), flags.positional()[0], options, &findings);
  if (!s.ok()) return ReportStatus(c, s);
  if (!findings.empty()) {
    PrintFindings(c, findings);
    std::cerr << findings.count() << c.T(" fout(en) gevonden.\n", " error(s) found.\n");
    return kExitDataErrors;
  }
  std::cout << c.T("Geen fouten gevonden in ", "No errors found in ") << flags.positional()[0] << "\n";
  return kExitOk;
}

int RunDemo(const CliContext& c, int argc, char** argv) {
  Flags flags(
      {DbFlag(c),
       {"dossiers", "N", c.T("aantal dossiers", "number of dossiers"), "300"},
       {"seed", "N",
        c.T("startwaarde van het toeval (zelfde waarde, zelfde team)", "random seed (same seed, same team)"), "2020"},
       {"all-moments", "",
        c.T("geef elk dossier alle drie de meetmomenten en scoor elk gezin bij elke meting (voor benchmarks)",
            "give every dossier all three moments and score every family at each measurement (for benchmarks)"),
        ""},
       {"interviewed", "AANDEEL",
        c.T("met --all-moments: aandeel bevraagde moeders, van 0 tot 1",
            "with --all-moments: share of mothers interviewed, from 0 to 1"),
        "0.3"},
       {"sparse-scores", "",
        c.T("met --all-moments: enkel de 21 gezinnen van de casestudie gescoord (de vroegere vorm)",
            "with --all-moments: only the 21 case-study families scored (the former shape)"),
        ""},
       {"export", "MAP",
        c.T("schrijf het team als uitwisselingsmap in plaats van naar de databank",
            "write the team as an exchange folder instead of into the database"),
        ""},
       {"groups", "",
        c.T("voeg ook groepswerking en steungeld toe (op de einddatum van het team; sleutel naast de databank)",
            "also add group work and support money (at the team's end date; key beside the database)"),
        ""},
       HelpFlag(c)});
  if (int e = ParseOrExit(c, &flags, argc, argv,
                          "opkomst demo [--db URL] [--dossiers N] [--seed N] [--all-moments [--interviewed AANDEEL] "
                          "[--sparse-scores]] [--export MAP]",
                          c.T("Maakt een synthetisch team (verzonnen gegevens, verdelingen zoals in het rapport) en "
                              "toont wat de databank bevat.",
                              "Creates a synthetic team (made-up data, distributions like the report's) and shows "
                              "what the database holds."),
                          0);
      e >= 0)
    return e;
  auto dossiers = flags.GetInt("dossiers", 1, 10000000);
  if (!dossiers.ok()) return ReportStatus(c, dossiers.status());
  auto seed = flags.GetInt("seed", 0, 1LL << 62);
  if (!seed.ok()) return ReportStatus(c, seed.status());
  GeneratorOptions options;
  options.dossiers = *dossiers;
  options.seed = static_cast<uint64_t>(*seed);
  options.batch = 20000;
  options.every_moment = flags.Has("all-moments");
  options.score_every_family = options.every_moment && !flags.Has("sparse-scores");
  auto interviewed = flags.GetShare("interviewed");
  if (!interviewed.ok()) return ReportStatus(c, interviewed.status());
  options.interviewed_share = *interviewed;
  const Codebook& cb = Codebook::Default();
  if (flags.Has("export")) {
    ExchangeWriter writer(cb, flags.Get("export"));
    Status s = writer.Begin();
    ExchangeSink sink(&writer);
    if (s.ok()) s = GenerateTeam(cb, options, &sink);
    if (s.ok()) s = writer.Finish();
    if (!s.ok()) return ReportStatus(c, s);
    std::cout << c.T("Synthetisch team van ", "Synthetic team of ") << *dossiers
              << c.T(" dossiers geschreven naar ", " dossiers written to ") << flags.Get("export") << "\n";
    return kExitOk;
  }
  auto store = OpenStore(flags);
  if (!store.ok()) return ReportStatus(c, store.status());
  auto counts = (*store)->Counts();
  if (!counts.ok()) return ReportStatus(c, counts.status());
  if (counts->dossiers > 0) {
    std::cout << c.T("De databank bevat al gegevens; er worden geen demogegevens toegevoegd.\n",
                     "The database holds data already; no demo data is added.\n");
  } else {
    auto transaction = (*store)->BeginImport();
    if (!transaction.ok()) return ReportStatus(c, transaction.status());
    Status s = GenerateTeam(cb, options, transaction->get());
    if (s.ok()) s = (*transaction)->Commit();
    if (!s.ok()) return ReportStatus(c, s);
  }
  if (flags.Has("groups")) {  // issue 13: the groups as `serve --demo` makes them, at the team's cut-off
    if (Status s = security::InitialiseCrypto(); !s.ok()) return ReportStatus(c, s);
    auto sealer = security::Sealer::FromKeyFile(DefaultKeyFile(flags.Get("db")), true);
    if (!sealer.ok()) return ReportStatus(c, sealer.status());
    if (Status s = CreateDemoGroupWork(**store, cb, *sealer, options.as_of); !s.ok()) return ReportStatus(c, s);
  }
  return ReportStatus(c, PrintSummary(c, store->get()));
}

}  // namespace opkomst
