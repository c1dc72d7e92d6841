// PostService's editor: edits keep revisions and re-render, the save actions (draft,
// publish, schedule) with their paths, autosave, unpublish, restore, slugs, and
// validation that changes nothing.
#include <cstdio>
#include <string>
#include <vector>

#include "service/blogs.h"
#include "service/posts.h"
#include "test_store.h"

namespace samizdat::service {
namespace {

using Strings = std::vector<std::string>;

class PostEditTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    blog_ = CreateBlog("a.test", "A", "UTC");
    ASSERT_NE(blog_.id, 0);
  }

  Post Added(std::string title, bool draft, std::string slug = "") {
    NewPost post;
    post.title = std::move(title);
    post.source = "<p>first</p>";
    post.labels = {"one"};
    post.draft = draft;
    post.author_id = 7;
    post.slug = std::move(slug);
    if (!draft) post.published = *ParseRfc3339("2022-01-05T03:00:00Z");
    auto saved = Posts().Add(blog_, post);
    EXPECT_TRUE(saved.ok()) << saved.status().ToString();
    return saved.ok() ? *saved : Post{};
  }

  static PostEdit EditOf(const Post& post, SaveAction action) {
    PostEdit edit;
    edit.title = post.title;
    edit.source = post.source;
    edit.format = post.format;
    edit.labels = post.labels;
    edit.comments_mode = post.comments_mode;
    edit.action = action;
    edit.editor = "Ann";
    return edit;
  }

  Post Stored(int64_t id) {
    auto post = store_->GetPost(blog_.id, id);
    EXPECT_TRUE(post.ok());
    return post.ok() ? *post : Post{};
  }

  std::vector<Revision> Revisions(int64_t id) {
    auto revisions = store_->ListRevisions(blog_.id, id);
    EXPECT_TRUE(revisions.ok());
    return revisions.ok() ? *revisions : std::vector<Revision>{};
  }

  PostService Posts() { return PostService(*store_); }

  Blog blog_;
};

TEST_F(PostEditTest, AddKeepsTheAuthorIdAndTheChosenSlug) {
  Post post = Added("Some title", false, "My Own Slug");
  EXPECT_EQ(post.path, "/2022/01/my-own-slug.html");
  EXPECT_EQ(Stored(post.id).author_id, 7);

  NewPost bad;
  bad.title = "X";
  bad.slug = "ünïcode/../x";
  auto refused = Posts().Add(blog_, bad);
  EXPECT_TRUE(refused.status().IsInvalidArgument());
  EXPECT_NE(refused.status().message().find("permalink"), std::string::npos);
}

TEST_F(PostEditTest, CleanSlugNormalizesOrRefuses) {
  EXPECT_EQ(*CleanSlug("  My  Post 2 "), "my-post-2");
  EXPECT_EQ(*CleanSlug("same-title_20"), "same-title_20");
  EXPECT_TRUE(CleanSlug("   ").status().IsInvalidArgument());
  EXPECT_TRUE(CleanSlug("a/b").status().IsInvalidArgument());
  EXPECT_TRUE(CleanSlug("a.html").status().IsInvalidArgument());
  EXPECT_TRUE(CleanSlug(std::string(101, 'a')).status().IsInvalidArgument());
}

TEST_F(PostEditTest, EditKeepsTheReplacedVersionAndRerenders) {
  Post post = Added("Original", false);
  PostEdit edit = EditOf(post, SaveAction::kPublish);
  edit.title = "Changed";
  edit.format = BodyFormat::kMarkdown;
  edit.source = "Hello *you*\n\n<script>x()</script>";
  edit.labels = {"two, three", "two"};
  auto saved = Posts().Edit(blog_, post.id, edit);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  Post stored = Stored(post.id);
  EXPECT_EQ(stored.title, "Changed");
  EXPECT_NE(stored.body_html.find("<em>you</em>"), std::string::npos);
  EXPECT_EQ(stored.body_html.find("<script"), std::string::npos);
  EXPECT_EQ(stored.body_text.find("first"), std::string::npos);
  EXPECT_NE(stored.body_text.find("Hello you"), std::string::npos);
  EXPECT_EQ(stored.labels, (Strings{"two", "three"}));
  EXPECT_EQ(stored.author_id, 7);
  // A published post stays where it is, at its time.
  EXPECT_EQ(stored.status, PostStatus::kPublished);
  EXPECT_EQ(stored.path, post.path);
  EXPECT_EQ(stored.published, post.published);

  std::vector<Revision> revisions = Revisions(post.id);
  ASSERT_EQ(revisions.size(), 1u);
  EXPECT_EQ(revisions[0].title, "Original");
  EXPECT_EQ(revisions[0].source, "<p>first</p>");
  EXPECT_EQ(revisions[0].format, BodyFormat::kHtml);
  EXPECT_EQ(revisions[0].labels, (Strings{"one"}));
  EXPECT_EQ(revisions[0].saved_by, "Ann");
}

TEST_F(PostEditTest, PublishingADraftGivesItBloggersPathAndNow) {
  Post draft = Added("Draft title", true);
  EXPECT_TRUE(draft.path.empty());
  const Time before = Now();
  auto saved = Posts().Edit(blog_, draft.id, EditOf(draft, SaveAction::kPublish));
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  Post stored = Stored(draft.id);
  EXPECT_EQ(stored.status, PostStatus::kPublished);
  EXPECT_GE(stored.published, before);
  const LocalTime local = (*TimeZone::Find("UTC")).ToLocal(stored.published);
  char month[16];
  std::snprintf(month, sizeof month, "/%04d/%02d/", local.year, local.month);
  EXPECT_EQ(stored.path, std::string(month) + "draft-title.html");
}

TEST_F(PostEditTest, PublishingWithASlugUsesIt) {
  Post draft = Added("Draft title", true);
  PostEdit edit = EditOf(draft, SaveAction::kPublish);
  edit.slug = "Chosen";
  ASSERT_TRUE(Posts().Edit(blog_, draft.id, edit).ok());
  EXPECT_TRUE(Stored(draft.id).path.ends_with("/chosen.html"));
}

TEST_F(PostEditTest, PublishedPermalinkIsFixed) {
  Post post = Added("Fixed", false);
  PostEdit edit = EditOf(post, SaveAction::kPublish);
  edit.title = "Not saved";
  edit.slug = "elsewhere";
  auto refused = Posts().Edit(blog_, post.id, edit);
  EXPECT_TRUE(refused.status().IsInvalidArgument());
  EXPECT_NE(refused.status().message().find("permalink"), std::string::npos);
  EXPECT_EQ(Stored(post.id).title, "Fixed");
  EXPECT_TRUE(Revisions(post.id).empty());

  edit.slug = "fixed";  // its own slug is no move
  auto same = Posts().Edit(blog_, post.id, edit);
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(Stored(post.id).path, post.path);
}

TEST_F(PostEditTest, ScheduleNeedsAFutureTimeAndTakesItsMonth) {
  Post draft = Added("Later", true);
  PostEdit edit = EditOf(draft, SaveAction::kSchedule);
  auto no_time = Posts().Edit(blog_, draft.id, edit);
  EXPECT_TRUE(no_time.status().IsInvalidArgument());
  edit.publish_at = *ParseRfc3339("2020-01-01T00:00:00Z");
  EXPECT_TRUE(Posts().Edit(blog_, draft.id, edit).status().IsInvalidArgument());
  EXPECT_EQ(Stored(draft.id).status, PostStatus::kDraft);
  EXPECT_TRUE(Revisions(draft.id).empty());

  edit.publish_at = *ParseRfc3339("2099-03-10T12:00:00Z");
  auto saved = Posts().Edit(blog_, draft.id, edit);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  Post stored = Stored(draft.id);
  EXPECT_EQ(stored.status, PostStatus::kScheduled);
  EXPECT_EQ(stored.published, *edit.publish_at);
  EXPECT_EQ(stored.path, "/2099/03/later.html");

  Post published = Added("Out already", false);
  PostEdit again = EditOf(published, SaveAction::kSchedule);
  again.publish_at = *ParseRfc3339("2099-03-10T12:00:00Z");
  EXPECT_TRUE(Posts().Edit(blog_, published.id, again).status().IsInvalidArgument());
  EXPECT_EQ(Stored(published.id).status, PostStatus::kPublished);
}

TEST_F(PostEditTest, DraftActionMakesADraftKeepingThePath) {
  Post post = Added("Back to draft", false);
  ASSERT_TRUE(Posts().Edit(blog_, post.id, EditOf(post, SaveAction::kDraft)).ok());
  Post stored = Stored(post.id);
  EXPECT_EQ(stored.status, PostStatus::kDraft);
  EXPECT_EQ(stored.path, post.path);
  // Published again, it comes back at the same path.
  ASSERT_TRUE(Posts().Edit(blog_, post.id, EditOf(stored, SaveAction::kPublish)).ok());
  EXPECT_EQ(Stored(post.id).path, post.path);
  EXPECT_EQ(Stored(post.id).status, PostStatus::kPublished);
  EXPECT_EQ(Revisions(post.id).size(), 2u);
}

TEST_F(PostEditTest, InvalidEditsChangeNothing) {
  Post post = Added("Valid", false);
  PostEdit edit = EditOf(post, SaveAction::kPublish);
  edit.title = "   ";
  EXPECT_TRUE(Posts().Edit(blog_, post.id, edit).status().IsInvalidArgument());
  edit.title = "ok";
  edit.source = "\xff\xfe";
  EXPECT_TRUE(Posts().Edit(blog_, post.id, edit).status().IsInvalidArgument());
  edit.source = "ok";
  edit.labels = {std::string(201, 'x')};
  EXPECT_TRUE(Posts().Edit(blog_, post.id, edit).status().IsInvalidArgument());
  EXPECT_EQ(Stored(post.id).title, "Valid");
  EXPECT_TRUE(Revisions(post.id).empty());
  EXPECT_TRUE(
      Posts().Edit(blog_, post.id + 1, EditOf(post, SaveAction::kDraft)).status().IsNotFound());
}

TEST_F(PostEditTest, AutosaveOnlyOnDraftsWithoutRevision) {
  Post draft = Added("Draft", true);
  PostEdit edit = EditOf(draft, SaveAction::kPublish);  // the action is not looked at
  edit.source = "<p>typed so far</p>";
  auto saved = Posts().Autosave(blog_, draft.id, edit);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  Post stored = Stored(draft.id);
  EXPECT_EQ(stored.status, PostStatus::kDraft);
  EXPECT_EQ(stored.source, "<p>typed so far</p>");
  EXPECT_NE(stored.body_text.find("typed so far"), std::string::npos);
  EXPECT_TRUE(Revisions(draft.id).empty());

  Post published = Added("Live", false);
  auto refused = Posts().Autosave(blog_, published.id, EditOf(published, SaveAction::kDraft));
  EXPECT_TRUE(refused.status().IsInvalidArgument());
  EXPECT_EQ(Stored(published.id).status, PostStatus::kPublished);
}

TEST_F(PostEditTest, UnpublishMakesADraftAndKeepsARevision) {
  Post post = Added("Live", false);
  auto unpublished = Posts().Unpublish(blog_, post.id, "Ann");
  ASSERT_TRUE(unpublished.ok());
  Post stored = Stored(post.id);
  EXPECT_EQ(stored.status, PostStatus::kDraft);
  EXPECT_EQ(stored.path, post.path);
  ASSERT_EQ(Revisions(post.id).size(), 1u);
  EXPECT_EQ(Revisions(post.id)[0].saved_by, "Ann");
  EXPECT_TRUE(Posts().Unpublish(blog_, post.id + 1, "Ann").status().IsNotFound());
}

TEST_F(PostEditTest, RestoreBringsBackARevisionOfThatPostOnly) {
  Post post = Added("First title", false);
  PostEdit edit = EditOf(post, SaveAction::kPublish);
  edit.title = "Second title";
  edit.source = "<p>second</p>";
  edit.labels = {"two"};
  ASSERT_TRUE(Posts().Edit(blog_, post.id, edit).ok());
  const Revision first = Revisions(post.id).at(0);

  Post other = Added("Other", false);
  EXPECT_TRUE(Posts().Restore(blog_, other.id, first.id, "Ann").status().IsNotFound());
  EXPECT_TRUE(Posts().Restore(blog_, post.id, first.id + 100, "Ann").status().IsNotFound());

  auto restored = Posts().Restore(blog_, post.id, first.id, "Bob");
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  Post stored = Stored(post.id);
  EXPECT_EQ(stored.title, "First title");
  EXPECT_EQ(stored.source, "<p>first</p>");
  EXPECT_EQ(stored.labels, (Strings{"one"}));
  EXPECT_NE(stored.body_text.find("first"), std::string::npos);
  std::vector<Revision> revisions = Revisions(post.id);
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(revisions[0].title, "Second title");
  EXPECT_EQ(revisions[0].saved_by, "Bob");
}

TEST_F(PostEditTest, RenderBodyIsTheSaveRendering) {
  EXPECT_EQ(PostService::RenderBody(BodyFormat::kMarkdown, "*x*"), "<p><em>x</em></p>\n");
  EXPECT_EQ(PostService::RenderBody(BodyFormat::kHtml, "<b onclick=\"y()\">b</b>"), "<b>b</b>");
}

}  // namespace
}  // namespace samizdat::service
