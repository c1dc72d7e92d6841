// HttpStatusOf and ErrorResponse: one answer per kind of failure.
#include "web/http_status.h"

#include <gtest/gtest.h>

namespace samizdat::web {
namespace {

std::string HeaderOf(const http::Response& response, std::string_view name) {
  for (const http::Header& header : response.headers) {
    if (header.name == name) return header.value;
  }
  return "";
}

TEST(HttpStatusTest, EachCodeHasItsStatus) {
  EXPECT_EQ(HttpStatusOf(Status::NotFound("x")), 404);
  EXPECT_EQ(HttpStatusOf(Status::InvalidArgument("x")), 400);
  EXPECT_EQ(HttpStatusOf(Status::Conflict("x")), 409);
  EXPECT_EQ(HttpStatusOf(Status::PermissionDenied("x")), 403);
  EXPECT_EQ(HttpStatusOf(Status::Unavailable("x")), 503);
  EXPECT_EQ(HttpStatusOf(Status::Internal("x")), 500);
}

TEST(HttpStatusTest, OnlyUnavailableSaysWhenToComeBack) {
  const http::Response away =
      ErrorResponse("The page could not be read", Status::Unavailable("gone"));
  EXPECT_EQ(away.status, 503);
  EXPECT_EQ(HeaderOf(away, "Retry-After"), "5");
  EXPECT_EQ(HeaderOf(away, "Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(*away.body, "The page could not be read: gone\n");
  const http::Response broken =
      ErrorResponse("The page could not be read", Status::Internal("bug"));
  EXPECT_EQ(broken.status, 500);
  EXPECT_EQ(HeaderOf(broken, "Retry-After"), "");
}

}  // namespace
}  // namespace samizdat::web
