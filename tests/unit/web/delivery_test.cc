// Deliver: 304 on matching validators, gzip when accepted, the plain body otherwise.
#include "web/delivery.h"

#include <gtest/gtest.h>

namespace samizdat::web {
namespace {

std::string HeaderOf(const http::Response& response, std::string_view name) {
  for (const auto& header : response.headers) {
    if (header.name == name) return header.value;
  }
  return "";
}

class DeliverTest : public ::testing::Test {
 protected:
  http::Request Get(std::vector<http::Header> headers = {}) {
    http::Request request;
    request.method = "GET";
    request.target = "/";
    request.headers = std::move(headers);
    return request;
  }
  std::shared_ptr<const service::CachedPage> page_ = service::CachedPage::Make(
      200, "text/html; charset=utf-8", "<p>hi</p>", *ParseRfc3339("2022-01-15T10:00:00.500Z"));
};

TEST_F(DeliverTest, PlainBodyWithValidators) {
  auto response = Deliver(Get(), *page_);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(*response.body, "<p>hi</p>");
  EXPECT_EQ(HeaderOf(response, "ETag"), page_->etag);
  EXPECT_EQ(HeaderOf(response, "Last-Modified"), "Sat, 15 Jan 2022 10:00:00 GMT");
  EXPECT_EQ(HeaderOf(response, "Content-Encoding"), "");
}

TEST_F(DeliverTest, MatchingEtagGives304WithoutBody) {
  auto response = Deliver(Get({{"If-None-Match", "\"other\", " + page_->etag}}), *page_);
  EXPECT_EQ(response.status, 304);
  EXPECT_TRUE(response.body->empty());
  EXPECT_EQ(Deliver(Get({{"If-None-Match", "\"other\""}}), *page_).status, 200);
}

TEST_F(DeliverTest, IfModifiedSinceComparesWholeSeconds) {
  EXPECT_EQ(Deliver(Get({{"If-Modified-Since", "Sat, 15 Jan 2022 10:00:00 GMT"}}), *page_).status,
            304);
  EXPECT_EQ(Deliver(Get({{"If-Modified-Since", "Sat, 15 Jan 2022 09:59:59 GMT"}}), *page_).status,
            200);
  EXPECT_EQ(Deliver(Get({{"If-Modified-Since", "yesterday"}}), *page_).status, 200);
}

TEST_F(DeliverTest, GzipOnlyWhenAccepted) {
  auto gz = Deliver(Get({{"Accept-Encoding", "br, gzip;q=0.8"}}), *page_);
  EXPECT_EQ(HeaderOf(gz, "Content-Encoding"), "gzip");
  EXPECT_EQ(gz.body, page_->gzip_body);
  auto refused = Deliver(Get({{"Accept-Encoding", "gzip;q=0"}}), *page_);
  EXPECT_EQ(HeaderOf(refused, "Content-Encoding"), "");
  EXPECT_EQ(*refused.body, "<p>hi</p>");
}

TEST_F(DeliverTest, APageWithoutAGzipCopyGoesOutPlain) {
  auto plain = service::CachedPage::Make(200, "text/html", "<p>x</p>", Now(), /*with_gzip=*/false);
  auto response = Deliver(Get({{"Accept-Encoding", "gzip"}}), *plain);
  EXPECT_EQ(HeaderOf(response, "Content-Encoding"), "");
  EXPECT_EQ(*response.body, "<p>x</p>");
}

TEST_F(DeliverTest, ASealedPageGoesOutAsAFileBody) {
  auto sealed = service::CachedPage::Seal(page_);
  auto plain = Deliver(Get(), *sealed);
  ASSERT_NE(plain.file_body, nullptr);
  EXPECT_EQ(plain.file_body->bytes(), "<p>hi</p>");
  auto gz = Deliver(Get({{"Accept-Encoding", "gzip"}}), *sealed);
  EXPECT_EQ(HeaderOf(gz, "Content-Encoding"), "gzip");
  EXPECT_EQ(gz.file_body, sealed->sealed_gzip_body);
  EXPECT_EQ(Deliver(Get({{"If-None-Match", sealed->etag}}), *sealed).status, 304);
}

TEST_F(DeliverTest, ErrorPagesAreNeverNotModified) {
  auto missing = service::CachedPage::Make(404, "text/html", "gone", Now());
  EXPECT_EQ(Deliver(Get({{"If-None-Match", missing->etag}}), *missing).status, 404);
}

}  // namespace
}  // namespace samizdat::web
