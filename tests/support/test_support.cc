#include "support/test_support.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace opkomst::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "opkomst-test-XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  if (made == nullptr) ADD_FAILURE() << "mkdtemp failed";
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void WriteFile(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string TestData(const std::string& relative) {
  const char* root = std::getenv("OPKOMST_TEST_DATA");
  return std::string(root ? root : "tests/data") + "/" + relative;
}

std::vector<std::string> Backends() { return {"sqlite", "postgres"}; }

namespace {

bool RunAdmin(const std::string& base_url, const std::string& sql, std::string* error) {
  PGconn* conn = PQconnectdb(base_url.c_str());
  bool ok = PQstatus(conn) == CONNECTION_OK;
  if (ok) {
    PGresult* r = PQexec(conn, sql.c_str());
    ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) *error = PQresultErrorMessage(r);
    PQclear(r);
  } else {
    *error = PQerrorMessage(conn);
  }
  PQfinish(conn);
  return ok;
}

std::string UniqueName() {
  static std::atomic<int> counter{0};
  std::random_device random;
  return "opkomst_t" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(random() % 100000);
}

}  // namespace

TestDatabase::TestDatabase(const std::string& backend) : backend_(backend) {
  if (backend == "sqlite") {
    url_ = "sqlite:" + dir_.File("test.db");
    return;
  }
  const char* base = std::getenv("OPKOMST_TEST_PG_URL");
  const char* require = std::getenv("OPKOMST_REQUIRE_PG");
  if (base == nullptr || *base == '\0') {
    skip_reason_ = "OPKOMST_TEST_PG_URL is not set; scripts/test.sh starts a server and sets it";
    if (require != nullptr && std::string(require) == "1") ADD_FAILURE() << skip_reason_;
    return;
  }
  name_ = UniqueName();
  std::string error;
  if (!RunAdmin(base, "CREATE DATABASE " + name_, &error)) {
    ADD_FAILURE() << "cannot create test database: " << error;
    return;
  }
  std::string url = base;
  url = url.substr(0, url.rfind('/') + 1) + name_;
  url_ = url;
}

TestDatabase::~TestDatabase() {
  if (backend_ != "postgres" || name_.empty()) return;
  std::string error;
  RunAdmin(std::getenv("OPKOMST_TEST_PG_URL"), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", &error);
}

}  // namespace opkomst::testing
