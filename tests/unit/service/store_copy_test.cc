// CopyStore: a rich store (two blogs, posts and pages of every status, labels, comments of
// every status with replies, scores and training, redirects, classifier counts, users,
// secrets, revisions, uploaded files) copied SQLite -> SQLite and SQLite -> PostgreSQL ->
// SQLite is the same object for object, field for field, through the Store API; a
// non-empty target is refused unless allowed, then only what it lacks is added; a host
// clash, or a source that changes during the copy, writes nothing.
#include "service/store_copy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../store/forwarding_store.h"
#include "../store/pg_test_server.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace samizdat::service {
namespace {

using store::Store;

template <typename T>
T Must(Result<T> result) {
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (!result.ok()) std::abort();
  return std::move(result).value();
}

Time At(int64_t ms) { return Time(std::chrono::milliseconds(ms)); }

// Every post or page of the blog, any status, by id.
std::vector<Post> AllPosts(Store& s, int64_t blog_id) {
  std::vector<Post> all;
  for (PostKind kind : {PostKind::kPost, PostKind::kPage}) {
    store::PostQuery q;
    q.blog_id = blog_id;
    q.kind = kind;
    q.status = std::nullopt;
    q.limit = 100000;
    for (Post& p : Must(s.ListPosts(q))) all.push_back(std::move(p));
  }
  std::sort(all.begin(), all.end(), [](const Post& a, const Post& b) { return a.id < b.id; });
  return all;
}

// Every comment of the blog, any status, by id.
std::vector<Comment> AllComments(Store& s, int64_t blog_id) {
  store::CommentQuery q;
  q.blog_id = blog_id;
  q.statuses = {};
  q.limit = 100000;
  std::vector<Comment> all = Must(s.ListComments(q));
  std::sort(all.begin(), all.end(), [](const Comment& a, const Comment& b) { return a.id < b.id; });
  return all;
}

// The settings and times a copy keeps (generation, comment_seq and the times their bumps
// set are checked apart).
void ExpectSameBlog(const Blog& a, const Blog& b) {
  SCOPED_TRACE("blog " + a.host);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.host, b.host);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.banner_url, b.banner_url);
  EXPECT_EQ(a.banner_alt, b.banner_alt);
  EXPECT_EQ(a.time_zone, b.time_zone);
  EXPECT_EQ(a.locale, b.locale);
  EXPECT_EQ(a.posts_per_page, b.posts_per_page);
  EXPECT_EQ(a.date_format, b.date_format);
  EXPECT_EQ(a.time_format, b.time_format);
  EXPECT_EQ(a.comment_moderation, b.comment_moderation);
  EXPECT_EQ(a.moderation_days, b.moderation_days);
  EXPECT_EQ(a.comment_depth, b.comment_depth);
  EXPECT_EQ(a.created, b.created);
  // The copy's commit bumps both, so the caches of servers on the target drop the blog.
  EXPECT_GT(b.generation, a.generation);
  EXPECT_GT(b.comment_seq, a.comment_seq);
  EXPECT_GE(b.updated, a.updated);
  EXPECT_GE(b.comments_updated, a.comments_updated);
}

void ExpectSamePost(const Post& a, const Post& b) {
  SCOPED_TRACE("post " + std::to_string(a.id) + " " + a.title);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.blog_id, b.blog_id);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.path, b.path);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.format, b.format);
  EXPECT_EQ(a.body_html, b.body_html);
  EXPECT_EQ(a.body_text, b.body_text);
  EXPECT_EQ(a.author, b.author);
  EXPECT_EQ(a.author_id, b.author_id);
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_EQ(a.published, b.published);
  EXPECT_EQ(a.updated, b.updated);
  EXPECT_EQ(a.comment_count, b.comment_count);
  EXPECT_EQ(a.comments_mode, b.comments_mode);
}

void ExpectSameComment(const Comment& a, const Comment& b) {
  SCOPED_TRACE("comment " + std::to_string(a.id));
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.blog_id, b.blog_id);
  EXPECT_EQ(a.post_id, b.post_id);
  EXPECT_EQ(a.parent_id, b.parent_id);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.author_name, b.author_name);
  EXPECT_EQ(a.author_url, b.author_url);
  EXPECT_EQ(a.body_html, b.body_html);
  EXPECT_EQ(a.body_text, b.body_text);
  EXPECT_EQ(a.body_digest, b.body_digest);
  EXPECT_EQ(a.ip_hash, b.ip_hash);
  EXPECT_EQ(a.spam_score, b.spam_score);
  EXPECT_EQ(a.trained, b.trained);
  EXPECT_EQ(a.published, b.published);
}

void ExpectSameSpamCounts(const store::SpamCounts& a, const store::SpamCounts& b) {
  EXPECT_EQ(a.spam_comments, b.spam_comments);
  EXPECT_EQ(a.ham_comments, b.ham_comments);
  ASSERT_EQ(a.tokens.size(), b.tokens.size());
  for (const auto& [token, counts] : a.tokens) {
    auto other = b.tokens.find(token);
    ASSERT_NE(other, b.tokens.end()) << token;
    EXPECT_EQ(counts.spam, other->second.spam) << token;
    EXPECT_EQ(counts.ham, other->second.ham) << token;
  }
}

// Everything `to` holds is what `from` holds, field for field.
void ExpectSameStore(Store& from, Store& to) {
  std::vector<Blog> blogs = Must(from.ListBlogs());
  std::vector<Blog> copied = Must(to.ListBlogs());
  ASSERT_EQ(blogs.size(), copied.size());
  for (size_t i = 0; i < blogs.size(); ++i) {
    const Blog& blog = blogs[i];
    ExpectSameBlog(blog, copied[i]);

    std::vector<Post> posts = AllPosts(from, blog.id);
    std::vector<Post> posts_copied = AllPosts(to, blog.id);
    ASSERT_EQ(posts.size(), posts_copied.size()) << blog.host;
    for (size_t j = 0; j < posts.size(); ++j) {
      ExpectSamePost(posts[j], posts_copied[j]);
      // Revisions come under new ids, in the same order.
      std::vector<Revision> revisions = Must(from.ListRevisions(blog.id, posts[j].id));
      std::vector<Revision> revisions_copied = Must(to.ListRevisions(blog.id, posts[j].id));
      ASSERT_EQ(revisions.size(), revisions_copied.size());
      for (size_t k = 0; k < revisions.size(); ++k) {
        EXPECT_EQ(revisions[k].post_id, revisions_copied[k].post_id);
        EXPECT_EQ(revisions[k].saved, revisions_copied[k].saved);
        EXPECT_EQ(revisions[k].title, revisions_copied[k].title);
        EXPECT_EQ(revisions[k].source, revisions_copied[k].source);
        EXPECT_EQ(revisions[k].format, revisions_copied[k].format);
        EXPECT_EQ(revisions[k].labels, revisions_copied[k].labels);
        EXPECT_EQ(revisions[k].saved_by, revisions_copied[k].saved_by);
      }
    }

    std::vector<Media> files = Must(from.ListMedia(blog.id, -1, 0));
    std::vector<Media> files_copied = Must(to.ListMedia(blog.id, -1, 0));
    ASSERT_EQ(files.size(), files_copied.size()) << blog.host;
    for (size_t j = 0; j < files.size(); ++j) {
      Media file = Must(from.GetMedia(blog.id, files[j].hash));
      Media copy = Must(to.GetMedia(blog.id, files_copied[j].hash));
      EXPECT_EQ(file.hash, copy.hash);
      EXPECT_EQ(file.content_type, copy.content_type);
      EXPECT_EQ(file.filename, copy.filename);
      EXPECT_EQ(file.bytes, copy.bytes);
      EXPECT_EQ(file.created, copy.created);
    }

    std::vector<Comment> comments = AllComments(from, blog.id);
    std::vector<Comment> comments_copied = AllComments(to, blog.id);
    ASSERT_EQ(comments.size(), comments_copied.size()) << blog.host;
    for (size_t j = 0; j < comments.size(); ++j) ExpectSameComment(comments[j], comments_copied[j]);

    std::vector<store::Redirect> redirects = Must(from.ListRedirects(blog.id));
    std::vector<store::Redirect> redirects_copied = Must(to.ListRedirects(blog.id));
    ASSERT_EQ(redirects.size(), redirects_copied.size());
    for (size_t j = 0; j < redirects.size(); ++j) {
      EXPECT_EQ(redirects[j].old_path, redirects_copied[j].old_path);
      EXPECT_EQ(redirects[j].new_path, redirects_copied[j].new_path);
    }

    ExpectSameSpamCounts(Must(from.GetAllSpamCounts(blog.id)), Must(to.GetAllSpamCounts(blog.id)));

    // What the target derives from the rows: label counts and the full-text index.
    std::vector<LabelCount> labels = Must(from.LabelCounts(blog.id));
    std::vector<LabelCount> labels_copied = Must(to.LabelCounts(blog.id));
    ASSERT_EQ(labels.size(), labels_copied.size());
    for (size_t j = 0; j < labels.size(); ++j) {
      EXPECT_EQ(labels[j].name, labels_copied[j].name);
      EXPECT_EQ(labels[j].count, labels_copied[j].count) << labels[j].name;
    }
    for (const char* words : {"zebra", "quokka", "body"}) {
      std::vector<SearchHit> hits = Must(from.Search(blog.id, words, 50, 0));
      std::vector<SearchHit> hits_copied = Must(to.Search(blog.id, words, 50, 0));
      ASSERT_EQ(hits.size(), hits_copied.size()) << words;
      std::vector<int64_t> ids, ids_copied;
      for (const SearchHit& h : hits) ids.push_back(h.post.id);
      for (const SearchHit& h : hits_copied) ids_copied.push_back(h.post.id);
      std::sort(ids.begin(), ids.end());
      std::sort(ids_copied.begin(), ids_copied.end());
      EXPECT_EQ(ids, ids_copied) << words;
    }
  }

  std::vector<User> users = Must(from.ListUsers());
  std::vector<User> users_copied = Must(to.ListUsers());
  ASSERT_EQ(users.size(), users_copied.size());
  for (size_t i = 0; i < users.size(); ++i) {
    SCOPED_TRACE("user " + users[i].email);
    EXPECT_EQ(users[i].id, users_copied[i].id);
    EXPECT_EQ(users[i].email, users_copied[i].email);
    EXPECT_EQ(users[i].display_name, users_copied[i].display_name);
    EXPECT_EQ(users[i].password_hash, users_copied[i].password_hash);
    EXPECT_EQ(users[i].role, users_copied[i].role);
    EXPECT_EQ(users[i].must_change_password, users_copied[i].must_change_password);
    EXPECT_EQ(users[i].created, users_copied[i].created);
  }

  std::vector<store::Secret> secrets = Must(from.ListSecrets());
  std::vector<store::Secret> secrets_copied = Must(to.ListSecrets());
  ASSERT_EQ(secrets.size(), secrets_copied.size());
  for (size_t i = 0; i < secrets.size(); ++i) {
    EXPECT_EQ(secrets[i].name, secrets_copied[i].name);
    EXPECT_EQ(secrets[i].value, secrets_copied[i].value) << secrets[i].name;
  }
}

// How much of everything a store holds: what a refused copy must leave as it was.
struct Census {
  size_t blogs = 0, posts = 0, comments = 0, users = 0, secrets = 0;
  bool operator==(const Census&) const = default;
};

Census Count(Store& s) {
  Census c;
  for (const Blog& blog : Must(s.ListBlogs())) {
    ++c.blogs;
    c.posts += AllPosts(s, blog.id).size();
    c.comments += AllComments(s, blog.id).size();
  }
  c.users = Must(s.ListUsers()).size();
  c.secrets = Must(s.ListSecrets()).size();
  return c;
}

// A Store that forwards to another and, at its first ListComments, lets `during` write
// to that store: the source changing under a copy.
class ChangingStore final : public store::ForwardingStore {
 public:
  ChangingStore(Store& inner, std::function<void()> during)
      : ForwardingStore(inner), during_(std::move(during)) {}

  Result<std::vector<Comment>> ListComments(const store::CommentQuery& q) override {
    if (during_) std::exchange(during_, nullptr)();
    return inner_.ListComments(q);
  }

 private:
  std::function<void()> during_;
};

class StoreCopyTest : public ::testing::Test {
 protected:
  // Posts and comments of the second blog: more than two of CopyStore's pages each.
  static constexpr int kManyPosts = 1050;
  static constexpr int kManyComments = 1020;

  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "samizdat-copy-XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    source_ = OpenFile("source.db");
    target_ = OpenFile("target.db");
  }
  void TearDown() override {
    source_.reset();
    target_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<Store> OpenFile(const std::string& name) {
    return Must(store::OpenSqliteStore((dir_ / name).string()));
  }

  Post AddPost(Store& s, int64_t blog_id, const std::string& slug, PostKind kind, PostStatus status,
               int64_t ms, std::vector<std::string> labels = {}) {
    Post post;
    post.blog_id = blog_id;
    post.kind = kind;
    post.status = status;
    post.title = "Title " + slug;
    if (status != PostStatus::kDraft || slug.ends_with("-once-published")) {
      post.path = kind == PostKind::kPage ? "/p/" + slug + ".html" : "/2021/03/" + slug + ".html";
    }
    post.source = "Some *markdown* about " + slug + " and a zebra";
    post.format = BodyFormat::kMarkdown;
    post.body_html = "<p>Some <em>markdown</em> about " + slug + " and a zebra</p>";
    post.body_text = "Some markdown about " + slug + " and a zebra";
    post.author = "Ann Author";
    post.labels = std::move(labels);
    post.published = At(ms);
    post.updated = At(ms + 5000);
    return Must(s.CreatePost(post));
  }

  Comment AddComment(Store& s, const Post& post, const std::string& text, int64_t ms,
                     CommentStatus status, int64_t parent_id = 0) {
    Comment c;
    c.blog_id = post.blog_id;
    c.post_id = post.id;
    c.parent_id = parent_id;
    c.status = status;
    c.author_name = "Reader " + text;
    c.author_url = "https://reader.example/" + text;
    c.body_html = "<p>" + text + " quokka</p>";
    c.body_text = text + " quokka";
    c.body_digest = "digest-" + text;
    c.ip_hash = "iphash-" + text;
    c.spam_score = 0.125;
    c.published = At(ms);
    return Must(s.CreateComment(c));
  }

  // Fills the source with one of everything, and many of the things it pages through.
  void FillSource() {
    Store& s = *source_;
    Blog a;
    a.host = "first.example";
    a.title = "First";
    a.description = "A blog with everything";
    a.banner_url = "/banner.png";
    a.banner_alt = "A banner";
    a.time_zone = "Europe/Paris";
    a.locale = "fr";
    a.posts_per_page = 3;
    a.date_format = "d MMMM yyyy";
    a.time_format = "HH:mm";
    a.comment_moderation = ModerationMode::kOlderPosts;
    a.moderation_days = 9;
    a.comment_depth = 1;
    a = Must(s.CreateBlog(a));
    Blog b;
    b.host = "second.example";
    b.title = "Second";
    b = Must(s.CreateBlog(b));
    blog_a_ = a.id;
    blog_b_ = b.id;

    const int64_t t = 1'600'000'000'000;
    Post hello = AddPost(s, a.id, "hello", PostKind::kPost, PostStatus::kPublished, t,
                         {"news", "Zoo", "misc"});
    AddPost(s, a.id, "second", PostKind::kPost, PostStatus::kPublished, t + 1000, {"news"});
    AddPost(s, a.id, "draft", PostKind::kPost, PostStatus::kDraft, t + 2000, {"draft-label"});
    AddPost(s, a.id, "draft-once-published", PostKind::kPost, PostStatus::kDraft, t + 2500);
    AddPost(s, a.id, "later", PostKind::kPost, PostStatus::kScheduled, t + 9'000'000'000'000,
            {"news"});
    AddPost(s, a.id, "about", PostKind::kPage, PostStatus::kPublished, t + 3000);
    AddPost(s, a.id, "page-draft", PostKind::kPage, PostStatus::kDraft, t + 4000);
    Post closed = AddPost(s, a.id, "closed", PostKind::kPost, PostStatus::kPublished, t + 6000);
    closed.comments_mode = CommentsMode::kClosed;
    closed.format = BodyFormat::kHtml;
    ASSERT_TRUE(s.UpdatePost(closed).ok());
    Post hidden = AddPost(s, a.id, "hidden", PostKind::kPost, PostStatus::kPublished, t + 7000);
    hidden.comments_mode = CommentsMode::kHidden;
    hidden.author_id = 2;  // written in the admin
    ASSERT_TRUE(s.UpdatePost(hidden).ok());

    // The editor's revisions and uploaded files (any bytes).
    for (int i = 0; i < 3; ++i) {
      Revision revision;
      revision.blog_id = a.id;
      revision.post_id = hello.id;
      revision.saved = At(t + 100 + i);
      revision.title = "Hello draft " + std::to_string(i);
      revision.source = "*draft* " + std::to_string(i);
      revision.format = i == 1 ? BodyFormat::kHtml : BodyFormat::kMarkdown;
      revision.labels = {"news", "Zoo " + std::to_string(i)};
      revision.saved_by = "Admin";
      Must(s.AddRevision(revision));
    }
    for (int i = 0; i < 2; ++i) {
      Media file;
      file.blog_id = i == 0 ? a.id : b.id;
      file.hash = std::string(31, 'a') + std::to_string(i);
      file.content_type = "image/png";
      file.filename = "file " + std::to_string(i) + ".png";
      file.bytes = std::string("\x89PNG\0\xff\x00", 8) + std::to_string(i);
      file.created = At(t + 200 + i);
      ASSERT_TRUE(s.AddMedia(file).ok());
    }

    // Comments of every status, a reply, scores, both trainings.
    Comment top = AddComment(s, hello, "top", t + 10'000, CommentStatus::kPublished);
    AddComment(s, hello, "reply", t + 11'000, CommentStatus::kPublished, top.id);
    Comment held = AddComment(s, hello, "held", t + 12'000, CommentStatus::kPending);
    Comment spam = AddComment(s, hello, "spam", t + 13'000, CommentStatus::kPending);
    AddComment(s, hello, "deleted", t + 14'000, CommentStatus::kDeleted, top.id);
    AddComment(s, closed, "on-closed", t + 15'000, CommentStatus::kPublished);
    ASSERT_TRUE(s.ModerateComment(a.id, held.id, CommentStatus::kPublished, SpamTraining::kHam,
                                  {"kind", "words", "ham-only"})
                    .ok());
    ASSERT_TRUE(s.ModerateComment(a.id, spam.id, CommentStatus::kSpam, SpamTraining::kSpam,
                                  {"cheap", "pills", "words"})
                    .ok());

    // Many posts (some at the same time: paging must not lose or repeat any) and
    // comments in the second blog, with redirects, through one bulk write as an import.
    auto bulk = Must(s.BeginImport());
    for (int i = 0; i < kManyPosts; ++i) {
      Post p;
      p.id = 1000 + i;
      p.blog_id = b.id;
      p.kind = PostKind::kPost;
      p.status = i % 10 == 0 ? PostStatus::kDraft : PostStatus::kPublished;
      p.title = "Generated " + std::to_string(i);
      p.path = "/2020/01/generated-" + std::to_string(i) + ".html";
      p.body_html = "<p>body " + std::to_string(i) + "</p>";
      p.body_text = "body " + std::to_string(i);
      p.labels = {"l" + std::to_string(i % 7)};
      p.published = At(t + (i / 3) * 1000);
      p.updated = p.published;
      ASSERT_TRUE(bulk->AddPost(p).ok());
    }
    for (int i = 0; i < kManyComments; ++i) {
      Comment c;
      c.id = 50'000 + i;
      c.blog_id = b.id;
      c.post_id = 1001 + i % 5;
      c.parent_id = i >= 5 && i % 4 == 0 ? 50'000 + i - 5 : 0;
      c.status = i % 3 == 0 ? CommentStatus::kPending : CommentStatus::kPublished;
      c.author_name = "Many " + std::to_string(i);
      c.body_html = "<p>many " + std::to_string(i) + "</p>";
      c.body_text = "many " + std::to_string(i);
      c.published = At(t + (i / 2) * 1000);
      ASSERT_TRUE(bulk->AddComment(c).ok());
    }
    ASSERT_TRUE(bulk->AddRedirect(b.id, "/?p=12", "/2020/01/generated-1.html").ok());
    ASSERT_TRUE(bulk->AddRedirect(b.id, "/2020/01/05/old/", "/2020/01/generated-2.html").ok());
    ASSERT_TRUE(bulk->AddRedirect(a.id, "/old-hello/", hello.path).ok());
    ASSERT_TRUE(bulk->Commit(nullptr).ok());

    User admin;
    admin.email = "Admin@Example.com";
    admin.display_name = "Admin";
    admin.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    admin.role = UserRole::kAdmin;
    admin.must_change_password = true;
    Must(s.CreateUser(admin));
    User author;
    author.email = "author@example.com";
    author.role = UserRole::kAuthor;
    Must(s.CreateUser(author));

    Must(s.GetOrCreateSecret("form-token-key", std::string("k\0e\xffy", 5)));
    Must(s.GetOrCreateSecret("ip-hash-key", "another key"));
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> source_;
  std::unique_ptr<Store> target_;
  int64_t blog_a_ = 0;
  int64_t blog_b_ = 0;
};

TEST_F(StoreCopyTest, CopiesEverythingFieldForField) {
  FillSource();
  CopyReport report;
  Status copied = CopyStore(*source_, *target_, CopyOptions{}, &report);
  ASSERT_TRUE(copied.ok()) << copied.ToString();
  ExpectSameStore(*source_, *target_);

  EXPECT_EQ(report.blogs.copied, 2);
  EXPECT_EQ(report.posts.copied, 9 + kManyPosts);
  EXPECT_EQ(report.pages.copied, 2);
  EXPECT_EQ(report.comments.copied, 6 + kManyComments);
  EXPECT_EQ(report.users.copied, 2);
  EXPECT_EQ(report.redirects.copied, 3);
  EXPECT_EQ(report.secrets.copied, 2);
  EXPECT_EQ(report.spam_tokens, 5);  // kind, words, ham-only, cheap, pills
  EXPECT_EQ(report.revisions, 3);
  EXPECT_EQ(report.media, 2);
  EXPECT_EQ(report.blogs.already_there + report.posts.already_there +
                report.comments.already_there + report.users.already_there,
            0);
}

TEST_F(StoreCopyTest, CopiesTheWidgetsData) {
  FillSource();
  Store& s = *source_;
  const int64_t t = 1'700'000'000'000;
  Post viewed = AddPost(s, blog_a_, "viewed", PostKind::kPost, PostStatus::kPublished, t);
  ASSERT_TRUE(s.AddPageViews(blog_a_, 100, {{viewed.path, 3}}).ok());
  ASSERT_TRUE(s.AddPageViews(blog_a_, 102, {{viewed.path, 4}}).ok());
  const store::BlogListEntry feed{"https://f.example/feed",
                                  "F",
                                  "https://f.example/",
                                  "New",
                                  "https://f.example/new",
                                  "A snippet",
                                  "https://f.example/t.png",
                                  At(t),
                                  At(t + 5)};
  ASSERT_TRUE(s.ReplaceBlogList(blog_b_, "BlogList1", {feed}).ok());
  const store::ContactMessage sent = Must(
      s.AddContactMessage({0, blog_a_, "Ann", "ann@example.com", "Hello", "192.0.2.1", At(t)}));

  CopyReport report;
  Status copied = CopyStore(*source_, *target_, CopyOptions{}, &report);
  ASSERT_TRUE(copied.ok()) << copied.ToString();
  EXPECT_EQ(report.page_views, 7);
  EXPECT_EQ(report.blog_list_items, 1);
  EXPECT_EQ(report.messages, 1);
  const std::vector<store::DayViews> views = Must(target_->ListPostViews(blog_a_, viewed.id));
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[0].day, 100);
  EXPECT_EQ(views[0].views, 3);
  EXPECT_EQ(views[1].day, 102);
  EXPECT_EQ(views[1].views, 4);
  const std::vector<store::BlogListItem> items = Must(target_->ListBlogListItems(blog_b_));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].widget_id, "BlogList1");
  EXPECT_EQ(items[0].entry.item_title, "New");
  EXPECT_EQ(items[0].entry.thumbnail_url, "https://f.example/t.png");
  EXPECT_EQ(items[0].entry.fetched, At(t + 5));
  const std::vector<store::ContactMessage> messages =
      Must(target_->ListContactMessages(blog_a_, 10, 0));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].id, sent.id);
  EXPECT_EQ(messages[0].email, "ann@example.com");
  EXPECT_EQ(messages[0].remote_address, "192.0.2.1");
  EXPECT_EQ(messages[0].sent, At(t));

  // A second copy into the now non-empty target adds nothing twice.
  CopyOptions again;
  again.allow_non_empty = true;
  copied = CopyStore(*source_, *target_, again, &report);
  ASSERT_TRUE(copied.ok()) << copied.ToString();
  EXPECT_EQ(report.page_views + report.blog_list_items + report.messages, 0);
  EXPECT_EQ(Must(target_->TopPosts(blog_a_, 0, 10)).at(0).views, 7);
}

TEST_F(StoreCopyTest, EmptySourceCopiesNothing) {
  CopyReport report;
  ASSERT_TRUE(CopyStore(*source_, *target_, CopyOptions{}, &report).ok());
  EXPECT_EQ(report.blogs.copied, 0);
  EXPECT_EQ(Count(*target_), Census{});
}

TEST_F(StoreCopyTest, RefusesTargetWithABlogOrAUser) {
  FillSource();
  for (bool with_blog : {true, false}) {
    SCOPED_TRACE(with_blog ? "a blog" : "a user");
    std::unique_ptr<Store> target = OpenFile(with_blog ? "with-blog.db" : "with-user.db");
    if (with_blog) {
      Blog other;
      other.host = "other.example";
      Must(target->CreateBlog(other));
    } else {
      User user;
      user.email = "someone@example.com";
      Must(target->CreateUser(user));
    }
    const Census before = Count(*target);
    Status refused = CopyStore(*source_, *target, CopyOptions{}, nullptr);
    EXPECT_TRUE(refused.IsInvalidArgument()) << refused.ToString();
    EXPECT_NE(refused.message().find("not empty"), std::string::npos) << refused.message();
    EXPECT_NE(refused.message().find("--allow-non-empty"), std::string::npos) << refused.message();
    EXPECT_EQ(Count(*target), before);
  }
}

TEST_F(StoreCopyTest, HostClashWritesNothing) {
  FillSource();
  Blog squatter;
  squatter.id = 77;
  squatter.host = "second.example";  // the source's second blog, another id
  Must(target_->CreateBlog(squatter));
  const Census before = Count(*target_);
  CopyOptions options;
  options.allow_non_empty = true;
  Status clash = CopyStore(*source_, *target_, options, nullptr);
  EXPECT_TRUE(clash.IsConflict()) << clash.ToString();
  EXPECT_NE(clash.message().find("second.example"), std::string::npos) << clash.message();
  EXPECT_EQ(Count(*target_), before);
  EXPECT_TRUE(target_->GetBlog(blog_a_).status().IsNotFound());
}

TEST_F(StoreCopyTest, PostIdOfAnotherBlogInTheTargetWritesNothing) {
  FillSource();
  ASSERT_TRUE(CopyStore(*source_, *target_, CopyOptions{}, nullptr).ok());
  // The target's second blog takes the id of a post the source has in the first.
  const Post first = AllPosts(*source_, blog_a_).front();
  ASSERT_TRUE(target_->DeletePost(blog_a_, first.id).ok());
  Post squatter = first;
  squatter.blog_id = blog_b_;
  squatter.path = "/2019/01/squatter.html";
  Must(target_->CreatePost(squatter));
  Must(source_->GetOrCreateSecret("new one", "x"));
  const Census before = Count(*target_);
  CopyOptions options;
  options.allow_non_empty = true;
  Status clash = CopyStore(*source_, *target_, options, nullptr);
  EXPECT_TRUE(clash.IsConflict()) << clash.ToString();
  EXPECT_NE(clash.message().find(std::to_string(first.id)), std::string::npos) << clash.message();
  EXPECT_EQ(Count(*target_), before);
}

TEST_F(StoreCopyTest, NonEmptyTargetWhenAllowedGetsOnlyWhatItLacks) {
  FillSource();
  ASSERT_TRUE(CopyStore(*source_, *target_, CopyOptions{}, nullptr).ok());

  // The target's own change stays; the source's new post and comment are added.
  Post edited = AllPosts(*target_, blog_a_).front();
  edited.title = "Edited in the target";
  ASSERT_TRUE(target_->UpdatePost(edited).ok());
  Post fresh = AddPost(*source_, blog_a_, "fresh", PostKind::kPost, PostStatus::kPublished,
                       1'700'000'000'000);
  AddComment(*source_, fresh, "fresh-comment", 1'700'000'001'000, CommentStatus::kPublished);
  Must(source_->GetOrCreateSecret("third", "3"));

  EXPECT_TRUE(CopyStore(*source_, *target_, CopyOptions{}, nullptr).IsInvalidArgument());
  CopyOptions options;
  options.allow_non_empty = true;
  CopyReport report;
  Status copied = CopyStore(*source_, *target_, options, &report);
  ASSERT_TRUE(copied.ok()) << copied.ToString();
  EXPECT_EQ(report.blogs.copied, 0);
  EXPECT_EQ(report.blogs.already_there, 2);
  EXPECT_EQ(report.posts.copied, 1);
  EXPECT_EQ(report.posts.already_there, 9 + kManyPosts);
  EXPECT_EQ(report.comments.copied, 1);
  EXPECT_EQ(report.comments.already_there, 6 + kManyComments);
  EXPECT_EQ(report.users.already_there, 2);
  EXPECT_EQ(report.redirects.already_there, 3);
  EXPECT_EQ(report.secrets.copied, 1);
  EXPECT_EQ(report.secrets.already_there, 2);

  EXPECT_EQ(Must(target_->GetPost(blog_a_, edited.id)).title, "Edited in the target");
  Post copied_fresh = Must(target_->GetPost(blog_a_, fresh.id));
  EXPECT_EQ(copied_fresh.comment_count, 1);
  EXPECT_EQ(Must(target_->GetOrCreateSecret("third", "other")), "3");
  // The classifier of a blog already there is not added to a second time.
  ExpectSameSpamCounts(Must(source_->GetAllSpamCounts(blog_a_)),
                       Must(target_->GetAllSpamCounts(blog_a_)));
}

TEST_F(StoreCopyTest, SourceChangingDuringTheCopyWritesNothing) {
  FillSource();
  const Post post = AllPosts(*source_, blog_a_).front();
  ChangingStore changing(*source_, [&] {
    AddComment(*source_, post, "late", 1'700'000'000'000, CommentStatus::kPublished);
  });
  Status changed = CopyStore(changing, *target_, CopyOptions{}, nullptr);
  EXPECT_EQ(changed.code(), Status::Code::kUnavailable) << changed.ToString();
  EXPECT_NE(changed.message().find("changed"), std::string::npos) << changed.message();
  EXPECT_EQ(Count(*target_), Census{});
  // Held still, the same source copies.
  ASSERT_TRUE(CopyStore(changing, *target_, CopyOptions{}, nullptr).ok());
  ExpectSameStore(*source_, *target_);
}

// SQLite -> PostgreSQL -> SQLite: the last file holds what the first did.
TEST_F(StoreCopyTest, RoundTripThroughPostgres) {
  std::optional<std::string> server = store::TestServerUrl();
  ASSERT_TRUE(server.has_value()) << store::kHowToReachPostgres;
  const std::string name = "samizdat_copy" + std::to_string(getpid());
  store::PgSession session(*server);
  ASSERT_EQ(session.Error(), "");
  // A database left by a crashed run of a process with the same pid goes first.
  ASSERT_EQ(session.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"), "");
  ASSERT_EQ(session.Exec("CREATE DATABASE " + name), "");
  struct DropAtEnd {
    store::PgSession& session;
    const std::string& name;
    ~DropAtEnd() {
      EXPECT_EQ(session.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"), "");
    }
  } drop{session, name};

  FillSource();
  std::unique_ptr<Store> pg = Must(store::OpenPostgresStore(store::WithDatabase(*server, name)));
  Status there = CopyStore(*source_, *pg, CopyOptions{}, nullptr);
  ASSERT_TRUE(there.ok()) << there.ToString();
  Status back = CopyStore(*pg, *target_, CopyOptions{}, nullptr);
  pg.reset();  // before the database is dropped
  ASSERT_TRUE(back.ok()) << back.ToString();
  ExpectSameStore(*source_, *target_);
}

}  // namespace
}  // namespace samizdat::service
