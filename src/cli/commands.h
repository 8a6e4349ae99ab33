// The subcommands of the `opkomst` binary. Each returns a process exit code:
// 0 success, 1 the input data broke rules (nothing written), 2 wrong usage,
// 3 the database or a file could not be used, 4 internal error.
#ifndef OPKOMST_CLI_COMMANDS_H_
#define OPKOMST_CLI_COMMANDS_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "cli/flags.h"
#include "domain/messages.h"
#include "storage/store.h"

namespace opkomst {

enum ExitCode { kExitOk = 0, kExitDataErrors = 1, kExitUsage = 2, kExitUnavailable = 3, kExitInternal = 4 };

struct CliContext {
  Language language = Language::kDutch;
  // Picks the Dutch or English text.
  const char* T(const char* dutch, const char* english) const { return language == Language::kDutch ? dutch : english; }
};

// The flags every command shares: --db (default $OPKOMST_DB, else
// sqlite:opkomst.db) and --help.
FlagSpec DbFlag(const CliContext& context);
FlagSpec HelpFlag(const CliContext& context);

// The sealing key lives beside an SQLite file; for PostgreSQL in
// $OPKOMST_KEY_FILE or ./opkomst.key. Never in the database itself.
std::string DefaultKeyFile(const std::string& db_url);

// Parses flags; returns an exit code to stop with (after --help or an
// error), or -1 to go on.
int ParseOrExit(const CliContext& c, Flags* flags, int argc, char** argv, const char* synopsis, const char* description,
                size_t positional);

// Opens the database of --db for commands that only read it (report,
// export, validate): never created, never migrated. A missing database is
// kUnavailable (exit 3) with a message in the user's language naming the URL.
StatusOr<std::unique_ptr<Store>> OpenExistingStore(const CliContext& context, const std::string& url);

// The one translator from Status to message and exit code for the CLI.
int ReportStatus(const CliContext& context, const Status& status);

int RunInit(const CliContext& context, int argc, char** argv);
int RunImport(const CliContext& context, int argc, char** argv);
int RunExport(const CliContext& context, int argc, char** argv);
int RunValidate(const CliContext& context, int argc, char** argv);
int RunDemo(const CliContext& context, int argc, char** argv);
int RunReport(const CliContext& context, int argc, char** argv);
int RunServe(const CliContext& context, int argc, char** argv);
int RunUser(const CliContext& context, int argc, char** argv);
int RunAudit(const CliContext& context, int argc, char** argv);
int RunTotp(const CliContext& context, int argc, char** argv);
// backup, backup --verify, restore (cli/backup_command.cc).
int RunBackup(const CliContext& context, int argc, char** argv);
int RunRestore(const CliContext& context, int argc, char** argv);
int RunRetention(const CliContext& context, int argc, char** argv);    // intake_commands.cc
int RunGroupExport(const CliContext& context, int argc, char** argv);  // group_export.cc (issue 13)
namespace security {
class Sealer;
}
// The intake's demo history (issue 12): partner organisations linked to the
// demo partner accounts, referrals, meetings, decisions. Once per database.
Status CreateIntakeDemo(Store& store, const security::Sealer& sealer);

}  // namespace opkomst

#endif  // OPKOMST_CLI_COMMANDS_H_
