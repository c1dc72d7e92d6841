// Store contract (every backend): reading, changing and removing users.
#include "store_test_util.h"

namespace samizdat::store {
namespace {

class AccountsTest : public StoreTest {
 protected:
  User NewUser(const std::string& email, UserRole role = UserRole::kAuthor, int64_t blog_id = 0) {
    User user;
    user.email = email;
    user.display_name = "Name of " + email;
    user.password_hash = "$argon2id$hash-of-" + email;
    user.role = role;
    user.blog_id = blog_id;
    user.created = At(1'700'000'000'000);
    return Must(store_->CreateUser(user));
  }
};

TEST_P(AccountsTest, GetUserReadsEveryField) {
  Blog blog = NewBlog("a.test");
  User created = NewUser("otto@example.com", UserRole::kOwner, blog.id);
  User got = Must(store_->GetUser(created.id));
  EXPECT_EQ(got.id, created.id);
  EXPECT_EQ(got.email, "otto@example.com");
  EXPECT_EQ(got.display_name, "Name of otto@example.com");
  EXPECT_EQ(got.password_hash, "$argon2id$hash-of-otto@example.com");
  EXPECT_EQ(got.role, UserRole::kOwner);
  EXPECT_EQ(got.blog_id, blog.id);
  EXPECT_FALSE(got.must_change_password);
  EXPECT_EQ(got.created, At(1'700'000'000'000));
}

TEST_P(AccountsTest, ListUsersKeepsBlogId) {
  User admin = NewUser("admin@example.com", UserRole::kAdmin);
  User author = NewUser("ann@example.com", UserRole::kAuthor, 42);
  std::vector<User> users = Must(store_->ListUsers());
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].id, admin.id);
  EXPECT_EQ(users[0].blog_id, 0);
  EXPECT_EQ(users[1].id, author.id);
  EXPECT_EQ(users[1].blog_id, 42);
}

TEST_P(AccountsTest, GetUserByEmailIgnoresCase) {
  User created = NewUser("Otto@Example.com");
  EXPECT_EQ(Must(store_->GetUserByEmail("otto@example.com")).id, created.id);
  EXPECT_EQ(Must(store_->GetUserByEmail("OTTO@EXAMPLE.COM")).id, created.id);
  EXPECT_EQ(Must(store_->GetUserByEmail("Otto@Example.com")).email, "Otto@Example.com");
}

TEST_P(AccountsTest, MissingUsersAreNotFound) {
  NewUser("otto@example.com");
  EXPECT_TRUE(store_->GetUser(999).status().IsNotFound());
  EXPECT_TRUE(store_->GetUserByEmail("nobody@example.com").status().IsNotFound());
  User ghost;
  ghost.id = 999;
  ghost.email = "ghost@example.com";
  EXPECT_TRUE(store_->UpdateUser(ghost).IsNotFound());
  EXPECT_TRUE(store_->DeleteUser(999).IsNotFound());
}

TEST_P(AccountsTest, UpdateUserReplacesFieldsButIdAndCreated) {
  User user = NewUser("otto@example.com");
  User changed = user;
  changed.email = "otto@new.example";
  changed.display_name = "Otto Two";
  changed.password_hash = "$argon2id$new";
  changed.role = UserRole::kOwner;
  changed.blog_id = 7;
  changed.must_change_password = true;
  changed.created = At(5);
  ASSERT_TRUE(store_->UpdateUser(changed).ok());
  User got = Must(store_->GetUser(user.id));
  EXPECT_EQ(got.email, "otto@new.example");
  EXPECT_EQ(got.display_name, "Otto Two");
  EXPECT_EQ(got.password_hash, "$argon2id$new");
  EXPECT_EQ(got.role, UserRole::kOwner);
  EXPECT_EQ(got.blog_id, 7);
  EXPECT_TRUE(got.must_change_password);
  EXPECT_EQ(got.created, user.created);
  EXPECT_TRUE(store_->GetUserByEmail("otto@example.com").status().IsNotFound());
}

TEST_P(AccountsTest, TotpIsSetApartFromTheOtherFields) {
  User user = NewUser("otto@example.com");
  EXPECT_EQ(user.totp.sealed_secret, "");
  EXPECT_FALSE(user.totp.on);
  const std::string sealed("\x00\x01sealed\xff", 9);
  ASSERT_TRUE(store_->SetUserTotp(user.id, UserTotp{sealed, true, 100}).ok());
  // UpdateUser (a new password) leaves two-step sign-in as it is.
  user.password_hash = "$argon2id$new";
  ASSERT_TRUE(store_->UpdateUser(user).ok());
  User got = Must(store_->GetUserByEmail("otto@example.com"));
  EXPECT_EQ(got.totp.sealed_secret, sealed);
  EXPECT_TRUE(got.totp.on);
  EXPECT_EQ(got.totp.last_step, 100);
  EXPECT_EQ(Must(store_->ListUsers())[0].totp.sealed_secret, sealed);
  EXPECT_TRUE(store_->SetUserTotp(999, UserTotp{}).IsNotFound());
  ASSERT_TRUE(store_->SetUserTotp(user.id, UserTotp{}).ok());
  got = Must(store_->GetUser(user.id));
  EXPECT_EQ(got.totp.sealed_secret, "");
  EXPECT_FALSE(got.totp.on);
  EXPECT_EQ(got.totp.last_step, 0);
}

TEST_P(AccountsTest, RecordTotpStepAcceptsOnlyLaterSteps) {
  User user = NewUser("otto@example.com");
  ASSERT_TRUE(store_->SetUserTotp(user.id, UserTotp{"sealed", true, 100}).ok());
  EXPECT_FALSE(Must(store_->RecordTotpStep(user.id, 100)));  // the same code again
  EXPECT_FALSE(Must(store_->RecordTotpStep(user.id, 99)));
  EXPECT_TRUE(Must(store_->RecordTotpStep(user.id, 101)));
  EXPECT_FALSE(Must(store_->RecordTotpStep(user.id, 101)));
  EXPECT_EQ(Must(store_->GetUser(user.id)).totp.last_step, 101);
  EXPECT_FALSE(Must(store_->RecordTotpStep(999, 200)));
}

TEST_P(AccountsTest, UpdateUserRefusesATakenEmail) {
  NewUser("ann@example.com");
  User otto = NewUser("otto@example.com");
  User changed = otto;
  changed.email = "ANN@example.com";
  Status st = store_->UpdateUser(changed);
  EXPECT_TRUE(st.IsConflict()) << st.ToString();
  EXPECT_EQ(Must(store_->GetUser(otto.id)).email, "otto@example.com");
  // Its own email in another case is not taken.
  changed.email = "OTTO@example.com";
  EXPECT_TRUE(store_->UpdateUser(changed).ok());
  EXPECT_EQ(Must(store_->GetUser(otto.id)).email, "OTTO@example.com");
}

TEST_P(AccountsTest, DeleteUserRemovesTheUserAndTheirSessionsOnly) {
  User otto = NewUser("otto@example.com");
  User ann = NewUser("ann@example.com");
  ASSERT_TRUE(store_->CreateSession(Session{"otto-1", otto.id, At(1), At(1)}).ok());
  ASSERT_TRUE(store_->CreateSession(Session{"otto-2", otto.id, At(1), At(1)}).ok());
  ASSERT_TRUE(store_->CreateSession(Session{"ann-1", ann.id, At(1), At(1)}).ok());
  ASSERT_TRUE(store_->DeleteUser(otto.id).ok());
  EXPECT_TRUE(store_->GetUser(otto.id).status().IsNotFound());
  EXPECT_TRUE(store_->GetSession("otto-1").status().IsNotFound());
  EXPECT_TRUE(store_->GetSession("otto-2").status().IsNotFound());
  EXPECT_EQ(Must(store_->GetSession("ann-1")).user_id, ann.id);
  EXPECT_EQ(Must(store_->CountUsers()), 1);
  // A new user does not inherit anything of the removed one.
  User again = NewUser("otto@example.com");
  EXPECT_TRUE(store_->GetSession("otto-1").status().IsNotFound());
  EXPECT_NE(again.id, 0);
}

TEST_P(AccountsTest, DeleteUserKeepsTheirPosts) {
  Blog blog = NewBlog("a.test");
  User otto = NewUser("otto@example.com", UserRole::kAuthor, blog.id);
  Post post;
  post.blog_id = blog.id;
  post.title = "By Otto";
  post.path = "/2022/01/by-otto.html";
  post.status = PostStatus::kPublished;
  post.published = At(1000);
  post.updated = At(1000);
  post.author_id = otto.id;
  Post created = Must(store_->CreatePost(post));
  ASSERT_TRUE(store_->DeleteUser(otto.id).ok());
  EXPECT_EQ(Must(store_->GetPost(blog.id, created.id)).author_id, otto.id);
}

TEST_P(AccountsTest, BulkAddUserKeepsBlogId) {
  auto bulk = Must(store_->BeginCopy());
  User user;
  user.id = 77;
  user.email = "copied@example.com";
  user.role = UserRole::kOwner;
  user.blog_id = 1234;
  user.created = At(99);
  ASSERT_TRUE(bulk->AddUser(user).ok());
  ASSERT_TRUE(bulk->Commit(nullptr).ok());
  User got = Must(store_->GetUser(77));
  EXPECT_EQ(got.blog_id, 1234);
  EXPECT_EQ(got.role, UserRole::kOwner);
}

SAMIZDAT_ON_EVERY_STORE(AccountsTest);

}  // namespace
}  // namespace samizdat::store
