// CommentService: every screening step refuses with nothing stored, held versus
// published, moderation teaching the classifier, the author's replies, and the spam purge.
#include "service/comments.h"

#include "service/blogs.h"
#include "service/posts.h"
#include "service/spam_classifier.h"
#include "test_store.h"

namespace samizdat::service {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

class CommentServiceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    BlogChanges changes;
    changes.host = "c.test";
    changes.title = "C";
    blog_ = *BlogService(*store_).Create(changes);
    post_ = AddPost("Target", now_ - hours(1));
  }

  Post AddPost(const std::string& title, Time published) {
    NewPost post;
    post.title = title;
    post.source = "<p>body</p>";
    post.published = published;
    return *PostService(*store_).Add(blog_, post);
  }

  CommentService Service(CommentSettings settings = Fast()) {
    return *CommentService::Open(*store_, settings);
  }

  static CommentSettings Fast() {
    CommentSettings settings;
    settings.min_age = seconds(0);
    settings.rate_limit = 0;
    return settings;
  }

  // A form shown 5 seconds before `sent_at` (default now_).
  CommentSubmission Form(CommentService& service, const std::string& body,
                         std::optional<Time> sent_at = std::nullopt) {
    CommentSubmission form;
    form.post_id = post_.id;
    form.token = service.FormToken(post_.id, sent_at.value_or(now_) - seconds(5));
    form.body = body;
    form.remote_address = "192.0.2.7";
    return form;
  }

  int Stored() {
    store::CommentQuery all;
    all.blog_id = blog_.id;
    all.statuses = {};
    return *store_->CountComments(all);
  }

  Blog blog_;
  Post post_;
  Time now_ = Now();
};

TEST_F(CommentServiceTest, AFineCommentIsPublishedAndCounted) {
  CommentService service = Service();
  auto outcome = service.Submit(blog_, Form(service, "Nice <b>post</b>\nsecond line"), now_);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(outcome->refusal, CommentRefusal::kNone);
  EXPECT_EQ(outcome->comment.status, CommentStatus::kPublished);
  EXPECT_EQ(outcome->comment.author_name, "Anonymous");
  EXPECT_EQ(outcome->comment.body_html, "Nice <b>post</b><br>second line");
  EXPECT_NE(outcome->comment.ip_hash.find_first_not_of("0123456789abcdef"), 0u);
  EXPECT_EQ(outcome->comment.ip_hash.find("192.0.2.7"), std::string::npos);
  EXPECT_EQ(store_->GetPost(blog_.id, post_.id)->comment_count, 1);
}

TEST_F(CommentServiceTest, EachBadSubmissionIsRefusedAndNothingStored) {
  CommentService service = Service();
  struct Case {
    const char* what;
    std::function<void(CommentSubmission&)> spoil;
    CommentRefusal expected;
  };
  const std::vector<Case> cases = {
      {"empty", [](auto& f) { f.body = " \n\t "; }, CommentRefusal::kInvalid},
      {"invisible", [](auto& f) { f.body = "\xEF\xBB\xBF \xE2\x80\x8B"; },  // BOM, ZWSP
       CommentRefusal::kInvalid},
      {"nothing shown", [](auto& f) { f.body = "<b>\xE2\x80\x8B</b>"; }, CommentRefusal::kInvalid},
      {"too long", [](auto& f) { f.body = std::string(4097, 'x'); }, CommentRefusal::kInvalid},
      {"name too long", [](auto& f) { f.name = std::string(101, 'n'); }, CommentRefusal::kInvalid},
      {"url too long", [](auto& f) { f.url = "https://x.example/" + std::string(2000, 'u'); },
       CommentRefusal::kInvalid},
      {"url scheme", [](auto& f) { f.url = "javascript:alert(1)"; }, CommentRefusal::kInvalid},
      {"bad utf-8", [](auto& f) { f.body = "bad \xff\xfe"; }, CommentRefusal::kInvalid},
      {"honeypot", [](auto& f) { f.honeypot = "x@example.com"; }, CommentRefusal::kInvalid},
      {"only script", [](auto& f) { f.body = "<script>alert(1)</script>"; },
       CommentRefusal::kInvalid},
      {"links",
       [](auto& f) {
         f.body =
             "<a href='http://a.example'>a</a><a href='http://b.example'>b</a>"
             "<a href='http://c.example'>c</a><a href='http://d.example'>d</a>";
       },
       CommentRefusal::kInvalid},
      {"no token", [](auto& f) { f.token.clear(); }, CommentRefusal::kForbidden},
      {"forged token", [](auto& f) { f.token[f.token.size() - 2] ^= 1; },
       CommentRefusal::kForbidden},
      {"unknown post", [](auto& f) { f.post_id = 42; }, CommentRefusal::kNotFound},
      {"unknown parent", [](auto& f) { f.parent_id = 42; }, CommentRefusal::kInvalid},
  };
  for (const Case& c : cases) {
    CommentSubmission form = Form(service, "a fine comment");
    c.spoil(form);
    auto outcome = service.Submit(blog_, form, now_);
    ASSERT_TRUE(outcome.ok()) << c.what;
    EXPECT_EQ(outcome->refusal, c.expected) << c.what << ": " << outcome->message;
    EXPECT_FALSE(outcome->message.empty()) << c.what;
  }
  EXPECT_EQ(Stored(), 0);
}

TEST_F(CommentServiceTest, TokensAreForOnePostAndAge) {
  CommentSettings settings = Fast();
  settings.min_age = seconds(3);
  settings.form_ttl = seconds(60);
  CommentService service = Service(settings);
  const Post other = AddPost("Other", now_ - hours(1));

  CommentSubmission form = Form(service, "hello");
  form.token = service.FormToken(other.id, now_ - seconds(10));
  EXPECT_EQ(service.Submit(blog_, form, now_)->refusal, CommentRefusal::kForbidden);
  form.token = service.FormToken(post_.id, now_ - seconds(1));
  auto quick = service.Submit(blog_, form, now_);
  EXPECT_EQ(quick->refusal, CommentRefusal::kTooSoon);
  EXPECT_EQ(quick->retry_after_seconds, 3);
  form.token = service.FormToken(post_.id, now_ - seconds(61));
  EXPECT_EQ(service.Submit(blog_, form, now_)->refusal, CommentRefusal::kForbidden);
  form.token = service.FormToken(post_.id, now_ - seconds(10));
  EXPECT_EQ(service.Submit(blog_, form, now_)->refusal, CommentRefusal::kNone);
}

TEST_F(CommentServiceTest, ClosedAndHiddenPostsTakeNoComments) {
  CommentService service = Service();
  for (CommentsMode mode : {CommentsMode::kClosed, CommentsMode::kHidden}) {
    ASSERT_TRUE(PostService(*store_).SetCommentsMode(blog_, std::to_string(post_.id), mode).ok());
    auto outcome = service.Submit(blog_, Form(service, "knock knock"), now_);
    EXPECT_EQ(outcome->refusal, CommentRefusal::kForbidden);
    EXPECT_EQ(outcome->message, "Comments are closed on this post.");
  }
  EXPECT_EQ(Stored(), 0);
}

TEST_F(CommentServiceTest, TheSameTextTwiceOnAPostIsADuplicate) {
  CommentService service = Service();
  EXPECT_EQ(service.Submit(blog_, Form(service, "Same  words here"), now_)->refusal,
            CommentRefusal::kNone);
  EXPECT_EQ(service.Submit(blog_, Form(service, "same words\nhere"), now_)->refusal,
            CommentRefusal::kDuplicate);
  EXPECT_EQ(Stored(), 1);
}

TEST_F(CommentServiceTest, OneIpIsLimitedPerWindow) {
  CommentSettings settings = Fast();
  settings.rate_limit = 2;
  CommentService service = Service(settings);
  EXPECT_EQ(service.Submit(blog_, Form(service, "one"), now_)->refusal, CommentRefusal::kNone);
  EXPECT_EQ(service.Submit(blog_, Form(service, "two"), now_)->refusal, CommentRefusal::kNone);
  auto third = service.Submit(blog_, Form(service, "three"), now_);
  EXPECT_EQ(third->refusal, CommentRefusal::kTooSoon);
  EXPECT_GT(third->retry_after_seconds, 0);
  CommentSubmission elsewhere = Form(service, "from another address");
  elsewhere.remote_address = "198.51.100.1";
  EXPECT_EQ(service.Submit(blog_, elsewhere, now_)->refusal, CommentRefusal::kNone);
  // Outside the window the first address may post again.
  const Time later = now_ + settings.rate_window + seconds(1);
  EXPECT_EQ(service.Submit(blog_, Form(service, "later", later), later)->refusal,
            CommentRefusal::kNone);
}

TEST_F(CommentServiceTest, ModerationModesHoldComments) {
  CommentService service = Service();
  blog_.comment_moderation = ModerationMode::kAlways;
  EXPECT_EQ(service.Submit(blog_, Form(service, "held always"), now_)->comment.status,
            CommentStatus::kPending);
  blog_.comment_moderation = ModerationMode::kOlderPosts;
  blog_.moderation_days = 14;
  EXPECT_EQ(service.Submit(blog_, Form(service, "young post"), now_)->comment.status,
            CommentStatus::kPublished);
  post_ = AddPost("Old", now_ - hours(24 * 15));
  EXPECT_EQ(service.Submit(blog_, Form(service, "old post"), now_)->comment.status,
            CommentStatus::kPending);
  EXPECT_EQ(store_->GetPost(blog_.id, post_.id)->comment_count, 0) << "held is not counted";
}

TEST_F(CommentServiceTest, ModerationTeachesTheClassifierToHoldSpam) {
  CommentService service = Service();
  const std::vector<std::string> spam = {"cheap pills casino bonus money",
                                         "casino bonus cheap pills offer",
                                         "money pills casino cheap win"};
  const std::vector<std::string> ham = {"thoughtful history of the strike",
                                        "the workers history in the region",
                                        "thank you for this careful history"};
  for (const std::string& body : spam) {
    auto outcome = service.Submit(blog_, Form(service, body), now_);
    ASSERT_EQ(outcome->comment.status, CommentStatus::kPublished) << "untrained: no verdict";
    ASSERT_TRUE(service.Moderate(blog_.id, outcome->comment.id, ModerationAction::kSpam).ok());
  }
  for (const std::string& body : ham) {
    auto outcome = service.Submit(blog_, Form(service, body), now_);
    ASSERT_TRUE(service.Moderate(blog_.id, outcome->comment.id, ModerationAction::kApprove).ok());
  }
  auto likely_spam = service.Submit(blog_, Form(service, "cheap casino pills bonus"), now_);
  EXPECT_EQ(likely_spam->comment.status, CommentStatus::kPending);
  EXPECT_GE(likely_spam->comment.spam_score, kSpamThreshold);
  auto likely_ham = service.Submit(blog_, Form(service, "the history of the region"), now_);
  EXPECT_EQ(likely_ham->comment.status, CommentStatus::kPublished);
  EXPECT_LT(likely_ham->comment.spam_score, 0.5);
  EXPECT_EQ(service.Moderate(blog_.id, 424242, ModerationAction::kApprove).code(),
            Status::Code::kNotFound);
}

TEST_F(CommentServiceTest, TheAuthorsReplyIsPublishedAndApprovesAHeldParent) {
  BlogChanges moderate;
  moderate.comment_moderation = "always";
  blog_ = *BlogService(*store_).Update(blog_.host, moderate);
  CommentService service = Service();
  auto held = service.Submit(blog_, Form(service, "A question?"), now_);
  ASSERT_EQ(held->comment.status, CommentStatus::kPending);

  auto reply = service.Reply(blog_, held->comment.id, "The Author",
                             "An <b>answer</b><script>x()</script>\nline two", now_);
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->status, CommentStatus::kPublished);
  EXPECT_EQ(reply->parent_id, held->comment.id);
  EXPECT_EQ(reply->post_id, post_.id);
  EXPECT_EQ(reply->author_name, "The Author");
  EXPECT_EQ(reply->body_html, "An <b>answer</b><br>line two");
  const Comment parent = *store_->GetComment(blog_.id, held->comment.id);
  EXPECT_EQ(parent.status, CommentStatus::kPublished);
  EXPECT_EQ(parent.trained, SpamTraining::kHam);
  EXPECT_EQ(store_->GetPost(blog_.id, post_.id)->comment_count, 2);
}

TEST_F(CommentServiceTest, AReplyNeedsTextAndALiveParent) {
  CommentService service = Service();
  auto comment = service.Submit(blog_, Form(service, "Hello"), now_);
  EXPECT_EQ(
      service.Reply(blog_, comment->comment.id, "A", "<script>x</script>", now_).status().code(),
      Status::Code::kInvalidArgument);
  EXPECT_EQ(service.Reply(blog_, 424242, "A", "hi", now_).status().code(), Status::Code::kNotFound);
  ASSERT_TRUE(service.Moderate(blog_.id, comment->comment.id, ModerationAction::kSpam).ok());
  EXPECT_EQ(service.Reply(blog_, comment->comment.id, "A", "hi", now_).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(Stored(), 1);
}

TEST_F(CommentServiceTest, SpamIsKeptThirtyDaysThenPurged) {
  CommentService service = Service();
  const Time month_ago = now_ - hours(24 * 31);
  const Time yesterday = now_ - hours(24);
  auto old = service.Submit(blog_, Form(service, "old spam", month_ago), month_ago);
  auto recent = service.Submit(blog_, Form(service, "recent spam", yesterday), yesterday);
  ASSERT_TRUE(service.Moderate(blog_.id, old->comment.id, ModerationAction::kSpam).ok());
  ASSERT_TRUE(service.Moderate(blog_.id, recent->comment.id, ModerationAction::kSpam).ok());
  EXPECT_EQ(*service.PurgeOldSpam(now_), 1);
  EXPECT_FALSE(store_->GetComment(blog_.id, old->comment.id).ok());
  EXPECT_TRUE(store_->GetComment(blog_.id, recent->comment.id).ok());
}

}  // namespace
}  // namespace samizdat::service
