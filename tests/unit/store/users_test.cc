// Store contract (every backend): users.
#include "store_test_util.h"

namespace samizdat::store {
namespace {

class UsersTest : public StoreTest {};

TEST_P(UsersTest, CreateUserAssignsIdAndCounts) {
  EXPECT_EQ(Must(store_->CountUsers()), 0);
  User user;
  user.email = "otto@example.com";
  user.display_name = "Otto";
  user.password_hash = "$argon2id$v=19$...";
  user.role = UserRole::kOwner;
  user.must_change_password = true;
  User created = Must(store_->CreateUser(user));
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.email, "otto@example.com");
  EXPECT_EQ(created.role, UserRole::kOwner);
  EXPECT_GT(created.created.time_since_epoch().count(), 0);

  User second;
  second.email = "ann@example.com";
  User other = Must(store_->CreateUser(second));
  EXPECT_NE(other.id, created.id);
  EXPECT_EQ(Must(store_->CountUsers()), 2);
}

TEST_P(UsersTest, EmailIsUniqueIgnoringCase) {
  User user;
  user.email = "otto@example.com";
  Must(store_->CreateUser(user));
  user.email = "Otto@Example.com";
  Status st = store_->CreateUser(user).status();
  EXPECT_TRUE(st.IsConflict());
  EXPECT_NE(st.message().find("Otto@Example.com"), std::string::npos) << st.message();
  EXPECT_EQ(Must(store_->CountUsers()), 1);
}

TEST_P(UsersTest, UserNeedsEmail) {
  EXPECT_TRUE(store_->CreateUser(User{}).status().IsInvalidArgument());
}

SAMIZDAT_ON_EVERY_STORE(UsersTest);

}  // namespace
}  // namespace samizdat::store
