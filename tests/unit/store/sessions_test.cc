// Store contract (every backend): sign-in sessions, the failed sign-ins that throttle, and
// one-time sign-in links.
#include "store_test_util.h"

namespace samizdat::store {
namespace {

class SessionsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    otto_ = NewUser("otto@example.com");
    ann_ = NewUser("ann@example.com");
  }

  int64_t NewUser(const std::string& email) {
    User user;
    user.email = email;
    return Must(store_->CreateUser(user)).id;
  }

  void Open(const std::string& hash, int64_t user_id, int64_t created_ms, int64_t seen_ms) {
    ASSERT_TRUE(store_->CreateSession(Session{hash, user_id, At(created_ms), At(seen_ms)}).ok());
  }

  bool Exists(const std::string& hash) { return store_->GetSession(hash).ok(); }

  int64_t otto_ = 0;
  int64_t ann_ = 0;
};

TEST_P(SessionsTest, CreateAndGet) {
  Open("aaaa", otto_, 1000, 2000);
  Session got = Must(store_->GetSession("aaaa"));
  EXPECT_EQ(got.token_hash, "aaaa");
  EXPECT_EQ(got.user_id, otto_);
  EXPECT_EQ(got.created, At(1000));
  EXPECT_EQ(got.last_seen, At(2000));
  EXPECT_TRUE(store_->GetSession("bbbb").status().IsNotFound());
  // Hashes compare exactly.
  EXPECT_TRUE(store_->GetSession("AAAA").status().IsNotFound());
}

TEST_P(SessionsTest, CreateRefusesATakenHashAndAnAbsentUser) {
  Open("aaaa", otto_, 1000, 1000);
  Status taken = store_->CreateSession(Session{"aaaa", ann_, At(5), At(5)});
  EXPECT_TRUE(taken.IsConflict()) << taken.ToString();
  EXPECT_EQ(Must(store_->GetSession("aaaa")).user_id, otto_);
  Status absent = store_->CreateSession(Session{"cccc", 9999, At(5), At(5)});
  EXPECT_TRUE(absent.IsNotFound()) << absent.ToString();
  EXPECT_FALSE(Exists("cccc"));
}

TEST_P(SessionsTest, TouchMovesLastSeenOnly) {
  Open("aaaa", otto_, 1000, 1000);
  ASSERT_TRUE(store_->TouchSession("aaaa", At(9000)).ok());
  Session got = Must(store_->GetSession("aaaa"));
  EXPECT_EQ(got.created, At(1000));
  EXPECT_EQ(got.last_seen, At(9000));
  EXPECT_TRUE(store_->TouchSession("zzzz", At(9000)).IsNotFound());
}

TEST_P(SessionsTest, DeleteRemovesOneAndToleratesAbsent) {
  Open("aaaa", otto_, 1000, 1000);
  Open("bbbb", otto_, 1000, 1000);
  ASSERT_TRUE(store_->DeleteSession("aaaa").ok());
  EXPECT_FALSE(Exists("aaaa"));
  EXPECT_TRUE(Exists("bbbb"));
  EXPECT_TRUE(store_->DeleteSession("aaaa").ok());  // signing out twice
}

TEST_P(SessionsTest, DeleteUserSessionsKeepsOneOrNone) {
  Open("o1", otto_, 1000, 1000);
  Open("o2", otto_, 1000, 1000);
  Open("o3", otto_, 1000, 1000);
  Open("a1", ann_, 1000, 1000);
  EXPECT_EQ(Must(store_->DeleteUserSessions(otto_, "o2")), 2);
  EXPECT_FALSE(Exists("o1"));
  EXPECT_TRUE(Exists("o2"));
  EXPECT_FALSE(Exists("o3"));
  EXPECT_TRUE(Exists("a1"));
  EXPECT_EQ(Must(store_->DeleteUserSessions(otto_, "")), 1);
  EXPECT_FALSE(Exists("o2"));
  EXPECT_TRUE(Exists("a1"));
  EXPECT_EQ(Must(store_->DeleteUserSessions(otto_, "")), 0);
}

TEST_P(SessionsTest, PurgeRemovesIdleAndTooOldSessions) {
  Open("fresh", otto_, 5000, 9000);
  Open("idle", otto_, 5000, 5999);  // last seen before 6000
  Open("old", otto_, 999, 9500);    // created before 1000, though seen lately
  Open("edge", ann_, 1000, 6000);   // exactly at both limits: kept
  EXPECT_EQ(Must(store_->PurgeSessions(At(6000), At(1000))), 2);
  EXPECT_TRUE(Exists("fresh"));
  EXPECT_FALSE(Exists("idle"));
  EXPECT_FALSE(Exists("old"));
  EXPECT_TRUE(Exists("edge"));
  EXPECT_EQ(Must(store_->PurgeSessions(At(6000), At(1000))), 0);
}

TEST_P(SessionsTest, FailuresCountByAccountSourceAndWindow) {
  ASSERT_TRUE(store_->RecordSignInFailure("otto@example.com", "ip:abc", At(1000)).ok());
  ASSERT_TRUE(store_->RecordSignInFailure("otto@example.com", "ip:abc", At(3000)).ok());
  ASSERT_TRUE(store_->RecordSignInFailure("otto@example.com", "device:n1", At(2000)).ok());
  ASSERT_TRUE(store_->RecordSignInFailure("anna@example.com", "ip:abc", At(2500)).ok());
  SignInFailures pair = Must(store_->CountSignInFailures("otto@example.com", "ip:abc", At(0)));
  EXPECT_EQ(pair.count, 2);
  EXPECT_EQ(pair.last, At(3000));
  SignInFailures account = Must(store_->CountSignInFailures("otto@example.com", "", At(0)));
  EXPECT_EQ(account.count, 3);
  EXPECT_EQ(account.last, At(3000));
  EXPECT_EQ(Must(store_->CountSignInFailures("otto@example.com", "", At(2000))).count, 2);
  SignInFailures none = Must(store_->CountSignInFailures("otto@example.com", "", At(3001)));
  EXPECT_EQ(none.count, 0);
  EXPECT_EQ(none.last, Time{});
  EXPECT_EQ(Must(store_->CountSignInFailures("otto@example.com", "ip:other", At(0))).count, 0);
}

TEST_P(SessionsTest, ClearForgetsOneSourceOrTheWholeAccount) {
  ASSERT_TRUE(store_->RecordSignInFailure("otto@example.com", "ip:abc", At(1000)).ok());
  ASSERT_TRUE(store_->RecordSignInFailure("otto@example.com", "ip:def", At(1000)).ok());
  ASSERT_TRUE(store_->RecordSignInFailure("anna@example.com", "ip:abc", At(1000)).ok());
  ASSERT_TRUE(store_->ClearSignInFailures("otto@example.com", "ip:abc").ok());
  EXPECT_EQ(Must(store_->CountSignInFailures("otto@example.com", "", At(0))).count, 1);
  ASSERT_TRUE(store_->ClearSignInFailures("otto@example.com", "").ok());
  EXPECT_EQ(Must(store_->CountSignInFailures("otto@example.com", "", At(0))).count, 0);
  EXPECT_EQ(Must(store_->CountSignInFailures("anna@example.com", "", At(0))).count, 1);
  EXPECT_TRUE(store_->ClearSignInFailures("nobody@example.com", "").ok());
}

TEST_P(SessionsTest, PurgeDropsFailuresBeforeTheIdleLimit) {
  ASSERT_TRUE(store_->RecordSignInFailure("otto@example.com", "ip:abc", At(1000)).ok());
  ASSERT_TRUE(store_->RecordSignInFailure("otto@example.com", "ip:abc", At(7000)).ok());
  Must(store_->PurgeSessions(At(6000), At(0)));
  EXPECT_EQ(Must(store_->CountSignInFailures("otto@example.com", "ip:abc", At(0))).count, 1);
}

TEST_P(SessionsTest, SignInLinksAreFoundUntilTheyExpireAndTakenOnce) {
  ASSERT_TRUE(store_->CreateSignInLink("link", otto_, At(5000)).ok());
  EXPECT_TRUE(store_->CreateSignInLink("link", ann_, At(5000)).IsConflict());
  EXPECT_TRUE(store_->CreateSignInLink("other", 424242, At(5000)).IsNotFound());
  EXPECT_EQ(Must(store_->FindSignInLink("link", At(4999))), otto_);
  EXPECT_TRUE(store_->FindSignInLink("link", At(5000)).status().IsNotFound());
  EXPECT_TRUE(store_->TakeSignInLink("link", At(5000)).status().IsNotFound());
  EXPECT_EQ(Must(store_->TakeSignInLink("link", At(4000))), otto_);
  EXPECT_TRUE(store_->TakeSignInLink("link", At(4000)).status().IsNotFound());
  EXPECT_TRUE(store_->FindSignInLink("link", At(4000)).status().IsNotFound());
  EXPECT_TRUE(store_->FindSignInLink("absent", At(0)).status().IsNotFound());
}

TEST_P(SessionsTest, SignInLinksGoWithTheirUserAndWhenLongExpired) {
  ASSERT_TRUE(store_->CreateSignInLink("old", otto_, At(1000)).ok());
  ASSERT_TRUE(store_->CreateSignInLink("new", otto_, At(9000)).ok());
  ASSERT_TRUE(store_->CreateSignInLink("anns", ann_, At(9000)).ok());
  Must(store_->PurgeSessions(At(2000), At(0)));
  // Purged (it had expired before the idle limit), though at time 0 it would be valid.
  EXPECT_TRUE(store_->FindSignInLink("old", At(0)).status().IsNotFound());
  ASSERT_TRUE(store_->DeleteUser(ann_).ok());
  EXPECT_TRUE(store_->FindSignInLink("anns", At(0)).status().IsNotFound());
  EXPECT_EQ(Must(store_->FindSignInLink("new", At(0))), otto_);
}

SAMIZDAT_ON_EVERY_STORE(SessionsTest);

}  // namespace
}  // namespace samizdat::store
