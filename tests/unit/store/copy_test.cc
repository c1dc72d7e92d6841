// Store contract (every backend): what samizdat migrate reads from one store and writes
// into another — the listings (ListUsers, ListSecrets, ListRedirects, GetAllSpamCounts)
// and the StoreCopy's AddBlog, AddUser, AddSecret and AddSpamCounts, with their
// conflicts.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "store_test_util.h"

namespace samizdat::store {
namespace {

using Strings = std::vector<std::string>;

class CopyTest : public StoreTest {
 protected:
  std::unique_ptr<StoreCopy> Begin() { return Must(store_->BeginCopy()); }

  User MakeUser(const std::string& email, UserRole role, int64_t id = 0) {
    User user;
    user.id = id;
    user.email = email;
    user.display_name = "Name of " + email;
    user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$" + email;
    user.role = role;
    user.must_change_password = role == UserRole::kAuthor;
    user.created = At(1'600'000'000'000 + id);
    return user;
  }

  static void ExpectSameUser(const User& got, const User& want) {
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.email, want.email);
    EXPECT_EQ(got.display_name, want.display_name);
    EXPECT_EQ(got.password_hash, want.password_hash);
    EXPECT_EQ(got.role, want.role);
    EXPECT_EQ(got.must_change_password, want.must_change_password);
    EXPECT_EQ(got.created, want.created);
    EXPECT_EQ(got.totp.sealed_secret, want.totp.sealed_secret);
    EXPECT_EQ(got.totp.on, want.totp.on);
    EXPECT_EQ(got.totp.last_step, want.totp.last_step);
  }

  // A comment on a new post of the blog, moderated into the classifier as `training`
  // with `tokens`.
  void Learn(int64_t blog_id, SpamTraining training, const Strings& tokens) {
    Post post = NewPost(blog_id, "learnt" + std::to_string(++learnt_), 1000);
    Comment comment;
    comment.blog_id = blog_id;
    comment.post_id = post.id;
    comment.status = CommentStatus::kPending;
    comment.published = At(2000);
    comment = Must(store_->CreateComment(comment));
    CommentStatus status =
        training == SpamTraining::kSpam ? CommentStatus::kSpam : CommentStatus::kPublished;
    ASSERT_TRUE(store_->ModerateComment(blog_id, comment.id, status, training, tokens).ok());
  }

  static void ExpectCounts(const SpamCounts& got, int spam, int ham,
                           const std::vector<std::pair<std::string, SpamCounts::Token>>& tokens) {
    EXPECT_EQ(got.spam_comments, spam);
    EXPECT_EQ(got.ham_comments, ham);
    EXPECT_EQ(got.tokens.size(), tokens.size());
    for (const auto& [token, counts] : tokens) {
      auto found = got.tokens.find(token);
      ASSERT_NE(found, got.tokens.end()) << token;
      EXPECT_EQ(found->second.spam, counts.spam) << token;
      EXPECT_EQ(found->second.ham, counts.ham) << token;
    }
  }

  int learnt_ = 0;
};

// --- listings -------------------------------------------------------------------------

TEST_P(CopyTest, ListUsersGivesEveryUserByIdWithEveryField) {
  EXPECT_TRUE(Must(store_->ListUsers()).empty());
  User owner = Must(store_->CreateUser(MakeUser("owner@example.com", UserRole::kOwner)));
  User author = Must(store_->CreateUser(MakeUser("author@example.com", UserRole::kAuthor)));
  User admin = Must(store_->CreateUser(MakeUser("admin@example.com", UserRole::kAdmin)));
  std::vector<User> users = Must(store_->ListUsers());
  ASSERT_EQ(users.size(), 3u);
  std::vector<User> by_id = {owner, author, admin};
  std::sort(by_id.begin(), by_id.end(), [](const User& a, const User& b) { return a.id < b.id; });
  for (size_t i = 0; i < users.size(); ++i) ExpectSameUser(users[i], by_id[i]);
}

TEST_P(CopyTest, ListSecretsGivesEverySecretByNameWithItsBytes) {
  EXPECT_TRUE(Must(store_->ListSecrets()).empty());
  const std::string bytes("\x00\xff\x80 key\n", 8);
  Must(store_->GetOrCreateSecret("form-key", bytes));
  Must(store_->GetOrCreateSecret("ar-key", "plain"));
  Must(store_->GetOrCreateSecret("Zed", "upper case sorts first"));
  std::vector<Secret> secrets = Must(store_->ListSecrets());
  ASSERT_EQ(secrets.size(), 3u);
  EXPECT_EQ(secrets[0].name, "Zed");
  EXPECT_EQ(secrets[1].name, "ar-key");
  EXPECT_EQ(secrets[1].value, "plain");
  EXPECT_EQ(secrets[2].name, "form-key");
  EXPECT_EQ(secrets[2].value, bytes);
}

TEST_P(CopyTest, ListRedirectsGivesTheBlogsRedirectsByOldPath) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  {
    auto bulk = Begin();
    ASSERT_TRUE(bulk->AddRedirect(blog.id, "/c/old", "/2020/01/c.html").ok());
    ASSERT_TRUE(bulk->AddRedirect(blog.id, "/?p=12", "/2020/01/p12.html").ok());
    ASSERT_TRUE(bulk->AddRedirect(blog.id, "/a/old", "/2020/01/wrong.html").ok());
    ASSERT_TRUE(bulk->AddRedirect(blog.id, "/a/old", "/2020/01/a.html").ok());
    ASSERT_TRUE(bulk->AddRedirect(other.id, "/b/old", "/p/b.html").ok());
    ASSERT_TRUE(bulk->Commit(nullptr).ok());
  }
  std::vector<Redirect> redirects = Must(store_->ListRedirects(blog.id));
  ASSERT_EQ(redirects.size(), 3u);
  // By the paths' bytes: '/' sorts before '?', '?' before 'a'.
  EXPECT_EQ(redirects[0].old_path, "/?p=12");
  EXPECT_EQ(redirects[0].new_path, "/2020/01/p12.html");
  EXPECT_EQ(redirects[1].old_path, "/a/old");
  EXPECT_EQ(redirects[1].new_path, "/2020/01/a.html");
  EXPECT_EQ(redirects[2].old_path, "/c/old");
  std::vector<Redirect> others = Must(store_->ListRedirects(other.id));
  ASSERT_EQ(others.size(), 1u);
  EXPECT_EQ(others[0].new_path, "/p/b.html");
  EXPECT_TRUE(Must(store_->ListRedirects(12345)).empty());  // no such blog
}

TEST_P(CopyTest, GetAllSpamCountsGivesEveryTokenOfTheBlog) {
  Blog blog = NewBlog("a.example");
  Blog other = NewBlog("b.example");
  ExpectCounts(Must(store_->GetAllSpamCounts(blog.id)), 0, 0, {});
  Learn(blog.id, SpamTraining::kSpam, {"cheap", "pills"});
  Learn(blog.id, SpamTraining::kSpam, {"cheap"});
  Learn(blog.id, SpamTraining::kHam, {"hello", "cheap"});
  Learn(other.id, SpamTraining::kHam, {"elsewhere"});
  ExpectCounts(Must(store_->GetAllSpamCounts(blog.id)), 2, 1,
               {{"cheap", {2, 1}}, {"pills", {1, 0}}, {"hello", {0, 1}}});
  ExpectCounts(Must(store_->GetAllSpamCounts(other.id)), 0, 1, {{"elsewhere", {0, 1}}});
}

// --- a copy through the StoreCopy -------------------------------------------------------

TEST_P(CopyTest, CopiedRowsKeepTheirIdsAndValues) {
  Blog blog;
  blog.id = 8735244591571808512;
  blog.host = "copied.example";
  blog.title = "Copied";
  blog.description = "A blog from another store";
  blog.banner_url = "/banner.png";
  blog.banner_alt = "Banner";
  blog.time_zone = "Europe/Berlin";
  blog.locale = "de";
  blog.posts_per_page = 3;
  blog.date_format = "d. MMMM yyyy";
  blog.time_format = "HH:mm";
  blog.created = At(1'500'000'000'000);
  blog.updated = At(1'600'000'000'000);
  blog.generation = 40;
  blog.comment_moderation = ModerationMode::kAlways;
  blog.moderation_days = 3;
  blog.comment_depth = 5;
  blog.comment_seq = 9;
  blog.comments_updated = At(1'550'000'000'000);
  blog.jump_link_text = "Weiterlesen";
  blog.imported_from = "https://copied.wordpress.com/";
  User user = MakeUser("copied@example.com", UserRole::kOwner, 41);
  // Two-step sign-in goes with the account (its sealed secret opens with the copied key).
  user.totp = UserTotp{std::string("\x00sealed\xff", 8), true, 56666666};
  SpamCounts counts;
  counts.spam_comments = 7;
  counts.ham_comments = 30;
  counts.tokens = {{"cheap", {5, 1}}, {"hello", {0, 12}}};

  auto bulk = Begin();
  ASSERT_TRUE(bulk->AddBlog(blog).ok());
  ASSERT_TRUE(bulk->AddUser(user).ok());
  ASSERT_TRUE(bulk->AddSecret(Secret{"form-key", std::string("\x01\x00\x02", 3)}).ok());
  ASSERT_TRUE(bulk->AddSpamCounts(blog.id, counts).ok());
  ASSERT_TRUE(bulk->Commit(nullptr).ok());

  Blog stored = Must(store_->GetBlog(blog.id));
  EXPECT_EQ(stored.host, blog.host);
  EXPECT_EQ(stored.title, blog.title);
  EXPECT_EQ(stored.description, blog.description);
  EXPECT_EQ(stored.banner_url, blog.banner_url);
  EXPECT_EQ(stored.banner_alt, blog.banner_alt);
  EXPECT_EQ(stored.time_zone, blog.time_zone);
  EXPECT_EQ(stored.locale, blog.locale);
  EXPECT_EQ(stored.posts_per_page, blog.posts_per_page);
  EXPECT_EQ(stored.date_format, blog.date_format);
  EXPECT_EQ(stored.time_format, blog.time_format);
  EXPECT_EQ(stored.created, blog.created);
  EXPECT_EQ(stored.comment_moderation, blog.comment_moderation);
  EXPECT_EQ(stored.moderation_days, blog.moderation_days);
  EXPECT_EQ(stored.comment_depth, blog.comment_depth);
  EXPECT_EQ(stored.jump_link_text, blog.jump_link_text);
  EXPECT_EQ(stored.imported_from, blog.imported_from);
  // The generation and comment_seq go on from the copied ones: the Commit moved them
  // once, as for every blog a batch touches, so no cache keyed by them is reused.
  EXPECT_EQ(stored.generation, 41);
  EXPECT_EQ(stored.comment_seq, 10);
  EXPECT_EQ(Must(store_->ListBlogs()).size(), 1u);

  std::vector<User> users = Must(store_->ListUsers());
  ASSERT_EQ(users.size(), 1u);
  ExpectSameUser(users[0], user);
  // A user created afterwards gets a new id.
  User later = Must(store_->CreateUser(MakeUser("later@example.com", UserRole::kAuthor)));
  EXPECT_NE(later.id, user.id);
  EXPECT_EQ(Must(store_->CountUsers()), 2);

  EXPECT_EQ(Must(store_->GetOrCreateSecret("form-key", "another")), std::string("\x01\x00\x02", 3));
  ExpectCounts(Must(store_->GetAllSpamCounts(blog.id)), 7, 30,
               {{"cheap", {5, 1}}, {"hello", {0, 12}}});
  // Posts of the copied blog go in as into any other.
  NewPost(blog.id, "after", 1000);
  EXPECT_EQ(Generation(blog.id), 42);
}

TEST_P(CopyTest, SpamCountsAreAddedToThoseStored) {
  Blog blog = NewBlog("a.example");
  Learn(blog.id, SpamTraining::kSpam, {"cheap", "pills"});
  Learn(blog.id, SpamTraining::kHam, {"hello"});
  SpamCounts more;
  more.spam_comments = 2;
  more.ham_comments = 3;
  more.tokens = {{"cheap", {2, 0}}, {"new", {0, 3}}};
  SpamCounts again;
  again.spam_comments = 1;
  again.tokens = {{"new", {1, 0}}};
  {
    auto bulk = Begin();
    ASSERT_TRUE(bulk->AddSpamCounts(blog.id, more).ok());
    ASSERT_TRUE(bulk->AddSpamCounts(blog.id, again).ok());
    ASSERT_TRUE(bulk->Commit(nullptr).ok());
  }
  ExpectCounts(Must(store_->GetAllSpamCounts(blog.id)), 4, 4,
               {{"cheap", {3, 0}}, {"pills", {1, 0}}, {"hello", {0, 1}}, {"new", {1, 3}}});
  // What the classifier asks for reads the sums too.
  CommentScreeningQuery query;
  query.blog_id = blog.id;
  query.post_id = NewPost(blog.id, "asked", 1000).id;
  query.spam_tokens = {"new", "cheap"};
  SpamCounts asked = Must(store_->ScreenComment(query)).spam;
  EXPECT_EQ(asked.tokens.at("new").ham, 3);
  EXPECT_EQ(asked.tokens.at("cheap").spam, 3);
}

TEST_P(CopyTest, TakenIdsHostsEmailsAndNamesAreConflictsAndTheBatchGoesOn) {
  Blog taken = NewBlog("a.example");
  User registered = Must(store_->CreateUser(MakeUser("otto@example.com", UserRole::kOwner)));
  Must(store_->GetOrCreateSecret("form-key", "original"));
  const int64_t generation = Generation(taken.id);

  auto bulk = Begin();
  Blog same_id;
  same_id.id = taken.id;
  same_id.host = "fresh.example";
  Status st = bulk->AddBlog(same_id);
  EXPECT_TRUE(st.IsConflict()) << st.ToString();
  EXPECT_EQ(st.message(), "a blog with id " + std::to_string(taken.id) + " exists");

  Blog same_host;
  same_host.id = 77;
  same_host.host = "a.example";
  st = bulk->AddBlog(same_host);
  EXPECT_TRUE(st.IsConflict()) << st.ToString();
  EXPECT_NE(st.message().find("a.example"), std::string::npos) << st.message();

  Blog fresh;
  fresh.id = 78;
  fresh.host = "fresh.example";
  ASSERT_TRUE(bulk->AddBlog(fresh).ok());
  Blog fresh_again = fresh;
  fresh_again.host = "other.example";
  EXPECT_TRUE(bulk->AddBlog(fresh_again).IsConflict());  // its id, taken in this batch

  st = bulk->AddUser(MakeUser("someone@example.com", UserRole::kAuthor, registered.id));
  EXPECT_TRUE(st.IsConflict()) << st.ToString();
  EXPECT_EQ(st.message(), "a user with id " + std::to_string(registered.id) + " exists");
  st = bulk->AddUser(MakeUser("Otto@Example.com", UserRole::kAuthor, registered.id + 100));
  EXPECT_TRUE(st.IsConflict()) << st.ToString();
  EXPECT_NE(st.message().find("Otto@Example.com"), std::string::npos) << st.message();

  st = bulk->AddSecret(Secret{"form-key", "copied"});
  EXPECT_TRUE(st.IsConflict()) << st.ToString();
  EXPECT_NE(st.message().find("form-key"), std::string::npos) << st.message();

  // What the store cannot hold.
  EXPECT_TRUE(bulk->AddBlog(Blog{}).IsInvalidArgument());
  Blog no_pages = fresh;
  no_pages.id = 79;
  no_pages.host = "c.example";
  no_pages.posts_per_page = 0;
  EXPECT_TRUE(bulk->AddBlog(no_pages).IsInvalidArgument());
  EXPECT_TRUE(
      bulk->AddUser(MakeUser("nobody@example.com", UserRole::kAuthor, 0)).IsInvalidArgument());
  EXPECT_TRUE(bulk->AddUser(MakeUser("", UserRole::kAuthor, 500)).IsInvalidArgument());
  EXPECT_TRUE(bulk->AddSecret(Secret{"", "x"}).IsInvalidArgument());
  EXPECT_TRUE(bulk->AddSecret(Secret{"empty", ""}).IsInvalidArgument());
  EXPECT_TRUE(bulk->AddSpamCounts(taken.id + 1000, SpamCounts{}).IsNotFound());
  ASSERT_TRUE(bulk->Commit(nullptr).ok());

  // The refused rows left nothing; the accepted one is in.
  std::vector<Blog> blogs = Must(store_->ListBlogs());
  ASSERT_EQ(blogs.size(), 2u);
  EXPECT_EQ(Must(store_->GetBlog(taken.id)).host, "a.example");
  EXPECT_EQ(Generation(taken.id), generation);  // not touched by the batch
  EXPECT_EQ(Must(store_->GetBlog(78)).host, "fresh.example");
  EXPECT_TRUE(store_->GetBlog(77).status().IsNotFound());
  std::vector<User> users = Must(store_->ListUsers());
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0].email, "otto@example.com");
  EXPECT_EQ(Must(store_->GetOrCreateSecret("form-key", "x")), "original");
  EXPECT_EQ(Must(store_->ListSecrets()).size(), 1u);
}

TEST_P(CopyTest, ABatchRolledBackLeavesNoCopiedRows) {
  {
    auto bulk = Begin();
    Blog blog;
    blog.id = 90;
    blog.host = "gone.example";
    ASSERT_TRUE(bulk->AddBlog(blog).ok());
    ASSERT_TRUE(bulk->AddUser(MakeUser("gone@example.com", UserRole::kOwner, 91)).ok());
    ASSERT_TRUE(bulk->AddSecret(Secret{"gone", "x"}).ok());
    ASSERT_TRUE(bulk->AddSpamCounts(90, SpamCounts{1, 1, {{"gone", {1, 1}}}}).ok());
  }  // destroyed without Commit
  EXPECT_TRUE(Must(store_->ListBlogs()).empty());
  EXPECT_TRUE(Must(store_->ListUsers()).empty());
  EXPECT_TRUE(Must(store_->ListSecrets()).empty());
  ExpectCounts(Must(store_->GetAllSpamCounts(90)), 0, 0, {});
}

SAMIZDAT_ON_EVERY_STORE(CopyTest);

}  // namespace
}  // namespace samizdat::store
