// opkomst: registration, exchange and (later) reports for perinatal
// family-support teams. See README.md.
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "cli/commands.h"

namespace {

void PrintHelp(const opkomst::CliContext& c) {
  std::cout << c.T("Gebruik: opkomst OPDRACHT [opties]\n\nOpdrachten:\n",
                   "Usage: opkomst COMMAND [options]\n\nCommands:\n")
            << c.T("  init      maak of upgrade de databank\n", "  init      create or upgrade the database\n")
            << c.T("  import    lees een uitwisselingsmap in (alles of niets)\n",
                   "  import    load an exchange folder (all or nothing)\n")
            << c.T("  export    schrijf alle gegevens naar een uitwisselingsmap\n",
                   "  export    write all data to an exchange folder\n")
            << c.T("  validate  controleer een uitwisselingsmap en toon elke fout\n",
                   "  validate  check an exchange folder and list every error\n")
            << c.T("  demo      maak een synthetisch team (demogegevens)\n",
                   "  demo      create a synthetic team (demo data)\n")
            << c.T("  report    bereken het impactrapport (tabellen en figuren)\n",
                   "  report    compute the impact report (tables and figures)\n")
            << c.T("  serve     start de webtoepassing\n", "  serve     start the web application\n")
            << c.T("  user      beheer accounts (user add)\n", "  user      manage accounts (user add)\n")
            << c.T("  audit     controleer de auditketen (audit verify)\n",
                   "  audit     check the audit chain (audit verify)\n")
            << c.T("  backup    maak een online back-up (zonder de sleutel), of controleer er een (--verify)\n",
                   "  backup    make an online backup (without the key), or check one (--verify)\n")
            << c.T("  restore   zet een back-up terug in een lege databank\n",
                   "  restore   put a backup back into an empty database\n")
            << c.T("  totp      toon de huidige code van een TOTP-geheim\n",
                   "  totp      show the current code of a TOTP secret\n")
            << c.T("  retention wis de identiteit van afgewezen/ingetrokken aanmeldingen\n",
                   "  retention erase the identity of declined/withdrawn referrals\n")
            << c.T("  group-export  schrijf groepswerking en steungeld pseudoniem naar CSV\n",
                   "  group-export  write group work and support money pseudonymously to CSV\n")
            << c.T("\n'opkomst OPDRACHT --help' toont de opties. --lang en schakelt naar het Engels.\n",
                   "\n'opkomst COMMAND --help' shows the options. --lang nl switches to Dutch.\n");
}

}  // namespace

int main(int argc, char** argv) {
  opkomst::CliContext context;
  if (const char* env = std::getenv("OPKOMST_LANG"); env && std::strcmp(env, "en") == 0)
    context.language = opkomst::Language::kEnglish;
  // --lang may stand anywhere; it is taken out before the command parses.
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    if (arg == "--lang" && i + 1 < argc) {
      value = argv[++i];
    } else if (arg.rfind("--lang=", 0) == 0) {
      value = arg.substr(7);
    } else {
      argv[out++] = argv[i];
      continue;
    }
    if (value != "nl" && value != "en") {
      std::cerr << "opkomst: --lang has value '" << value << "'; expected nl or en\n";
      return opkomst::kExitUsage;
    }
    context.language = value == "en" ? opkomst::Language::kEnglish : opkomst::Language::kDutch;
  }
  argc = out;
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    PrintHelp(context);
    return argc < 2 ? opkomst::kExitUsage : opkomst::kExitOk;
  }
  std::string command = argv[1];
  if (command == "init") return opkomst::RunInit(context, argc, argv);
  if (command == "import") return opkomst::RunImport(context, argc, argv);
  if (command == "export") return opkomst::RunExport(context, argc, argv);
  if (command == "validate") return opkomst::RunValidate(context, argc, argv);
  if (command == "demo") return opkomst::RunDemo(context, argc, argv);
  if (command == "report") return opkomst::RunReport(context, argc, argv);
  if (command == "serve") return opkomst::RunServe(context, argc, argv);
  if (command == "user") return opkomst::RunUser(context, argc, argv);
  if (command == "audit") return opkomst::RunAudit(context, argc, argv);
  if (command == "backup") return opkomst::RunBackup(context, argc, argv);
  if (command == "restore") return opkomst::RunRestore(context, argc, argv);
  if (command == "totp") return opkomst::RunTotp(context, argc, argv);
  if (command == "retention") return opkomst::RunRetention(context, argc, argv);
  if (command == "group-export") return opkomst::RunGroupExport(context, argc, argv);
  std::cerr << context.T("opkomst: onbekende opdracht '", "opkomst: unknown command '") << command
            << context.T("'; zie 'opkomst --help'\n", "'; see 'opkomst --help'\n");
  return opkomst::kExitUsage;
}
