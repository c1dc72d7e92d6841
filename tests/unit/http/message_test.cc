// Tests of the Beast-free helpers on Request and Response.
#include <gtest/gtest.h>

#include "http/server.h"

namespace samizdat::http {
namespace {

TEST(RequestTest, GetHeaderIsCaseInsensitiveAndReturnsTheFirst) {
  Request request;
  request.headers = {{"Content-Type", "text/html"}, {"X-A", "1"}, {"x-a", "2"}};
  EXPECT_EQ(request.GetHeader("content-type"), "text/html");
  EXPECT_EQ(request.GetHeader("X-a"), "1");
  EXPECT_EQ(request.GetHeader("Missing"), "");
}

TEST(ResponseTest, TextSetsStatusTypeAndBody) {
  const Response response = Response::Text(404, "gone", "text/html");
  EXPECT_EQ(response.status, 404);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].name, "Content-Type");
  EXPECT_EQ(response.headers[0].value, "text/html");
  EXPECT_EQ(*response.body, "gone");
}

}  // namespace
}  // namespace samizdat::http
