// Helpers shared by the tests: temporary folders, files, and fresh
// databases on both backends.
#ifndef OPKOMST_TESTS_SUPPORT_TEST_SUPPORT_H_
#define OPKOMST_TESTS_SUPPORT_TEST_SUPPORT_H_

#include <string>
#include <vector>

namespace opkomst::testing {

// A new empty folder under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& content);
std::string ReadFile(const std::string& path);
// Path of a file under tests/data.
std::string TestData(const std::string& relative);

// The backends every conformance test runs on.
std::vector<std::string> Backends();  // {"sqlite", "postgres"}

// A fresh, empty database of `backend`, dropped by the destructor. For
// PostgreSQL it needs OPKOMST_TEST_PG_URL (set by scripts/test.sh); when it
// is missing, available() is false and the test must GTEST_SKIP, unless
// OPKOMST_REQUIRE_PG=1, when construction fails the test instead.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend);
  ~TestDatabase();
  bool available() const { return !url_.empty(); }
  const std::string& url() const { return url_; }
  const std::string& skip_reason() const { return skip_reason_; }

 private:
  std::string backend_, url_, name_, skip_reason_;
  TempDir dir_;
};

}  // namespace opkomst::testing

#define OPKOMST_SKIP_IF_UNAVAILABLE(db) \
  if (!(db).available()) GTEST_SKIP() << (db).skip_reason()

#endif  // OPKOMST_TESTS_SUPPORT_TEST_SUPPORT_H_
