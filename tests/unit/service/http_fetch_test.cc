// FetchAll's refusals that need no server: a URL whose host is a loopback, private,
// link-local or otherwise non-public address is refused before any connection (the cloud
// metadata address among them), at once and without retries; allowed, the same URL gets
// as far as the network. (Downloads that work: tests/integration/test_media_import.py.)
#include "service/http_fetch.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace samizdat::service {
namespace {

class HttpFetchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A proxy in the environment would carry the connections (and decide for itself).
    for (const char* name :
         {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
      unsetenv(name);
    }
  }

  std::vector<Fetched> FetchEach(const std::vector<std::string>& urls, FetchOptions options) {
    options.attempts = 3;
    options.backoff = std::chrono::milliseconds(2000);  // a retry would show in the time
    options.connect_timeout = std::chrono::milliseconds(2000);
    std::vector<Fetched> out(urls.size());
    EXPECT_TRUE(FetchAll(urls, options, [&](Fetched f) { out[f.index] = std::move(f); }).ok());
    return out;
  }
};

TEST_F(HttpFetchTest, NonPublicAddressesAreRefusedBeforeAnyConnection) {
  const std::vector<std::string> urls = {
      "http://127.0.0.1:9/x.jpg",       "http://10.1.2.3/x.jpg",  "http://192.168.1.10/x.jpg",
      "http://169.254.169.254/latest/", "http://[::1]:9/x.jpg",   "http://0.0.0.0:9/x.jpg",
      "http://100.64.0.1/x.jpg",        "http://[fd00::1]/x.jpg", "http://localhost:9/x.jpg",
  };
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Fetched> fetched = FetchEach(urls, FetchOptions{});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2)) << "no retries";
  for (std::size_t i = 0; i < urls.size(); ++i) {
    EXPECT_FALSE(fetched[i].ok) << urls[i];
    EXPECT_NE(fetched[i].error.find("is not a public address: refused"), std::string::npos)
        << urls[i] << ": " << fetched[i].error;
  }
  EXPECT_NE(fetched[3].error.find("169.254.169.254"), std::string::npos) << fetched[3].error;
}

TEST_F(HttpFetchTest, AllowedPrivateAddressesAreConnectedTo) {
  FetchOptions options;
  options.private_addresses = true;
  options.attempts = 1;
  // Port 9 (discard) on loopback: nothing listens, so the connection itself fails.
  const std::vector<Fetched> fetched = FetchEach({"http://127.0.0.1:9/x.jpg"}, options);
  EXPECT_FALSE(fetched[0].ok);
  EXPECT_EQ(fetched[0].error.find("not a public address"), std::string::npos) << fetched[0].error;
}

}  // namespace
}  // namespace samizdat::service
