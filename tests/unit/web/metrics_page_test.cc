// MetricsPage: who may read /metrics, and the router's counts in its text.
#include "web/metrics_page.h"

#include <gtest/gtest.h>

#include "web/routes.h"

namespace samizdat::web {
namespace {

constexpr const char* kToken = "0123456789abcdef-token";

http::Request From(std::string address) {
  http::Request request;
  request.method = "GET";
  request.target = "/metrics";
  request.remote_address = std::move(address);
  return request;
}

TEST(MetricsPageTest, LoopbackPeersMayReadIt) {
  const MetricsPage page(RouteTable(), "");
  for (const char* address : {"127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"}) {
    const http::Response response = page.Handle(From(address));
    EXPECT_EQ(response.status, 200) << address;
    EXPECT_NE(response.body->find("# TYPE samizdat_http_requests_total counter"),
              std::string::npos);
  }
}

TEST(MetricsPageTest, OthersAndRelayedRequestsGetA404) {
  const MetricsPage page(RouteTable(), "");
  for (const char* address : {"203.0.113.9", "10.0.0.1", "::ffff:10.0.0.1", "2001:db8::1", ""}) {
    const http::Response response = page.Handle(From(address));
    EXPECT_EQ(response.status, 404) << address;
    EXPECT_EQ(response.body->find("samizdat_"), std::string::npos);
  }
  // A proxy on this host relayed it: its peer is the loopback, its client is not.
  http::Request relayed = From("127.0.0.1");
  relayed.headers.push_back({"X-Forwarded-For", "203.0.113.9"});
  EXPECT_EQ(page.Handle(relayed).status, 404);
  // Without a token configured, a token opens nothing.
  http::Request bearer = From("203.0.113.9");
  bearer.headers.push_back({"Authorization", std::string("Bearer ") + kToken});
  EXPECT_EQ(page.Handle(bearer).status, 404);
}

TEST(MetricsPageTest, TheTokenOpensItFromAnywhereAndAWrongOneIs403) {
  const MetricsPage page(RouteTable(), kToken);
  http::Request request = From("203.0.113.9");
  request.headers.push_back({"Authorization", std::string("Bearer ") + kToken});
  EXPECT_EQ(page.Handle(request).status, 200);
  for (std::string wrong : {std::string("Bearer ") + kToken + "x", std::string("Bearer x"),
                            std::string("Basic ") + kToken, std::string(kToken)}) {
    request.headers = {{"Authorization", wrong}};
    const http::Response response = page.Handle(request);
    EXPECT_EQ(response.status, 403) << wrong;
    EXPECT_EQ(response.body->find("samizdat_"), std::string::npos);
  }
  // From the loopback, a wrong token is still wrong: the sender meant to use one.
  http::Request local = From("127.0.0.1");
  local.headers.push_back({"Authorization", "Bearer nope"});
  EXPECT_EQ(page.Handle(local).status, 403);
}

TEST(MetricsPageTest, CountsAnswersByRowAndStatus) {
  MetricsPage page(RouteTable(), "");
  const Route* health = &RouteTable()[0];
  ASSERT_EQ(health->pattern, "/healthz");
  page.Count(health, 200);
  page.Count(health, 200);
  page.Count(health, 503);
  page.Count(health, 418);  // not one of the statuses counted apart
  page.Count(nullptr, 400);
  const std::string text = page.Text();
  EXPECT_NE(text.find("samizdat_http_requests_total{route=\"GET /healthz\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("samizdat_http_requests_total{route=\"GET /healthz\",status=\"503\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("samizdat_http_requests_total{route=\"GET /healthz\",status=\"other\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("samizdat_http_requests_total{route=\"none\",status=\"400\"} 1\n"),
            std::string::npos);
  // Rows never used are left out.
  EXPECT_EQ(text.find("route=\"GET /\","), std::string::npos);
}

}  // namespace
}  // namespace samizdat::web
