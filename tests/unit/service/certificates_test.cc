// CertificateService: which hosts it orders for, the back-off after a failed order, the
// lease another process holds, and installing what the store holds (once per change).
// The CA here refuses every connection: ordering itself is tested against pebble
// (tests/integration/test_acme.py).
#include "service/certificates.h"

#include <algorithm>
#include <map>

#include "acme/certificates.h"
#include "test_store.h"

namespace samizdat::service {
namespace {

class FakeSink : public CertificateSink {
 public:
  Status Install(const std::string& host, const std::string& chain_pem,
                 const std::string&) override {
    if (refuse) return Status::InvalidArgument("no certificate in the PEM text");
    installed[host] = chain_pem;
    return Status::Ok();
  }
  Status SetAlpnChallenge(const std::string&, const std::string&, const std::string&) override {
    return Status::Ok();
  }
  void ClearAlpnChallenge(const std::string&) override {}

  bool refuse = false;
  std::map<std::string, std::string> installed;
};

class CertificateServiceTest : public StoreTest {
 protected:
  CertificateOptions Options() {
    CertificateOptions options;
    options.acme.directory_url = "http://127.0.0.1:1/dir";  // nothing listens there
    options.acme.transport.timeout = std::chrono::seconds(5);
    options.holder = "this-node";
    options.log = [this](log::Level, std::string_view line) { log_.emplace_back(line); };
    return options;
  }

  void Store(const std::string& host, Time not_after, Time updated) {
    ASSERT_TRUE(store_->PutCertificate({host, "chain of " + host, "key", not_after, updated}).ok());
  }

  std::vector<std::string> log_;
  FakeSink sink_;
};

TEST_F(CertificateServiceTest, InstallsWhatTheStoreHoldsOncePerChange) {
  CertificateService service(*store_, sink_, Options());
  Time now = Now();
  Store("a.test", now + std::chrono::days(90), now);
  EXPECT_EQ(*service.InstallStored(), 1);
  EXPECT_EQ(sink_.installed["a.test"], "chain of a.test");
  EXPECT_EQ(*service.InstallStored(), 0);
  ASSERT_TRUE(store_
                  ->PutCertificate({"a.test", "renewed", "key", now + std::chrono::days(90),
                                    now + std::chrono::seconds(1)})
                  .ok());
  EXPECT_EQ(*service.InstallStored(), 1);
  EXPECT_EQ(sink_.installed["a.test"], "renewed");
  EXPECT_TRUE(log_.empty());
}

TEST_F(CertificateServiceTest, AStoredCertificateTheServerRefusesIsLoggedOnce) {
  CertificateService service(*store_, sink_, Options());
  Store("a.test", Now() + std::chrono::days(90), Now());
  sink_.refuse = true;
  EXPECT_EQ(*service.InstallStored(), 0);
  EXPECT_EQ(*service.InstallStored(), 0);
  ASSERT_EQ(log_.size(), 1u);
  EXPECT_EQ(log_[0],
            "https: the stored certificate of a.test cannot be used: no certificate in the PEM "
            "text");
}

TEST_F(CertificateServiceTest, OrdersForHostsWithoutOrNearTheEndAndBacksOffAfterAFailure) {
  Time now = Now();
  CreateBlog("fresh.test", "Has a certificate for 60 more days");
  CreateBlog("new.test", "Has none");
  CreateBlog("ending.test", "Has one for 10 more days");
  CreateBlog("localhost", "Not a name a CA issues for");
  Store("fresh.test", now + std::chrono::days(60), now);
  Store("ending.test", now + std::chrono::days(10), now);
  CertificateService service(*store_, sink_, Options());

  EXPECT_EQ(*service.Check(now), 0);
  ASSERT_EQ(log_.size(), 2u);
  std::sort(log_.begin(), log_.end());  // blogs made in one millisecond: any order
  EXPECT_TRUE(log_[0].starts_with("https: ending.test: ordering a certificate failed: "))
      << log_[0];
  EXPECT_TRUE(log_[1].starts_with("https: new.test: ordering a certificate failed: ")) << log_[1];
  for (const std::string& line : log_) {
    EXPECT_TRUE(line.ends_with("; next try in 60 s")) << line;
  }
  // Nothing stored or served changed.
  auto stored = *store_->ListCertificates();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].chain_pem, "chain of ending.test");
  EXPECT_TRUE(sink_.installed.empty());
  // The lease is free again for the other nodes.
  EXPECT_TRUE(*store_->TakeLease("acme", "other-node", Now(), Now() + std::chrono::minutes(1)));
  ASSERT_TRUE(store_->ReleaseLease("acme", "other-node").ok());

  // Within the back-off nothing is tried; after it, again, with the delay doubled.
  EXPECT_EQ(*service.Check(now + std::chrono::seconds(30)), 0);
  EXPECT_EQ(log_.size(), 2u);
  EXPECT_EQ(*service.Check(now + std::chrono::seconds(61)), 0);
  ASSERT_EQ(log_.size(), 4u);
  EXPECT_TRUE(log_[2].ends_with("; next try in 2 min")) << log_[2];
  EXPECT_TRUE(log_[3].ends_with("; next try in 2 min")) << log_[3];
}

TEST_F(CertificateServiceTest, OrdersNothingWhileAnotherProcessHoldsTheLease) {
  CreateBlog("new.test", "Has none");
  ASSERT_TRUE(*store_->TakeLease("acme", "other-node", Now(), Now() + std::chrono::minutes(10)));
  CertificateService service(*store_, sink_, Options());
  EXPECT_EQ(*service.Check(Now()), 0);
  EXPECT_TRUE(log_.empty());
  // Its lease stays its own.
  EXPECT_FALSE(*store_->TakeLease("acme", "this-node", Now(), Now() + std::chrono::minutes(1)));
}

}  // namespace
}  // namespace samizdat::service
