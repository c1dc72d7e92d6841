// Tests of TrustedProxies and ResolveClient: forwarding headers believed only from a
// trusted peer, the right-most untrusted address taken as the client's.
#include "http/trusted_proxies.h"

#include <gtest/gtest.h>

namespace samizdat::http {
namespace {

TrustedProxies Proxies(std::vector<std::string> cidrs) {
  auto parsed = TrustedProxies::Parse(cidrs);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return parsed.ok() ? *parsed : TrustedProxies();
}

Request From(std::string peer, std::vector<Header> headers) {
  Request request;
  request.remote_address = std::move(peer);
  request.host = "blog.test";
  request.headers = std::move(headers);
  return request;
}

TEST(TrustedProxiesTest, ParsesNetworksAndAddresses) {
  const TrustedProxies proxies = Proxies({"10.1.2.3/8", "127.0.0.1", "fd00::/8", "::1"});
  EXPECT_TRUE(proxies.Trusts("10.200.0.1"));
  EXPECT_TRUE(proxies.Trusts("127.0.0.1"));
  EXPECT_FALSE(proxies.Trusts("127.0.0.2"));
  EXPECT_TRUE(proxies.Trusts("fd12::7"));
  EXPECT_TRUE(proxies.Trusts("::1"));
  EXPECT_TRUE(proxies.Trusts("::ffff:10.0.0.9"));  // IPv4-mapped: its IPv4 address
  EXPECT_FALSE(proxies.Trusts("11.0.0.1"));
  EXPECT_FALSE(proxies.Trusts("unknown"));
  EXPECT_TRUE(TrustedProxies().empty());
  EXPECT_FALSE(TrustedProxies().Trusts("127.0.0.1"));
}

TEST(TrustedProxiesTest, RefusesWhatIsNoNetwork) {
  for (const char* bad : {"10.0.0.0/33", "localhost", "10.0.0/8", "::1/129", "", "1.2.3.4/x"}) {
    auto parsed = TrustedProxies::Parse({bad});
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.status().message().find("is not an IP network"), std::string::npos);
  }
}

TEST(ResolveClientTest, AnUntrustedPeersHeadersAreIgnored) {
  Request request = From("203.0.113.9", {{"X-Forwarded-For", "198.51.100.1"},
                                         {"X-Forwarded-Proto", "https"},
                                         {"X-Forwarded-Host", "evil.example"},
                                         {"Forwarded", "for=198.51.100.2;proto=https"}});
  ResolveClient(Proxies({"127.0.0.1/32"}), request);
  EXPECT_EQ(request.remote_address, "203.0.113.9");
  EXPECT_FALSE(request.secure);
  EXPECT_EQ(request.host, "blog.test");
}

TEST(ResolveClientTest, ATrustedPeersXForwardedHeadersAreBelieved) {
  Request request = From("127.0.0.1", {{"X-Forwarded-For", "198.51.100.1"},
                                       {"X-Forwarded-Proto", "https"},
                                       {"X-Forwarded-Host", "blog.example:8443"}});
  ResolveClient(Proxies({"127.0.0.1/32"}), request);
  EXPECT_EQ(request.remote_address, "198.51.100.1");
  EXPECT_TRUE(request.secure);
  EXPECT_EQ(request.host, "blog.example:8443");
}

TEST(ResolveClientTest, TakesTheRightMostAddressThatIsNoTrustedProxy) {
  // The client forged the first entry; the proxy appended the address it saw.
  Request request =
      From("127.0.0.1", {{"X-Forwarded-For", "1.1.1.1, 198.51.100.7, 10.0.0.2, 10.0.0.3"}});
  ResolveClient(Proxies({"127.0.0.1/32", "10.0.0.0/8"}), request);
  EXPECT_EQ(request.remote_address, "198.51.100.7");

  Request all_trusted = From("127.0.0.1", {{"X-Forwarded-For", "10.0.0.1, 10.0.0.2"}});
  ResolveClient(Proxies({"127.0.0.1/32", "10.0.0.0/8"}), all_trusted);
  EXPECT_EQ(all_trusted.remote_address, "10.0.0.1");
}

TEST(ResolveClientTest, ReadsForwardedElementsWithQuotesAndPorts) {
  Request request = From("::1", {{"Forwarded",
                                  "for=1.1.1.1;proto=http, for=\"[2001:db8:cafe::17]:4711\";"
                                  "proto=HTTPS;host=\"blog.example\", for=10.0.0.2"},
                                 {"X-Forwarded-For", "9.9.9.9"}});
  ResolveClient(Proxies({"::1", "10.0.0.0/8"}), request);
  EXPECT_EQ(request.remote_address, "2001:db8:cafe::17");
  EXPECT_TRUE(request.secure);
  EXPECT_EQ(request.host, "blog.example");
}

TEST(ResolveClientTest, KeepsThePeerForAnUnknownClientAndABadHost) {
  Request request = From("127.0.0.1", {{"Forwarded", "for=unknown;host=\"a b@c\";proto=gopher"}});
  ResolveClient(Proxies({"127.0.0.1/32"}), request);
  EXPECT_EQ(request.remote_address, "127.0.0.1");
  EXPECT_FALSE(request.secure);
  EXPECT_EQ(request.host, "blog.test");

  Request ported = From("127.0.0.1", {{"X-Forwarded-For", "198.51.100.1:5555"}});
  ResolveClient(Proxies({"127.0.0.1/32"}), ported);
  EXPECT_EQ(ported.remote_address, "198.51.100.1");
}

TEST(ResolveClientTest, ProtoAloneFromATrustedPeerIsBelieved) {
  Request request = From("127.0.0.1", {{"X-Forwarded-Proto", "http, https"}});
  ResolveClient(Proxies({"127.0.0.1/32"}), request);
  EXPECT_EQ(request.remote_address, "127.0.0.1");
  EXPECT_TRUE(request.secure);
}

}  // namespace
}  // namespace samizdat::http
