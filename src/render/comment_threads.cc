// MakeCommentThreads and MakeBacklinks: a post's published comments -> the nested views
// and the backlinks its item page shows.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "render/build.h"
#include "render/locale.h"
#include "text/html_text.h"

namespace samizdat::render {
namespace {

constexpr size_t kTopLevel = static_cast<size_t>(-1);  // parent of a top-level comment
// Levels shown at most, whatever the blog asks: building and rendering recurse once per
// level, and a thread deeper than this is unreadable anyway.
constexpr int kMaxDepth = 64;

bool StartsWithIgnoringAsciiCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    if (c != prefix[i]) return false;
  }
  return true;
}

bool IsShownComment(const Comment& c) {
  return c.status == CommentStatus::kPublished && c.kind == CommentKind::kComment;
}

bool IsShownBacklink(const Comment& c) {
  return c.status == CommentStatus::kPublished && c.kind != CommentKind::kComment;
}

bool IsHttpUrl(std::string_view url) {
  return StartsWithIgnoringAsciiCase(url, "http://") ||
         StartsWithIgnoringAsciiCase(url, "https://");
}

// The comments `keep` takes, oldest first (ties by id, so the order is total).
std::vector<const Comment*> ShownInTimeOrder(const std::vector<Comment>& comments,
                                             bool (*keep)(const Comment&)) {
  std::vector<const Comment*> shown;
  shown.reserve(comments.size());
  for (const Comment& c : comments) {
    if (keep(c)) shown.push_back(&c);
  }
  std::sort(shown.begin(), shown.end(), [](const Comment* a, const Comment* b) {
    return a->published != b->published ? a->published < b->published : a->id < b->id;
  });
  return shown;
}

// parent[i]: the index in `shown` of the comment i replies to, or kTopLevel when it
// replies to nothing shown. A cycle in the stored parent ids (corrupt data) is cut at
// the comment of the cycle first reached from the oldest comment leading into it, which
// becomes top level, so every comment hangs from exactly one top-level comment.
// level[i]: 1 for top level, 2 for a reply to it, and so on.
void ResolveParents(const std::vector<const Comment*>& shown, std::vector<size_t>* parent,
                    std::vector<int>* level) {
  const size_t n = shown.size();
  std::unordered_map<int64_t, size_t> index_of;
  index_of.reserve(n);
  for (size_t i = 0; i < n; ++i) index_of.emplace(shown[i]->id, i);
  parent->assign(n, kTopLevel);
  for (size_t i = 0; i < n; ++i) {
    auto it = index_of.find(shown[i]->parent_id);
    if (shown[i]->parent_id != 0 && it != index_of.end()) (*parent)[i] = it->second;
  }

  // Cut cycles: walk up from each comment; meeting a comment of the same walk closes a cycle.
  enum : char { kUnseen, kOnWalk, kDone };
  std::vector<char> state(n, kUnseen);
  std::vector<size_t> walk;
  for (size_t i = 0; i < n; ++i) {
    for (size_t at = i; at != kTopLevel && state[at] == kUnseen; at = (*parent)[at]) {
      state[at] = kOnWalk;
      walk.push_back(at);
      const size_t up = (*parent)[at];
      if (up != kTopLevel && state[up] == kOnWalk) (*parent)[up] = kTopLevel;
    }
    for (size_t at : walk) state[at] = kDone;
    walk.clear();
  }

  // Levels, now that every walk up ends at the top level.
  level->assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    for (size_t at = i; at != kTopLevel && (*level)[at] == 0; at = (*parent)[at]) {
      walk.push_back(at);
    }
    for (auto it = walk.rbegin(); it != walk.rend(); ++it) {
      const size_t up = (*parent)[*it];
      (*level)[*it] = up == kTopLevel ? 1 : (*level)[up] + 1;
    }
    walk.clear();
  }
}

CommentView MakeCommentView(const Locale& locale, const TimeZone& zone, const Post& post,
                            const Comment& c) {
  CommentView view;
  view.id = std::to_string(c.id);
  const std::string_view name = TrimBlank(c.author_name);
  view.author = std::string(name.empty() ? locale.Message("anonymous") : name);
  if (IsHttpUrl(c.author_url)) view.author_url = c.author_url;
  view.body_html = c.body_html;
  view.time_text = locale.FormatDate(c.published, zone, locale.Message("commentDateFormat"));
  view.iso_time = FormatRfc3339(c.published, zone);
  view.permalink =
      post.path + "?showComment=" + std::to_string(ToEpochMillis(c.published)) + "#c" + view.id;
  // A reply to a comment at the deepest level joins that comment's thread, so every
  // comment can be replied to.
  view.reply_url = post.path + "?reply=" + view.id + "#comment-form";
  return view;
}

// The views of the comments at `indices` (in that order), each with the replies shown
// under it; the views are moved out of `views`, each taken once.
std::vector<CommentView> BuildLevel(const std::vector<size_t>& indices,
                                    const std::vector<std::vector<size_t>>& replies,
                                    std::vector<CommentView>* views) {
  std::vector<CommentView> level;
  level.reserve(indices.size());
  for (size_t i : indices) {
    CommentView& view = level.emplace_back(std::move((*views)[i]));
    view.replies = BuildLevel(replies[i], replies, views);
  }
  return level;
}

}  // namespace

std::vector<CommentView> MakeCommentThreads(const Blog& blog, const TimeZone& zone,
                                            const Post& post,
                                            const std::vector<Comment>& comments) {
  const std::vector<const Comment*> shown = ShownInTimeOrder(comments, IsShownComment);
  std::vector<size_t> parent;
  std::vector<int> level;
  ResolveParents(shown, &parent, &level);

  // Where each comment is shown: under its parent, or, when that would be deeper than
  // the blog shows, under its ancestor at the deepest level but one (for depth 1, at
  // top level), among that ancestor's replies in time order.
  const int depth = std::clamp(blog.comment_depth, 1, kMaxDepth);
  std::vector<size_t> top;
  std::vector<std::vector<size_t>> replies(shown.size());
  for (size_t i = 0; i < shown.size(); ++i) {
    size_t holder = parent[i];
    for (int l = level[i]; l > depth; --l) holder = parent[holder];  // up to level depth - 1
    (holder == kTopLevel ? top : replies[holder]).push_back(i);
  }

  std::vector<CommentView> views;
  views.reserve(shown.size());
  const Locale& locale = Locale::For(blog.locale);
  for (const Comment* c : shown) views.push_back(MakeCommentView(locale, zone, post, *c));
  return BuildLevel(top, replies, &views);
}

std::vector<BacklinkView> MakeBacklinks(const Blog& blog, const TimeZone& zone,
                                        const std::vector<Comment>& comments) {
  const Locale& locale = Locale::For(blog.locale);
  std::vector<BacklinkView> views;
  for (const Comment* c : ShownInTimeOrder(comments, IsShownBacklink)) {
    BacklinkView& view = views.emplace_back();
    view.id = std::to_string(c->id);
    if (IsHttpUrl(c->author_url)) view.url = c->author_url;
    view.title = text::HtmlToText(c->author_name);
    if (view.title.empty()) {
      view.title = view.url.empty() ? std::string(locale.Message("anonymous")) : view.url;
    }
    view.excerpt_html = c->body_html;
    view.time_text = locale.FormatDate(c->published, zone, locale.Message("commentDateFormat"));
    view.iso_time = FormatRfc3339(c->published, zone);
  }
  return views;
}

int CountShownComments(const std::vector<Comment>& comments) {
  return static_cast<int>(std::count_if(comments.begin(), comments.end(), IsShownComment));
}

}  // namespace samizdat::render
