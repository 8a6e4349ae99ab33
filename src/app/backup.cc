#include "app/backup.h"

#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "app/audit.h"
#include "security/crypto.h"

extern char** environ;

namespace opkomst::app {
namespace {

namespace fs = std::filesystem;

constexpr char kManifest[] = "MANIFEST";
constexpr char kSqliteData[] = "opkomst.db";
constexpr char kSqliteAudit[] = "opkomst.db-audit";
constexpr char kPostgresArchive[] = "opkomst.pgdump";

struct Texts {
  Language language;
  std::string operator()(const std::string& dutch, const std::string& english) const {
    return language == Language::kDutch ? dutch : english;
  }
};

bool IsPostgres(const std::string& url) { return url.rfind("postgres", 0) == 0; }
std::string SqlitePath(const std::string& url) { return url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url; }

std::string UtcNow() {
  std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

// The first 16 hex digits of the key file's SHA-256: enough to tell which
// key a backup belongs to, nothing about the key.
std::string KeyFingerprint(const std::string& key_file) {
  std::ifstream in(key_file, std::ios::binary);
  if (!in) return "";
  std::stringstream bytes;
  bytes << in.rdbuf();
  return security::Sha256Hex(bytes.str()).substr(0, 16);
}

// A PostgreSQL program: from $OPKOMST_PG_BIN, else the newest
// /usr/lib/postgresql/N/bin (as scripts/pg-test-server.sh finds them), else $PATH.
std::string PostgresTool(const std::string& name) {
  if (const char* dir = std::getenv("OPKOMST_PG_BIN"); dir && *dir) return std::string(dir) + "/" + name;
  std::vector<std::pair<int, std::string>> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error)) {
    fs::path tool = entry.path() / "bin" / name;
    std::string version = entry.path().filename().string();
    if (fs::exists(tool, error) && !version.empty() && std::all_of(version.begin(), version.end(), ::isdigit))
      found.emplace_back(std::stoi(version), tool.string());
  }
  if (found.empty()) return name;
  return std::max_element(found.begin(), found.end())->second;
}

// The URL without its password, and the password: a password on a command
// line would be readable by every user of the machine (ps).
std::pair<std::string, std::string> SplitPassword(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return {url, ""};
  size_t at = url.find('@', scheme + 3), slash = url.find('/', scheme + 3);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return {url, ""};
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return {url, ""};
  return {url.substr(0, colon) + url.substr(at), url.substr(colon + 1, at - colon - 1)};
}

// Runs a PostgreSQL program with `arguments` (its messages go to our
// stderr); Ok if it exits 0.
Status RunTool(const std::string& name, std::vector<std::string> arguments, const std::string& password,
               const Texts& t) {
  std::string program = PostgresTool(name);
  arguments.insert(arguments.begin(), program);
  std::vector<char*> argv;
  for (std::string& a : arguments) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e)
    if (std::string(*e).rfind("PGPASSWORD=", 0) != 0) environment.emplace_back(*e);
  if (!password.empty()) environment.push_back("PGPASSWORD=" + password);
  std::vector<char*> envp;
  for (std::string& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, program.c_str(), nullptr, nullptr, argv.data(), envp.data()) != 0)
    return Unavailable(t("kan " + program + " niet starten (is postgresql-client geïnstalleerd?)",
                         "cannot start " + program + " (is postgresql-client installed?)"));
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::Ok();
  return Unavailable(t(name + " mislukte (zie de melding hierboven)", name + " failed (see its message above)"));
}

Status WriteManifest(const fs::path& folder, const BackupManifest& m) {
  std::ofstream out(folder / kManifest);
  const storage::BackupCounts& c = m.counts;
  out << "# opkomst backup. The sealing key is NOT in this backup: keep it separately.\n"
      << "backend = " << m.backend << "\nschema_version = " << m.schema_version << "\ncreated_at = " << m.created_at
      << "\nkey_file = " << m.key_file << "\nkey_fingerprint = " << m.key_fingerprint << "\ndossiers = " << c.dossiers
      << "\nmeasurements = " << c.measurements << "\nscores = " << c.scores << "\ninterviews = " << c.interviews
      << "\ncontacts = " << c.contacts << "\naccounts = " << c.accounts << "\naudit_rows = " << c.audit_rows
      << "\naudit_outbox = " << c.audit_outbox << "\nlast_audit_hash = " << c.last_audit_hash << "\n";
  out.close();
  if (!out) return Unavailable("cannot write " + (folder / kManifest).string());
  fs::permissions(folder / kManifest, fs::perms::owner_read | fs::perms::owner_write);
  return Status::Ok();
}

StatusOr<BackupManifest> ReadManifest(const fs::path& folder, const Texts& t) {
  std::ifstream in(folder / kManifest);
  if (!in)
    return Unavailable(t("geen opkomst-back-up in " + folder.string() + " (MANIFEST ontbreekt)",
                         "no opkomst backup in " + folder.string() + " (MANIFEST is missing)"));
  std::map<std::string, std::string> values;
  for (std::string line; std::getline(in, line);) {
    size_t equals = line.find(" = ");
    if (line.empty() || line[0] == '#' || equals == std::string::npos) continue;
    values[line.substr(0, equals)] = line.substr(equals + 3);
  }
  BackupManifest m;
  try {
    m.backend = values.at("backend");
    m.schema_version = std::stoi(values.at("schema_version"));
    m.created_at = values["created_at"];
    m.key_file = values["key_file"];
    m.key_fingerprint = values["key_fingerprint"];
    storage::BackupCounts& c = m.counts;
    for (auto [name, field] : std::vector<std::pair<const char*, int64_t*>>{{"dossiers", &c.dossiers},
                                                                            {"measurements", &c.measurements},
                                                                            {"scores", &c.scores},
                                                                            {"interviews", &c.interviews},
                                                                            {"contacts", &c.contacts},
                                                                            {"accounts", &c.accounts},
                                                                            {"audit_rows", &c.audit_rows},
                                                                            {"audit_outbox", &c.audit_outbox}})
      *field = std::stoll(values.at(name));
    c.last_audit_hash = values["last_audit_hash"];
  } catch (const std::exception&) {
    return InvalidInput(t("MANIFEST in " + folder.string() + " is onvolledig of beschadigd",
                          "MANIFEST in " + folder.string() + " is incomplete or damaged"));
  }
  return m;
}

// A backup goes into a new or empty folder (never over an older backup),
// made readable by its owner only: it holds everything the database holds.
Status PrepareFolder(const fs::path& folder, const std::string& key_file, const Texts& t) {
  std::error_code error;
  if (fs::exists(folder, error) && !fs::is_empty(folder, error))
    return AlreadyExists(t(folder.string() + " is niet leeg: een back-up komt in een nieuwe of lege map",
                           folder.string() + " is not empty: a backup goes into a new or empty folder"));
  fs::path key = fs::weakly_canonical(key_file, error), target = fs::weakly_canonical(folder, error);
  if (!key_file.empty() && key.string().rfind(target.string() + "/", 0) == 0)
    return InvalidInput(t("de sleutel " + key_file + " zou in de back-up terechtkomen; bewaar ze apart",
                          "the key " + key_file + " would end up inside the backup; keep it separately"));
  fs::create_directories(folder, error);
  if (error)
    return Unavailable(
        t("kan map " + folder.string() + " niet maken: ", "cannot create folder " + folder.string() + ": ") +
        error.message());
  fs::permissions(folder, fs::perms::owner_all, error);
  return Status::Ok();
}

std::string Compare(const storage::BackupCounts& want, const storage::BackupCounts& got, const Texts& t) {
  std::string problems;
  auto one = [&](const char* name, int64_t a, int64_t b) {
    if (a != b)
      problems += (problems.empty() ? "" : "; ") + std::string(name) + ": " + t("verwacht ", "expected ") +
                  std::to_string(a) + t(", gevonden ", ", found ") + std::to_string(b);
  };
  one("dossiers", want.dossiers, got.dossiers);
  one("measurements", want.measurements, got.measurements);
  one("scores", want.scores, got.scores);
  one("interviews", want.interviews, got.interviews);
  one("contacts", want.contacts, got.contacts);
  one("accounts", want.accounts, got.accounts);
  one("audit_rows", want.audit_rows, got.audit_rows);
  one("audit_outbox", want.audit_outbox, got.audit_outbox);
  if (want.last_audit_hash != got.last_audit_hash)
    problems += (problems.empty() ? "" : "; ") + t("laatste audithash verschilt", "last audit hash differs");
  return problems;
}

StatusOr<std::unique_ptr<Store>> OpenExisting(const std::string& url, bool read_only) {
  OpenOptions options;
  options.create_if_missing = false;
  options.read_only = read_only;
  return Store::Open(url, Codebook::Default(), options);
}

// Counts of an opkomst database at `url` and the verdict on its chain.
StatusOr<BackupCheck> Inspect(const std::string& url, const BackupManifest& manifest, const Texts& t) {
  auto data = OpenExisting(url, true);
  if (!data.ok()) return data.status();
  std::unique_ptr<Store> chain_holder;
  Store* chain = data->get();
  if (!IsPostgres(url)) {
    auto opened = OpenExisting(AuditUrl(url), true);
    if (!opened.ok()) return opened.status();
    chain_holder = std::move(opened).value();
    chain = chain_holder.get();
  }
  BackupCheck check{manifest, {}, ""};
  auto counts = storage::CountForBackup(**data, *chain);
  if (!counts.ok()) return counts.status();
  check.found = *counts;
  check.problem = Compare(manifest.counts, check.found, t);
  auto verified = VerifyAudit(*chain);
  if (!verified.ok()) return verified.status();
  if (!verified->problem.empty())
    check.problem +=
        (check.problem.empty() ? "" : "; ") + t("auditketen gebroken: ", "audit chain broken: ") + verified->problem;
  return check;
}

}  // namespace

StatusOr<BackupManifest> Backup(const std::string& db_url, const std::string& destination, const std::string& key_file,
                                Language language) {
  Texts t{language};
  fs::path folder(destination);
  auto source = OpenExisting(db_url, true);
  if (!source.ok()) return source.status();
  OPKOMST_RETURN_IF_ERROR(PrepareFolder(folder, key_file, t));
  BackupManifest m{IsPostgres(db_url) ? "postgres" : "sqlite",
                   (*source)->SchemaVersion(),
                   UtcNow(),
                   key_file,
                   KeyFingerprint(key_file),
                   {}};
  if (IsPostgres(db_url)) {
    // Named copies, not a structured binding: Debian's clang 14 cannot
    // capture a binding in the lambda below.
    const std::pair<std::string, std::string> split = SplitPassword(db_url);
    const std::string& url = split.first;
    const std::string& password = split.second;
    std::string archive = (folder / kPostgresArchive).string();
    auto counts = storage::CountInExportedSnapshot(**source, [&](const std::string& snapshot) {
      return RunTool("pg_dump", {"--format=custom", "--snapshot=" + snapshot, "--file=" + archive, "--dbname=" + url},
                     password, t);
    });
    if (!counts.ok()) return counts.status();
    m.counts = *counts;
    fs::permissions(archive, fs::perms::owner_read | fs::perms::owner_write);
  } else {
    // Data first, then the chain: an event the copy's outbox holds may also
    // be in the copied chain (the next start skips it), but no change in
    // the copy can lack its event.
    std::string path = SqlitePath(db_url);
    std::error_code error;
    if (!fs::exists(path + "-audit", error)) {  // never served yet: an empty chain
      auto chain = Store::Open(AuditUrl(db_url), Codebook::Default());
      if (!chain.ok()) return chain.status();
    }
    OPKOMST_RETURN_IF_ERROR(storage::CopySqliteOnline(path, (folder / kSqliteData).string()));
    OPKOMST_RETURN_IF_ERROR(storage::CopySqliteOnline(path + "-audit", (folder / kSqliteAudit).string()));
    for (const char* file : {kSqliteData, kSqliteAudit})
      fs::permissions(folder / file, fs::perms::owner_read | fs::perms::owner_write);
    auto data = OpenExisting("sqlite:" + (folder / kSqliteData).string(), true);
    if (!data.ok()) return data.status();
    auto chain = OpenExisting("sqlite:" + (folder / kSqliteAudit).string(), true);
    if (!chain.ok()) return chain.status();
    auto counts = storage::CountForBackup(**data, **chain);
    if (!counts.ok()) return counts.status();
    m.counts = *counts;
  }
  OPKOMST_RETURN_IF_ERROR(WriteManifest(folder, m));
  return m;
}

StatusOr<BackupManifest> Restore(const std::string& source, const std::string& db_url, Language language) {
  Texts t{language};
  fs::path folder(source);
  auto manifest = ReadManifest(folder, t);
  if (!manifest.ok()) return manifest.status();
  if (manifest->backend != (IsPostgres(db_url) ? "postgres" : "sqlite"))
    return InvalidInput(t("de back-up is van " + manifest->backend + ", het doel niet",
                          "the backup is of " + manifest->backend + ", the target is not"));
  auto existing = OpenExisting(db_url, true);
  if (existing.ok() || existing.status().code() != StatusCode::kNotFound) {
    if (!existing.ok()) return existing.status();
    return AlreadyExists(t(RedactDatabaseUrl(db_url) + " is niet leeg: terugzetten gebeurt enkel in een leeg doel",
                           RedactDatabaseUrl(db_url) + " is not empty: a restore goes into an empty target only"));
  }
  if (IsPostgres(db_url)) {
    auto [url, password] = SplitPassword(db_url);
    OPKOMST_RETURN_IF_ERROR(RunTool("pg_restore",
                                    {"--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                                     "--dbname=" + url, (folder / kPostgresArchive).string()},
                                    password, t));
  } else {
    std::string path = SqlitePath(db_url);
    std::error_code error;
    for (const std::string& file : {path, path + "-audit", path + "-wal", path + "-audit-wal"})
      if (fs::exists(file, error) && fs::file_size(file, error) > 0)
        return AlreadyExists(t(file + " bestaat al: terugzetten gebeurt enkel in een leeg doel",
                               file + " exists already: a restore goes into an empty target only"));
    for (const std::string& file : {path, path + "-audit"}) fs::remove(file, error);  // empty leftovers
    OPKOMST_RETURN_IF_ERROR(storage::CopySqliteOnline((folder / kSqliteData).string(), path));
    OPKOMST_RETURN_IF_ERROR(storage::CopySqliteOnline((folder / kSqliteAudit).string(), path + "-audit"));
  }
  auto check = Inspect(db_url, *manifest, t);
  if (!check.ok()) return check.status();
  if (!check->problem.empty())
    return Incompatible(t("teruggezet, maar het resultaat klopt niet met de back-up: ",
                          "restored, but the result does not match the backup: ") +
                        check->problem);
  return *manifest;
}

StatusOr<BackupCheck> VerifyBackup(const std::string& source, const std::string& scratch_url, Language language) {
  Texts t{language};
  fs::path folder(source);
  auto manifest = ReadManifest(folder, t);
  if (!manifest.ok()) return manifest.status();
  if (manifest->backend == "sqlite") return Inspect("sqlite:" + (folder / kSqliteData).string(), *manifest, t);
  if (!IsPostgres(scratch_url))
    return InvalidInput(
        t("een PostgreSQL-back-up wordt gecontroleerd door ze terug te zetten: geef met --db een lege "
          "PostgreSQL-databank op",
          "a PostgreSQL backup is checked by restoring it: name an empty PostgreSQL database "
          "with --db"));
  auto restored = Restore(source, scratch_url, language);
  if (!restored.ok() && restored.status().code() != StatusCode::kIncompatible) return restored.status();
  return Inspect(scratch_url, *manifest, t);
}

}  // namespace opkomst::app
