// Store: the only way code reaches stored data. One interface, one implementation of its
// queries (store/sql/) with one engine per database (store/sqlite/ and store/postgres/);
// only src/app/ names a backend.
//
// Thread safety: a Store is safe for concurrent use from many threads without external
// locking. Reads never wait for a writer (SQLite: WAL snapshots, one connection per
// reading thread; PostgreSQL: MVCC, a pool of connections); writes of one blog are
// serialized inside the store (SQLite: one writer; PostgreSQL: the blog's row lock).
//
// Several processes, and with PostgreSQL several nodes, may share one database: each
// sees the others' writes through ChangeStamp().
//
// Errors: NotFound when the thing asked for does not exist (and nothing changed);
// Conflict when a write clashes with stored data (a taken host, path or id; nothing
// changed); InvalidArgument for values the store cannot hold; Unavailable when the
// database cannot be reached or is locked for too long (retrying later may work: a
// PostgreSQL store reconnects by itself); Internal for I/O and SQL failures. Every write
// is one transaction: it happens whole or not at all, and once it returns OK it survives
// a crash.
//
// Generations: every write that changes what a blog shows (its settings, a post, a page)
// increments that blog's `generation` and sets its `updated` time in the same
// transaction, so caches can tell which blogs to drop. Comment writes instead increment
// the blog's `comment_seq`, set its `comments_updated`, and stamp the post they touch
// with the new comment_seq, so caches can drop only the pages showing that post.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace samizdat::store {

// Which posts ListPosts/CountPosts select, and in what order: newest first by
// (published, id) or by (updated, id) as `order` says, or oldest first when
// `oldest_first`. Every filter set must hold (they are ANDed).
struct PostQuery {
  enum class Order { kPublished, kUpdated };

  int64_t blog_id = 0;
  PostKind kind = PostKind::kPost;
  std::optional<PostStatus> status = PostStatus::kPublished;  // nullopt: any status
  // Posts carrying every one of these labels (Blogger's /-/A/B); exact names; empty: any.
  std::vector<std::string> labels;
  std::optional<Time> published_before;  // published <  this
  std::optional<Time> published_after;   // published >  this
  std::optional<Time> published_from;    // published >= this
  std::optional<Time> updated_from;      // updated >= this
  std::optional<Time> updated_before;    // updated <  this
  // Posts whose title or text contains this, ignoring case (the admin's search, which
  // also finds drafts); empty: any.
  std::string text;
  Order order = Order::kPublished;
  bool oldest_first = false;
  int limit = 25;  // ignored by CountPosts
  int offset = 0;  // ignored by CountPosts
};

// A post's body made anew from its source (service/body_refresh.h).
struct BodyRewrite {
  int64_t post_id = 0;
  std::string body_html;
  std::string body_text;
};

// Title and path of a post: enough to link to it.
struct PostLink {
  int64_t id = 0;
  std::string title;
  std::string path;
};

// The published posts of the same kind just newer and just older than one post, by
// (published, id): the item page's pager.
struct Neighbours {
  std::optional<PostLink> newer;
  std::optional<PostLink> older;
};

// What a post's or page's own page shows, read in one snapshot (GetItemPage).
struct ItemPage {
  Post post;  // as GetPostByPath reads it, but source left empty and body_text cut to its
              // first 400 characters (the page's description needs no more)
  // Unless the post is published, these are empty: its neighbours, and its published
  // comments oldest first (ListComments of the post with no limit).
  Neighbours neighbours;
  std::vector<Comment> comments;
};

// A permanent redirect of a blog, kept by an import: `old_path` answers 301 to `new_path`.
struct Redirect {
  std::string old_path;
  std::string new_path;
};

// An instance-wide secret (GetOrCreateSecret).
struct Secret {
  std::string name;
  std::string value;  // any bytes
};

// Which comments ListComments/CountComments select: of one blog, optionally of one post,
// with one of the given statuses (empty: any), oldest first by (published, id) unless
// newest_first.
struct CommentQuery {
  int64_t blog_id = 0;
  std::optional<int64_t> post_id;
  std::vector<CommentStatus> statuses = {CommentStatus::kPublished};
  std::optional<Time> published_before;  // published < this
  // Only comments readers may see the thread of: on published posts whose comments are
  // not hidden (the comment feeds).
  bool readable_posts_only = false;
  bool newest_first = false;
  int limit = 500;  // negative: no limit; ignored by CountComments
  int offset = 0;   // ignored by CountComments
};

// A host's HTTPS certificate (service/certificates.h): the chain, leaf first, and its
// private key, both PEM, when the leaf expires, and when it was stored.
struct StoredCertificate {
  std::string host;
  std::string chain_pem;
  std::string key_pem;
  Time not_after{};
  Time updated{};
};

// A blog's Blogger theme (service/themes.h): the XML as it was given, and its version:
// the blog's generation when it was put, so a later theme of the blog has a larger one.
struct StoredTheme {
  int64_t blog_id = 0;
  std::string xml;
  int64_t version = 0;
  Time updated{};
};

// What CommentService asks the store about a reader's new comment (Store::ScreenComment).
struct CommentScreeningQuery {
  int64_t blog_id = 0;
  int64_t post_id = 0;
  int64_t parent_id = 0;  // 0: not a reply
  // The rate limit: comments (any status) with this IP hash the blog received at or
  // after `ip_since`. Not counted without a window, or with an empty hash (no IP known).
  std::string ip_hash;
  std::optional<Time> ip_since;
  // The duplicate check: a comment of the post, any status but deleted, with this digest.
  std::string digest;
  std::vector<std::string> spam_tokens;  // the classifier's counts are read for these
};

// What the spam classifier knows about some tokens of a blog: how many spam and ham
// comments it was trained on, and for each token asked about that it has seen, in how
// many of each it occurred.
struct SpamCounts {
  struct Token {
    int spam = 0;
    int ham = 0;
  };
  int spam_comments = 0;
  int ham_comments = 0;
  std::unordered_map<std::string, Token> tokens;  // tokens never seen are absent
};

// The store's answer to a CommentScreeningQuery; nothing else is read when the post is
// not there.
struct CommentScreening {
  std::optional<Post> post;       // the post, if it is in the blog
  std::optional<Comment> parent;  // the comment replied to, if it is in the blog
  int comments_from_ip = 0;
  bool duplicate = false;
  SpamCounts spam;
};

// Failed sign-ins counted for throttling: how many, and when the latest was (the epoch
// when there is none).
struct SignInFailures {
  int count = 0;
  Time last{};
};

// Page views of a post counted by a server since its last flush (service/page_views.h),
// by the post's path: the cached pages it counts on know their path, not the post.
struct PathViews {
  std::string path;
  int64_t views = 0;
};

// A published post and its page views over a range of days (TopPosts).
struct PostViews {
  Post post;  // as ListPosts reads it
  int64_t views = 0;
};

// A post's page views on one day (UTC days since the epoch), as stored.
struct DayViews {
  int64_t day = 0;
  int64_t views = 0;
};

// The newest item of one blog that a BlogList widget follows, read from its feed
// (service/blog_list.h).
struct BlogListEntry {
  std::string feed_url;
  std::string blog_title;
  std::string blog_url;
  std::string item_title;
  std::string item_url;
  std::string snippet;  // plain text
  std::string thumbnail_url;
  Time updated{};  // the item's time
  Time fetched{};  // when the item was read from its feed
};

// A BlogList item as stored: its widget, its place in the widget's setting, the item.
struct BlogListItem {
  std::string widget_id;
  int position = 0;
  BlogListEntry entry;
};

// A message a reader sent with the blog's contact form (service/contact.h).
struct ContactMessage {
  int64_t id = 0;
  int64_t blog_id = 0;
  std::string name;
  std::string email;
  std::string body;            // plain text
  std::string remote_address;  // the sender's IP address
  Time sent{};
};

// Writes many posts and comments in one transaction, for imports: all of them land, or
// none. Obtained from Store::BeginImport(); while it lives, other writers of the store
// wait (readers do not). Destroying it without Commit() rolls everything back.
//
// Ids are kept as given (imports keep Blogger's); a post or comment whose id is already
// stored is reported by Has*(), never overwritten. Comments may arrive before their post
// (checks run at Commit). Paths and labels are checked as CreatePost checks them.
class ImportBatch {
 public:
  virtual ~ImportBatch() = default;
  // Whether a post (or comment) with this id is stored, in this batch or before it.
  virtual Result<bool> HasPost(int64_t post_id) = 0;
  virtual Result<bool> HasComment(int64_t comment_id) = 0;
  // The post's id must be non-zero. Conflict if the id or the path is taken.
  virtual Status AddPost(const Post& post) = 0;
  // The comment's id, blog, post and time must be set. Its parent may be 0 or any id.
  virtual Status AddComment(const Comment& comment) = 0;
  // A permanent redirect from `old_path` ("/?p=12", "/2020/01/05/slug/") to a path of
  // the blog; a later one for the same old path replaces it.
  virtual Status AddRedirect(int64_t blog_id, std::string_view old_path,
                             std::string_view new_path) = 0;
  // Makes `xml` the blog's Blogger theme (Store::PutTheme), replacing one before.
  // InvalidArgument when it is not storable text; NotFound without the blog.
  virtual Status PutTheme(int64_t blog_id, std::string_view xml) = 0;
  // Ends the batch: removes comments whose post is not in the blog (returning their ids
  // in `orphans`), makes replies whose parent is absent top-level, recounts the posts'
  // comments, bumps the generation and comment_seq of every blog touched, and commits
  // (durably). After it, the batch can do nothing more.
  virtual Status Commit(std::vector<int64_t>* orphans) = 0;
};

// An import batch that copies a whole store (samizdat migrate): on top of the posts and
// comments, what imports do not carry. Obtained from Store::BeginCopy(); otherwise as
// ImportBatch.
class StoreCopy : public ImportBatch {
 public:
  // A blog as given: id, settings and times kept; its generation and comment_seq start
  // from the given ones (Commit bumps them, as for every blog a batch touches).
  // Conflict if the id or the host is taken.
  virtual Status AddBlog(const Blog& blog) = 0;
  // A user as given, id and password hash kept. Conflict if the id or the email is taken.
  virtual Status AddUser(const User& user) = 0;
  // A secret as given. Conflict if the name is taken.
  virtual Status AddSecret(const Secret& secret) = 0;
  // Adds `counts` (totals and every token's counts) to the blog's classifier counts.
  virtual Status AddSpamCounts(int64_t blog_id, const SpamCounts& counts) = 0;
  // A revision as given, under a new id. NotFound unless its post is in its blog
  // (stored, or added to this batch before it).
  virtual Status AddRevision(const Revision& revision) = 0;
  // A file as given (Store::AddMedia): the same hash already in the blog is left as it is.
  virtual Status AddMedia(const Media& media) = 0;
  // A blog's theme as stored (its version and time kept), replacing one the blog has.
  virtual Status AddTheme(const StoredTheme& theme) = 0;
  // A post's page views as stored (ListPostViews). NotFound unless this batch added the
  // post; InvalidArgument for a count below 1.
  virtual Status AddPostViews(int64_t post_id, const std::vector<DayViews>& views) = 0;
  // A BlogList item as stored (its place and times kept), replacing the widget's item of
  // the same feed. InvalidArgument when it is not storable text; NotFound without the blog.
  virtual Status AddBlogListItem(int64_t blog_id, const BlogListItem& item) = 0;
  // A contact message as stored (its id and time kept). Conflict, with nothing written,
  // when its id is taken; InvalidArgument for text that is not storable; NotFound
  // without the blog.
  virtual Status AddContactMessage(const ContactMessage& message) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- blogs -------------------------------------------------------------------------
  // Stores a new blog. Assigns an id when blog.id == 0. Conflict if the host or id is
  // taken. Returns the blog as stored (id, created, updated, generation set).
  virtual Result<Blog> CreateBlog(const Blog& blog) = 0;
  // Replaces the blog's settings (by id). NotFound, or Conflict if the new host is taken.
  virtual Status UpdateBlog(const Blog& blog) = 0;
  virtual Result<Blog> GetBlog(int64_t blog_id) = 0;
  // All blogs, oldest first.
  virtual Result<std::vector<Blog>> ListBlogs() = 0;

  // --- posts and pages -----------------------------------------------------------------
  // Stores a new post or page. Assigns a random positive 63-bit id when post.id == 0.
  // Conflict if the id is taken or a non-empty path is taken in the blog.
  virtual Result<Post> CreatePost(const Post& post) = 0;
  // Replaces a post (by blog_id and id). NotFound; Conflict if the new path is taken.
  virtual Status UpdatePost(const Post& post) = 0;
  // Removes a post and its labels. NotFound if it does not exist.
  virtual Status DeletePost(int64_t blog_id, int64_t post_id) = 0;
  virtual Result<Post> GetPost(int64_t blog_id, int64_t post_id) = 0;
  // The post or page at `path` ("/2022/01/x.html", "/p/x.html"), whatever its status.
  virtual Result<Post> GetPostByPath(int64_t blog_id, std::string_view path) = 0;
  virtual Result<bool> PathExists(int64_t blog_id, std::string_view path) = 0;
  virtual Result<std::vector<Post>> ListPosts(const PostQuery& query) = 0;
  virtual Result<int> CountPosts(const PostQuery& query) = 0;
  // Publishes the blog's scheduled posts and pages whose time is at or before `now`, in
  // one transaction that bumps the generation once; returns their ids (empty: nothing
  // was due, nothing changed). When several processes or nodes call it at once, each
  // post is published by exactly one of them: the others get an empty list.
  virtual Result<std::vector<int64_t>> PublishDue(int64_t blog_id, Time now) = 0;
  // The version of the body renderer (text::kBodyRenderVersion) the stored bodies were
  // made with; 0 for a store made before versions were recorded.
  virtual Result<int> GetBodyVersion() = 0;
  virtual Status SetBodyVersion(int version) = 0;
  // Replaces body_html and body_text (and so the search index) of posts of one blog, in
  // one transaction that bumps the blog's generation once, so cached pages go. Nothing
  // else of the posts changes; ids that are no longer in the blog are passed over.
  virtual Status RewriteBodies(int64_t blog_id, const std::vector<BodyRewrite>& rewrites) = 0;
  // The post or page at `path`, whatever its status, with what its own page shows, in
  // one read; the columns the page does not show (source, body_text) are not read.
  // NotFound if there is none.
  virtual Result<ItemPage> GetItemPage(int64_t blog_id, std::string_view path) = 0;
  // The published time of every published post (not pages) of the blog, newest first:
  // the archive widget buckets them by the blog's zone.
  virtual Result<std::vector<Time>> ListPublishedTimes(int64_t blog_id) = 0;
  // Labels of published posts with their post counts, sorted by name (case-insensitive).
  virtual Result<std::vector<LabelCount>> LabelCounts(int64_t blog_id) = 0;
  // Full-text search over the titles and texts of published posts, best match first.
  // `query` is what a reader typed: its words are matched as terms (all of them must
  // occur; a trailing '*' is not special), so no input is a syntax error.
  virtual Result<std::vector<SearchHit>> Search(int64_t blog_id, std::string_view query, int limit,
                                                int offset) = 0;
  virtual Result<int> CountSearch(int64_t blog_id, std::string_view query) = 0;

  // --- comments ----------------------------------------------------------------------
  // Stores a new comment. Assigns a random positive 63-bit id when comment.id == 0 and
  // the time when published is 0. NotFound if the post is not in the blog;
  // InvalidArgument if parent_id is not a comment of the same post; Conflict if the id
  // is taken. Keeps the post's comment_count (published comments) and bumps comment_seq.
  virtual Result<Comment> CreateComment(const Comment& comment) = 0;
  virtual Result<Comment> GetComment(int64_t blog_id, int64_t comment_id) = 0;
  virtual Result<std::vector<Comment>> ListComments(const CommentQuery& query) = 0;
  virtual Result<int> CountComments(const CommentQuery& query) = 0;
  // Moves a comment to `status` and records that the classifier learnt it as
  // `training`: when that differs from what the comment was trained as, the comment's
  // `tokens` are taken out of the old class's counts and added to the new one's, in the
  // same transaction. Keeps the post's comment_count. NotFound if absent.
  virtual Status ModerateComment(int64_t blog_id, int64_t comment_id, CommentStatus status,
                                 SpamTraining training, const std::vector<std::string>& tokens) = 0;
  // Removes, for good, comments of any blog with `status` published before `before`
  // (spam after 30 days). Replies to a removed comment become top-level. Returns how
  // many were removed.
  virtual Result<int> PurgeComments(CommentStatus status, Time before) = 0;
  // The posts of the blog whose comments changed after the blog's comment_seq was
  // `since` (their stamp > since): the posts whose cached pages are stale.
  virtual Result<std::vector<int64_t>> PostsWithCommentsChangedSince(int64_t blog_id,
                                                                     int64_t since) = 0;
  // What screening a reader's new comment reads, all in one snapshot (one read, one
  // round trip each on PostgreSQL): the post, the parent, the rate limit's count, the
  // duplicate check and the classifier's counts. A post or parent that is not in the blog
  // is an empty optional, not an error.
  virtual Result<CommentScreening> ScreenComment(const CommentScreeningQuery& query) = 0;
  // Every token the classifier learnt in the blog, with its totals (samizdat migrate).
  virtual Result<SpamCounts> GetAllSpamCounts(int64_t blog_id) = 0;

  // --- bulk writes and redirects -------------------------------------------------------
  // Starts an import batch. Waits for other writers to finish first.
  virtual Result<std::unique_ptr<ImportBatch>> BeginImport() = 0;
  // Starts a copy of a whole store into this one (samizdat migrate). Waits for other
  // writers to finish first.
  virtual Result<std::unique_ptr<StoreCopy>> BeginCopy() = 0;
  // The path a redirect from `old_path` leads to. NotFound when there is none.
  virtual Result<std::string> GetRedirect(int64_t blog_id, std::string_view old_path) = 0;
  // Every redirect of the blog, by old path.
  virtual Result<std::vector<Redirect>> ListRedirects(int64_t blog_id) = 0;

  // --- Blogger themes (service/themes.h) ---------------------------------------------
  // The blog's theme. NotFound when the blog wears the default theme (or is absent).
  virtual Result<StoredTheme> GetTheme(int64_t blog_id) = 0;
  // Makes `xml` the blog's theme, replacing one before, and bumps the blog's generation
  // in the same transaction; returns the theme as stored. InvalidArgument when `xml` is
  // empty or not well-formed UTF-8 without NUL; NotFound without the blog.
  virtual Result<StoredTheme> PutTheme(int64_t blog_id, std::string_view xml) = 0;
  // Back to the default theme, bumping the generation when there was a theme; absent
  // is not an error.
  virtual Status DeleteTheme(int64_t blog_id) = 0;

  // --- instance secrets ----------------------------------------------------------------
  // The secret stored under `name`; when there is none yet, stores `candidate` (random
  // bytes the caller made) and returns it. Every process and node sharing the database
  // gets the same bytes: keys for form tokens and IP hashes.
  virtual Result<std::string> GetOrCreateSecret(std::string_view name,
                                                std::string_view candidate) = 0;
  // Every secret, by name (samizdat migrate).
  virtual Result<std::vector<Secret>> ListSecrets() = 0;

  // --- HTTPS certificates and ACME (service/certificates.h) ---------------------------
  // Keeps the certificate of its host, replacing the one before (`updated` set when 0).
  virtual Status PutCertificate(const StoredCertificate& certificate) = 0;
  // Every stored certificate, by host.
  virtual Result<std::vector<StoredCertificate>> ListCertificates() = 0;
  // HTTP-01: the key authorization to answer for `token` until `expires` (a later one
  // for the same token replaces it). Any node reads it with GetAcmeChallenge.
  virtual Status PutAcmeChallenge(std::string_view token, std::string_view key_authorization,
                                  Time expires) = 0;
  // The key authorization of `token` if it has not expired at `now`. NotFound.
  virtual Result<std::string> GetAcmeChallenge(std::string_view token, Time now) = 0;
  // Forgets the challenge; absent is not an error.
  virtual Status DeleteAcmeChallenge(std::string_view token) = 0;
  // Leases: the job `name` ("acme") is `holder`'s until `until` when it is free at `now`
  // (never taken, released, or its lease ended before `now`) or already `holder`'s; true
  // when it is. Of several processes or nodes asking at once, one gets it.
  virtual Result<bool> TakeLease(std::string_view name, std::string_view holder, Time now,
                                 Time until) = 0;
  // Ends `holder`'s lease of `name`; nothing when another holds it.
  virtual Status ReleaseLease(std::string_view name, std::string_view holder) = 0;

  // --- revisions -----------------------------------------------------------------------
  // Keeps a post's previous version. Assigns the id (and `saved` when it is 0). NotFound
  // if the post is not in the blog. Revisions go with their post when it is deleted.
  virtual Result<Revision> AddRevision(const Revision& revision) = 0;
  // The post's revisions, newest first.
  virtual Result<std::vector<Revision>> ListRevisions(int64_t blog_id, int64_t post_id) = 0;
  // NotFound unless the revision belongs to the blog.
  virtual Result<Revision> GetRevision(int64_t blog_id, int64_t revision_id) = 0;

  // --- media ---------------------------------------------------------------------------
  // Stores an uploaded file under its hash (`created` set when 0). Storing the same hash
  // again in the blog changes nothing and is not an error. Does not bump the generation:
  // nothing shows a file until a post links it.
  virtual Status AddMedia(const Media& media) = 0;
  // The file with its bytes. NotFound.
  virtual Result<Media> GetMedia(int64_t blog_id, std::string_view hash) = 0;
  // The blog's files without their bytes, newest first.
  virtual Result<std::vector<Media>> ListMedia(int64_t blog_id, int limit, int offset) = 0;
  // Removes a file. NotFound.
  virtual Status DeleteMedia(int64_t blog_id, std::string_view hash) = 0;

  // --- users -------------------------------------------------------------------------
  // Conflict if the email is taken. Assigns the id.
  virtual Result<User> CreateUser(const User& user) = 0;
  virtual Result<int> CountUsers() = 0;
  // Every user, by id.
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Result<User> GetUser(int64_t user_id) = 0;
  // Emails compare ignoring case. NotFound.
  virtual Result<User> GetUserByEmail(std::string_view email) = 0;
  // Replaces every field but id, created and totp. NotFound; Conflict if the email is taken.
  virtual Status UpdateUser(const User& user) = 0;
  // Replaces the user's two-step sign-in state. NotFound.
  virtual Status SetUserTotp(int64_t user_id, const UserTotp& totp) = 0;
  // Moves the user's totp.last_step to `step` when it is later than the stored one
  // (atomically: of two calls with the same step, one gets true); false when it is not
  // (a code used again) or there is no such user.
  virtual Result<bool> RecordTotpStep(int64_t user_id, int64_t step) = 0;
  // Removes the user and their sessions; their posts stay (author_id kept). NotFound.
  virtual Status DeleteUser(int64_t user_id) = 0;

  // --- sessions and sign-in throttling -------------------------------------------------
  // Conflict if the token hash is taken; NotFound if the user is absent.
  virtual Status CreateSession(const Session& session) = 0;
  // NotFound.
  virtual Result<Session> GetSession(std::string_view token_hash) = 0;
  // Moves the session's last_seen. NotFound.
  virtual Status TouchSession(std::string_view token_hash, Time last_seen) = 0;
  // Removes one session; absent is not an error (signing out twice).
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  // Removes every session of the user but `keep` (a token hash, or "" for all): sign out
  // everywhere. Returns how many were removed.
  virtual Result<int> DeleteUserSessions(int64_t user_id, std::string_view keep) = 0;
  // Removes sessions last seen before `idle_before` or created before `created_before`,
  // and sign-in failures and sign-in links (by expiry) before `idle_before`. Returns how many
  // sessions went.
  virtual Result<int> PurgeSessions(Time idle_before, Time created_before) = 0;
  // One-time sign-in links: a link's token hash, its user and when it expires. Conflict if
  // the hash is taken; NotFound if the user is absent.
  virtual Status CreateSignInLink(std::string_view token_hash, int64_t user_id, Time expires) = 0;
  // The user of a link that has not expired at `now`. NotFound (unknown, used or expired).
  virtual Result<int64_t> FindSignInLink(std::string_view token_hash, Time now) = 0;
  // Removes the link and returns its user, if it had not expired at `now`: of two callers
  // only one gets it. NotFound.
  virtual Result<int64_t> TakeSignInLink(std::string_view token_hash, Time now) = 0;
  // Notes a failed sign-in to `account` (the email as typed, lowercased) from `source`
  // ("ip:HASH" or "device:NONCE").
  virtual Status RecordSignInFailure(std::string_view account, std::string_view source,
                                     Time at) = 0;
  // The failed sign-ins to `account` at or after `since`, from `source` ("": from any).
  virtual Result<SignInFailures> CountSignInFailures(std::string_view account,
                                                     std::string_view source, Time since) = 0;
  // Forgets the failures of `account` from `source` ("": from every source).
  virtual Status ClearSignInFailures(std::string_view account, std::string_view source) = 0;

  // --- widgets' live data (PopularPosts, BlogList, ContactForm) ------------------------
  // None of these bumps the blog's generation but ReplaceBlogList: page views change
  // with every reader, and messages show only in the admin.
  // Adds `views` to the published posts (not pages) of the blog at those paths, on `day`
  // (UTC days since the epoch); paths of no published post are passed over.
  virtual Status AddPageViews(int64_t blog_id, int64_t day,
                              const std::vector<PathViews>& views) = 0;
  // The blog's published posts most viewed on `from_day` and after (0: ever), most
  // viewed first (then newest), at most `limit`; posts never viewed are not listed.
  virtual Result<std::vector<PostViews>> TopPosts(int64_t blog_id, int64_t from_day, int limit) = 0;
  // The post's page views by day, oldest first (a store copy reads them).
  virtual Result<std::vector<DayViews>> ListPostViews(int64_t blog_id, int64_t post_id) = 0;
  // Every BlogList item of the blog, by widget id, then place.
  virtual Result<std::vector<BlogListItem>> ListBlogListItems(int64_t blog_id) = 0;
  // The items of the blog's BlogList widget `widget_id`, in the order stored.
  virtual Result<std::vector<BlogListEntry>> ListBlogList(int64_t blog_id,
                                                          std::string_view widget_id) = 0;
  // Makes `entries` (in their order) the widget's items, replacing those before, and bumps
  // the blog's generation (the widget shows on every page). NotFound if the blog is absent.
  virtual Status ReplaceBlogList(int64_t blog_id, std::string_view widget_id,
                                 const std::vector<BlogListEntry>& entries) = 0;
  // Stores a message; assigns its id. NotFound if the blog is absent.
  virtual Result<ContactMessage> AddContactMessage(const ContactMessage& message) = 0;
  // The blog's messages, newest first.
  virtual Result<std::vector<ContactMessage>> ListContactMessages(int64_t blog_id, int limit,
                                                                  int offset) = 0;
  // How many messages the blog received from `remote_address` at or after `since` (the
  // contact form's rate limit); all of the blog's when the address is empty.
  virtual Result<int> CountContactMessages(int64_t blog_id, std::string_view remote_address,
                                           Time since) = 0;
  // Removes a message. NotFound.
  virtual Status DeleteContactMessage(int64_t blog_id, int64_t message_id) = 0;

  // --- change tracking -----------------------------------------------------------------
  // A number that changes whenever stored data may have changed, through this Store or
  // another process writing the same database. Costs no query: safe to call on every
  // request. When it changes, re-read ListBlogs() and compare generations.
  virtual uint64_t ChangeStamp() = 0;
};

}  // namespace samizdat::store
