// ForwardingStore: a Store that hands every call to another one. Tests derive from it
// and override the few calls they want to change (a database going away, data changing
// under a copy), instead of restating the whole interface.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace samizdat::store {

class ForwardingStore : public Store {
 public:
  explicit ForwardingStore(Store& inner) : inner_(inner) {}

  Result<Blog> CreateBlog(const Blog& blog) override { return inner_.CreateBlog(blog); }
  Status UpdateBlog(const Blog& blog) override { return inner_.UpdateBlog(blog); }
  Result<Blog> GetBlog(int64_t blog_id) override { return inner_.GetBlog(blog_id); }
  Result<std::vector<Blog>> ListBlogs() override { return inner_.ListBlogs(); }
  Result<Post> CreatePost(const Post& post) override { return inner_.CreatePost(post); }
  Status UpdatePost(const Post& post) override { return inner_.UpdatePost(post); }
  Status DeletePost(int64_t blog_id, int64_t post_id) override {
    return inner_.DeletePost(blog_id, post_id);
  }
  Result<Post> GetPost(int64_t blog_id, int64_t post_id) override {
    return inner_.GetPost(blog_id, post_id);
  }
  Result<Post> GetPostByPath(int64_t blog_id, std::string_view path) override {
    return inner_.GetPostByPath(blog_id, path);
  }
  Result<bool> PathExists(int64_t blog_id, std::string_view path) override {
    return inner_.PathExists(blog_id, path);
  }
  Result<std::vector<Post>> ListPosts(const PostQuery& query) override {
    return inner_.ListPosts(query);
  }
  Result<int> CountPosts(const PostQuery& query) override { return inner_.CountPosts(query); }
  Result<std::vector<int64_t>> PublishDue(int64_t blog_id, Time now) override {
    return inner_.PublishDue(blog_id, now);
  }
  Result<ItemPage> GetItemPage(int64_t blog_id, std::string_view path) override {
    return inner_.GetItemPage(blog_id, path);
  }
  Result<int> GetBodyVersion() override { return inner_.GetBodyVersion(); }
  Status SetBodyVersion(int version) override { return inner_.SetBodyVersion(version); }
  Status RewriteBodies(int64_t blog_id, const std::vector<BodyRewrite>& rewrites) override {
    return inner_.RewriteBodies(blog_id, rewrites);
  }
  Result<std::vector<Time>> ListPublishedTimes(int64_t blog_id) override {
    return inner_.ListPublishedTimes(blog_id);
  }
  Result<std::vector<LabelCount>> LabelCounts(int64_t blog_id) override {
    return inner_.LabelCounts(blog_id);
  }
  Result<std::vector<SearchHit>> Search(int64_t blog_id, std::string_view query, int limit,
                                        int offset) override {
    return inner_.Search(blog_id, query, limit, offset);
  }
  Result<int> CountSearch(int64_t blog_id, std::string_view query) override {
    return inner_.CountSearch(blog_id, query);
  }
  Result<Comment> CreateComment(const Comment& comment) override {
    return inner_.CreateComment(comment);
  }
  Result<Comment> GetComment(int64_t blog_id, int64_t comment_id) override {
    return inner_.GetComment(blog_id, comment_id);
  }
  Result<std::vector<Comment>> ListComments(const CommentQuery& query) override {
    return inner_.ListComments(query);
  }
  Result<int> CountComments(const CommentQuery& query) override {
    return inner_.CountComments(query);
  }
  Status ModerateComment(int64_t blog_id, int64_t comment_id, CommentStatus status,
                         SpamTraining training, const std::vector<std::string>& tokens) override {
    return inner_.ModerateComment(blog_id, comment_id, status, training, tokens);
  }
  Result<int> PurgeComments(CommentStatus status, Time before) override {
    return inner_.PurgeComments(status, before);
  }
  Result<std::vector<int64_t>> PostsWithCommentsChangedSince(int64_t blog_id,
                                                             int64_t since) override {
    return inner_.PostsWithCommentsChangedSince(blog_id, since);
  }
  Result<CommentScreening> ScreenComment(const CommentScreeningQuery& query) override {
    return inner_.ScreenComment(query);
  }
  Result<SpamCounts> GetAllSpamCounts(int64_t blog_id) override {
    return inner_.GetAllSpamCounts(blog_id);
  }
  Result<std::unique_ptr<ImportBatch>> BeginImport() override { return inner_.BeginImport(); }
  Result<std::unique_ptr<StoreCopy>> BeginCopy() override { return inner_.BeginCopy(); }
  Result<std::string> GetRedirect(int64_t blog_id, std::string_view old_path) override {
    return inner_.GetRedirect(blog_id, old_path);
  }
  Result<std::vector<Redirect>> ListRedirects(int64_t blog_id) override {
    return inner_.ListRedirects(blog_id);
  }
  Result<std::string> GetOrCreateSecret(std::string_view name,
                                        std::string_view candidate) override {
    return inner_.GetOrCreateSecret(name, candidate);
  }
  Result<std::vector<Secret>> ListSecrets() override { return inner_.ListSecrets(); }
  Result<StoredTheme> GetTheme(int64_t blog_id) override { return inner_.GetTheme(blog_id); }
  Result<StoredTheme> PutTheme(int64_t blog_id, std::string_view xml) override {
    return inner_.PutTheme(blog_id, xml);
  }
  Status DeleteTheme(int64_t blog_id) override { return inner_.DeleteTheme(blog_id); }
  Status PutCertificate(const StoredCertificate& certificate) override {
    return inner_.PutCertificate(certificate);
  }
  Result<std::vector<StoredCertificate>> ListCertificates() override {
    return inner_.ListCertificates();
  }
  Status PutAcmeChallenge(std::string_view token, std::string_view key_authorization,
                          Time expires) override {
    return inner_.PutAcmeChallenge(token, key_authorization, expires);
  }
  Result<std::string> GetAcmeChallenge(std::string_view token, Time now) override {
    return inner_.GetAcmeChallenge(token, now);
  }
  Status DeleteAcmeChallenge(std::string_view token) override {
    return inner_.DeleteAcmeChallenge(token);
  }
  Result<bool> TakeLease(std::string_view name, std::string_view holder, Time now,
                         Time until) override {
    return inner_.TakeLease(name, holder, now, until);
  }
  Status ReleaseLease(std::string_view name, std::string_view holder) override {
    return inner_.ReleaseLease(name, holder);
  }
  Result<Revision> AddRevision(const Revision& revision) override {
    return inner_.AddRevision(revision);
  }
  Result<std::vector<Revision>> ListRevisions(int64_t blog_id, int64_t post_id) override {
    return inner_.ListRevisions(blog_id, post_id);
  }
  Result<Revision> GetRevision(int64_t blog_id, int64_t revision_id) override {
    return inner_.GetRevision(blog_id, revision_id);
  }
  Status AddMedia(const Media& media) override { return inner_.AddMedia(media); }
  Result<Media> GetMedia(int64_t blog_id, std::string_view hash) override {
    return inner_.GetMedia(blog_id, hash);
  }
  Result<std::vector<Media>> ListMedia(int64_t blog_id, int limit, int offset) override {
    return inner_.ListMedia(blog_id, limit, offset);
  }
  Status DeleteMedia(int64_t blog_id, std::string_view hash) override {
    return inner_.DeleteMedia(blog_id, hash);
  }
  Result<User> CreateUser(const User& user) override { return inner_.CreateUser(user); }
  Result<int> CountUsers() override { return inner_.CountUsers(); }
  Result<std::vector<User>> ListUsers() override { return inner_.ListUsers(); }
  Result<User> GetUser(int64_t user_id) override { return inner_.GetUser(user_id); }
  Result<User> GetUserByEmail(std::string_view email) override {
    return inner_.GetUserByEmail(email);
  }
  Status UpdateUser(const User& user) override { return inner_.UpdateUser(user); }
  Status SetUserTotp(int64_t user_id, const UserTotp& totp) override {
    return inner_.SetUserTotp(user_id, totp);
  }
  Result<bool> RecordTotpStep(int64_t user_id, int64_t step) override {
    return inner_.RecordTotpStep(user_id, step);
  }
  Status DeleteUser(int64_t user_id) override { return inner_.DeleteUser(user_id); }
  Status CreateSession(const Session& session) override { return inner_.CreateSession(session); }
  Result<Session> GetSession(std::string_view token_hash) override {
    return inner_.GetSession(token_hash);
  }
  Status TouchSession(std::string_view token_hash, Time last_seen) override {
    return inner_.TouchSession(token_hash, last_seen);
  }
  Status DeleteSession(std::string_view token_hash) override {
    return inner_.DeleteSession(token_hash);
  }
  Result<int> DeleteUserSessions(int64_t user_id, std::string_view keep) override {
    return inner_.DeleteUserSessions(user_id, keep);
  }
  Result<int> PurgeSessions(Time idle_before, Time created_before) override {
    return inner_.PurgeSessions(idle_before, created_before);
  }
  Status CreateSignInLink(std::string_view token_hash, int64_t user_id, Time expires) override {
    return inner_.CreateSignInLink(token_hash, user_id, expires);
  }
  Result<int64_t> FindSignInLink(std::string_view token_hash, Time now) override {
    return inner_.FindSignInLink(token_hash, now);
  }
  Result<int64_t> TakeSignInLink(std::string_view token_hash, Time now) override {
    return inner_.TakeSignInLink(token_hash, now);
  }
  Status RecordSignInFailure(std::string_view account, std::string_view source, Time at) override {
    return inner_.RecordSignInFailure(account, source, at);
  }
  Result<SignInFailures> CountSignInFailures(std::string_view account, std::string_view source,
                                             Time since) override {
    return inner_.CountSignInFailures(account, source, since);
  }
  Status ClearSignInFailures(std::string_view account, std::string_view source) override {
    return inner_.ClearSignInFailures(account, source);
  }
  Status AddPageViews(int64_t blog_id, int64_t day, const std::vector<PathViews>& views) override {
    return inner_.AddPageViews(blog_id, day, views);
  }
  Result<std::vector<PostViews>> TopPosts(int64_t blog_id, int64_t from_day, int limit) override {
    return inner_.TopPosts(blog_id, from_day, limit);
  }
  Result<std::vector<DayViews>> ListPostViews(int64_t blog_id, int64_t post_id) override {
    return inner_.ListPostViews(blog_id, post_id);
  }
  Result<std::vector<BlogListItem>> ListBlogListItems(int64_t blog_id) override {
    return inner_.ListBlogListItems(blog_id);
  }
  Result<std::vector<BlogListEntry>> ListBlogList(int64_t blog_id,
                                                  std::string_view widget_id) override {
    return inner_.ListBlogList(blog_id, widget_id);
  }
  Status ReplaceBlogList(int64_t blog_id, std::string_view widget_id,
                         const std::vector<BlogListEntry>& entries) override {
    return inner_.ReplaceBlogList(blog_id, widget_id, entries);
  }
  Result<ContactMessage> AddContactMessage(const ContactMessage& message) override {
    return inner_.AddContactMessage(message);
  }
  Result<std::vector<ContactMessage>> ListContactMessages(int64_t blog_id, int limit,
                                                          int offset) override {
    return inner_.ListContactMessages(blog_id, limit, offset);
  }
  Result<int> CountContactMessages(int64_t blog_id, std::string_view remote_address,
                                   Time since) override {
    return inner_.CountContactMessages(blog_id, remote_address, since);
  }
  Status DeleteContactMessage(int64_t blog_id, int64_t message_id) override {
    return inner_.DeleteContactMessage(blog_id, message_id);
  }
  uint64_t ChangeStamp() override { return inner_.ChangeStamp(); }

 protected:
  Store& inner_;
};

}  // namespace samizdat::store
