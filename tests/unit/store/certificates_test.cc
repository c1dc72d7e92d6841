// Store contract (every backend): HTTPS certificates, ACME challenges and leases.
#include "store_test_util.h"

namespace samizdat::store {
namespace {

class CertificatesTest : public StoreTest {};

TEST_P(CertificatesTest, PutCertificateReplacesTheHostsOne) {
  EXPECT_TRUE(Must(store_->ListCertificates()).empty());
  ASSERT_TRUE(store_->PutCertificate({"b.test", "chain-1", "key-1", At(2'000), At(1'000)}).ok());
  ASSERT_TRUE(store_->PutCertificate({"a.test", "chain-a", "key-a", At(3'000), At(1'000)}).ok());
  ASSERT_TRUE(store_->PutCertificate({"b.test", "chain-2", "key-2", At(5'000), At(4'000)}).ok());
  std::vector<StoredCertificate> stored = Must(store_->ListCertificates());
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].host, "a.test");
  EXPECT_EQ(stored[1].host, "b.test");
  EXPECT_EQ(stored[1].chain_pem, "chain-2");
  EXPECT_EQ(stored[1].key_pem, "key-2");
  EXPECT_EQ(stored[1].not_after, At(5'000));
  EXPECT_EQ(stored[1].updated, At(4'000));
  EXPECT_TRUE(store_->PutCertificate({"", "c", "k", At(1), At(1)}).IsInvalidArgument());
}

TEST_P(CertificatesTest, ChallengesAnswerUntilTheyExpireOrGo) {
  ASSERT_TRUE(store_->PutAcmeChallenge("tok", "tok.thumb", At(10'000)).ok());
  EXPECT_EQ(Must(store_->GetAcmeChallenge("tok", At(9'999))), "tok.thumb");
  EXPECT_TRUE(store_->GetAcmeChallenge("tok", At(10'000)).status().IsNotFound());
  EXPECT_TRUE(store_->GetAcmeChallenge("other", At(1)).status().IsNotFound());
  EXPECT_TRUE(store_->GetAcmeChallenge("\xff", At(1)).status().IsNotFound());
  ASSERT_TRUE(store_->PutAcmeChallenge("tok", "tok.thumb2", At(20'000)).ok());
  EXPECT_EQ(Must(store_->GetAcmeChallenge("tok", At(15'000))), "tok.thumb2");
  ASSERT_TRUE(store_->DeleteAcmeChallenge("tok").ok());
  ASSERT_TRUE(store_->DeleteAcmeChallenge("tok").ok());  // absent: not an error
  EXPECT_TRUE(store_->GetAcmeChallenge("tok", At(1)).status().IsNotFound());
}

TEST_P(CertificatesTest, ALeaseIsOneHoldersUntilItEndsOrIsReleased) {
  EXPECT_TRUE(Must(store_->TakeLease("acme", "node-1", At(1'000), At(5'000))));
  EXPECT_FALSE(Must(store_->TakeLease("acme", "node-2", At(2'000), At(6'000))));
  EXPECT_TRUE(Must(store_->TakeLease("other", "node-2", At(2'000), At(6'000))));
  // The holder renews it; another gets it once it has ended.
  EXPECT_TRUE(Must(store_->TakeLease("acme", "node-1", At(3'000), At(7'000))));
  EXPECT_FALSE(Must(store_->TakeLease("acme", "node-2", At(6'999), At(9'000))));
  EXPECT_TRUE(Must(store_->TakeLease("acme", "node-2", At(7'000), At(9'000))));
  // Releasing another's lease does nothing; releasing one's own frees it.
  ASSERT_TRUE(store_->ReleaseLease("acme", "node-1").ok());
  EXPECT_FALSE(Must(store_->TakeLease("acme", "node-1", At(8'000), At(9'000))));
  ASSERT_TRUE(store_->ReleaseLease("acme", "node-2").ok());
  EXPECT_TRUE(Must(store_->TakeLease("acme", "node-1", At(8'000), At(9'000))));
}

SAMIZDAT_ON_EVERY_STORE(CertificatesTest);

}  // namespace
}  // namespace samizdat::store
