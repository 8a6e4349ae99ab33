// backup, backup --verify, restore (issue 15; app/backup.h). Exit codes:
// 0 done (or the backup verifies), 1 refused because the destination or
// target is not empty, or the backup does not verify, 2 wrong usage, 3 the
// database, a file or pg_dump/pg_restore could not be used, 4 internal.
#include <iostream>

#include "app/backup.h"
#include "cli/commands.h"
#include "security/crypto.h"

namespace opkomst {
namespace {

void PrintCounts(const CliContext& c, const storage::BackupCounts& n) {
  std::cout << "  " << n.dossiers << " dossiers, " << n.measurements << c.T(" meetmomenten, ", " measurements, ")
            << n.scores << " scores, " << n.interviews << c.T(" interviewantwoorden, ", " interview answers, ")
            << n.contacts << c.T(" contacten, ", " contacts, ") << n.accounts << " accounts\n  "
            << c.T("auditketen: ", "audit chain: ") << n.audit_rows << c.T(" rijen", " rows")
            << (n.last_audit_hash.empty() ? "" : c.T(", laatste hash ", ", last hash ") + n.last_audit_hash) << "\n";
}

// What must be kept apart from the backup, said every time.
void PrintKeyWarning(const CliContext& c, const app::BackupManifest& m) {
  std::cout << c.T("\nLET OP: de verzegelingssleutel zit NIET in de back-up. Bewaar ",
                   "\nNOTE: the sealing key is NOT in the backup. Keep ")
            << m.key_file
            << c.T(" apart (bv. in de kluis van de dienst); zonder die sleutel zijn namen, contactgegevens en "
                   "notities onleesbaar, en wie back-up en sleutel samen heeft, kan alles lezen.",
                   " separately (e.g. in the department's vault); without it names, contact details and notes are "
                   "unreadable, and whoever holds both backup and key can read everything.");
  if (!m.key_fingerprint.empty())
    std::cout << c.T(" Vingerafdruk: ", " Fingerprint: ") << m.key_fingerprint;
  else
    std::cout << c.T(" (Er was geen sleutelbestand op die plaats.)", " (There was no key file at that place.)");
  std::cout << "\n";
}

int Verify(const CliContext& c, const Flags& flags) {
  auto check = app::VerifyBackup(flags.positional()[0], flags.Has("db") ? flags.Get("db") : "", c.language);
  if (!check.ok()) return ReportStatus(c, check.status());
  std::cout << c.T("Back-up van ", "Backup of ") << check->manifest.created_at << " (" << check->manifest.backend
            << c.T(", schemaversie ", ", schema version ") << check->manifest.schema_version << "):\n";
  PrintCounts(c, check->found);
  if (!check->problem.empty()) {
    std::cerr << c.T("back-up NIET in orde: ", "backup NOT sound: ") << check->problem << "\n";
    return kExitDataErrors;
  }
  std::cout << c.T("Back-up in orde: ze opent, de aantallen kloppen en de auditketen is intact.\n",
                   "Backup sound: it opens, the counts match and the audit chain is intact.\n");
  return kExitOk;
}

}  // namespace

int RunBackup(const CliContext& c, int argc, char** argv) {
  FlagSpec db = DbFlag(c);
  Flags flags({db,
               {"key-file", "BESTAND",
                c.T("de sleutel die bij deze databank hoort (enkel om te melden; ze gaat nooit mee in de back-up)",
                    "the key of this database (only to report it; it never goes into the backup)"),
                ""},
               {"verify", "",
                c.T("controleer de back-up in MAP (PostgreSQL: teruggezet in de lege databank --db)",
                    "check the backup in FOLDER (PostgreSQL: restored into the empty database --db)"),
                ""},
               HelpFlag(c)});
  if (int e = ParseOrExit(c, &flags, argc, argv, "opkomst backup [--db URL] MAP | opkomst backup --verify MAP",
                          c.T("Maakt een consistente online back-up van de databank in de nieuwe of lege MAP, terwijl "
                              "het team verder werkt. De verzegelingssleutel gaat er nooit in mee: bewaar ze apart.",
                              "Makes a consistent online backup of the database in the new or empty FOLDER while the "
                              "team keeps working. The sealing key never goes into it: keep it separately."),
                          1);
      e >= 0)
    return e;
  if (flags.Has("verify")) return Verify(c, flags);
  if (Status s = security::InitialiseCrypto(); !s.ok()) return ReportStatus(c, s);
  std::string key = flags.Has("key-file") ? flags.Get("key-file") : DefaultKeyFile(flags.Get("db"));
  auto manifest = app::Backup(flags.Get("db"), flags.positional()[0], key, c.language);
  if (!manifest.ok()) return ReportStatus(c, manifest.status());
  std::cout << c.T("Back-up gemaakt in ", "Backup made in ") << flags.positional()[0] << ":\n";
  PrintCounts(c, manifest->counts);
  PrintKeyWarning(c, *manifest);
  return kExitOk;
}

int RunRestore(const CliContext& c, int argc, char** argv) {
  Flags flags({DbFlag(c), HelpFlag(c)});
  if (int e = ParseOrExit(c, &flags, argc, argv, "opkomst restore MAP --db URL",
                          c.T("Zet de back-up in MAP terug in de LEGE databank --db (een nieuw SQLite-bestand, of een "
                              "PostgreSQL-databank zonder opkomst-tabellen) en controleert het resultaat.",
                              "Puts the backup in FOLDER back into the EMPTY database --db (a new SQLite file, or a "
                              "PostgreSQL database without opkomst tables) and checks the result."),
                          1);
      e >= 0)
    return e;
  if (Status s = security::InitialiseCrypto(); !s.ok()) return ReportStatus(c, s);
  auto manifest = app::Restore(flags.positional()[0], flags.Get("db"), c.language);
  if (!manifest.ok()) return ReportStatus(c, manifest.status());
  std::cout << c.T("Teruggezet in ", "Restored into ") << RedactDatabaseUrl(flags.Get("db"))
            << c.T(" (back-up van ", " (backup of ") << manifest->created_at << "):\n";
  PrintCounts(c, manifest->counts);
  std::cout << c.T("Zet de bijhorende sleutel (vingerafdruk ", "Put the matching key (fingerprint ")
            << (manifest->key_fingerprint.empty() ? "-" : manifest->key_fingerprint)
            << c.T(") terug op de plaats die serve gebruikt (--key-file).\n",
                   ") back where serve looks for it (--key-file).\n");
  return kExitOk;
}

}  // namespace opkomst
