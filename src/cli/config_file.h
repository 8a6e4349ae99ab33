// The configuration file of `opkomst serve` (--config FILE, by default
// /etc/opkomst/opkomst.conf when it exists): one `key = value` per line,
// blank lines and lines starting with # ignored. Every key is the name of a
// serve flag with _ for - (port, key_file, behind_tls, session_idle_minutes,
// ...), plus `database` for db and `address` for host; a switch takes yes
// or no. Flags on the command line override the file. A bad line stops the
// start with a message naming the file, line, key, value and rule. The
// keys are documented in docs/operations.md.
#ifndef OPKOMST_CLI_CONFIG_FILE_H_
#define OPKOMST_CLI_CONFIG_FILE_H_

#include <string>

#include "base/status.h"
#include "cli/commands.h"
#include "cli/flags.h"

namespace opkomst {

inline constexpr char kDefaultConfigPath[] = "/etc/opkomst/opkomst.conf";

// The text of a configuration file applied to `flags` (values only where
// the command line gave none). `path` names the file in messages.
Status ApplyConfigText(const CliContext& c, const std::string& text, const std::string& path, Flags* flags);

// Reads the file of --config (required to exist), or the default file if
// it exists (--config none: no file at all), and applies it.
Status ApplyConfigFile(const CliContext& c, Flags* flags);

}  // namespace opkomst

#endif  // OPKOMST_CLI_CONFIG_FILE_H_
