// Status and StatusOr: errors keep their kind, ASSIGN_OR_RETURN passes them
// on, and reading the value of an error stops the process in every build.
#include "base/status.h"

#include <gtest/gtest.h>

#include <memory>

namespace opkomst {
namespace {

StatusOr<int> Half(int n) {
  if (n % 2 != 0) return InvalidInput("n: " + std::to_string(n) + " is odd");
  return n / 2;
}

StatusOr<int> Quarter(int n) {
  OPKOMST_ASSIGN_OR_RETURN(int half, Half(n));
  OPKOMST_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

StatusOr<std::unique_ptr<int>> Boxed(int n) {
  OPKOMST_ASSIGN_OR_RETURN(auto value, Half(n));
  return std::make_unique<int>(value);
}

TEST(StatusOrTest, AssignOrReturnPassesTheFirstErrorOn) {
  struct Case {
    int input;
    bool ok;
    int value;
    const char* message;
  };
  const Case cases[] = {{8, true, 2, ""}, {6, false, 0, "n: 3 is odd"}, {5, false, 0, "n: 5 is odd"}};
  for (const Case& c : cases) {
    auto got = Quarter(c.input);
    ASSERT_EQ(got.ok(), c.ok) << c.input;
    if (c.ok) {
      EXPECT_EQ(*got, c.value);
    } else {
      EXPECT_EQ(got.status().code(), StatusCode::kInvalidInput);
      EXPECT_EQ(got.status().message(), c.message);
    }
  }
  auto boxed = Boxed(4);
  ASSERT_TRUE(boxed.ok());
  EXPECT_EQ(**boxed, 2);
}

TEST(StatusOrTest, AnOkStatusWithoutValueIsAnInternalError) {
  StatusOr<int> broken(Status::Ok());
  EXPECT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kInternal);
}

TEST(StatusOrDeathTest, ValueOfAnErrorStopsTheProcess) {
  StatusOr<int> error = NotFound("dossier D1");
  EXPECT_DEATH((void)error.value(), "value\\(\\) of an error status: not found: dossier D1");
  EXPECT_DEATH((void)*error, "not found: dossier D1");
}

}  // namespace
}  // namespace opkomst
