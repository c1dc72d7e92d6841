// The page builders: Blogger's pages as store queries and views.
#include "web/site_pages.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <optional>

#include "core/strings.h"
#include "render/build.h"
#include "render/comment_pages.h"
#include "render/head_content.h"
#include "render/locale.h"
#include "text/escape.h"
#include "text/slug.h"

namespace samizdat::web {
namespace {

using render::PageKind;
using render::PageView;

// A slice of a list page: the posts shown and whether there are more on either side.
struct Slice {
  std::vector<Post> posts;
  bool has_newer = false;
  bool has_older = false;
};

class PageBuilder {
 public:
  explicit PageBuilder(const PageInputs& in)
      : store_(in.store),
        entry_(in.entry),
        blog_(in.entry.blog),
        query_(in.query),
        sidebar_(in.sidebar),
        form_(in.form),
        base_url_(in.base_url) {}

  PageOutcome NotFound() {
    PageOutcome out;
    out.status = 404;
    out.view = Base(PageKind::kError, 0);
    out.view.title = blog_.title;
    out.view.error_title = "Page not found";
    out.view.error_message = "Sorry, the page you were looking for in this blog does not exist.";
    return out;
  }

 private:
  PageView Base(PageKind kind, int expanded_year) {
    PageView view;
    view.kind = kind;
    view.lang = render::Locale::For(blog_.locale).tag();
    view.blog = render::MakeBlogView(blog_);
    view.title = blog_.title;
    view.search_query = query_.q;
    view.sidebar_html = *sidebar_(expanded_year, query_.q);
    return view;
  }

  const render::Locale& Locale() const { return render::Locale::For(blog_.locale); }

  int PageSize() const { return query_.max_results.value_or(blog_.posts_per_page); }

  store::PostQuery PostsQuery() const {
    store::PostQuery q;
    q.blog_id = blog_.id;
    return q;
  }

  // Fetches one page of `base` according to updated-max / reverse-paginate.
  Result<Slice> FetchSlice(store::PostQuery base) {
    const int n = PageSize();
    Slice slice;
    store::PostQuery q = base;
    q.limit = n + 1;
    if (query_.updated_max && query_.reverse) {
      q.published_after = query_.updated_max;
      q.oldest_first = true;
    } else if (query_.updated_max) {
      if (!q.published_before || *query_.updated_max < *q.published_before) {
        q.published_before = query_.updated_max;
      }
    }
    auto posts = store_.ListPosts(q);
    if (!posts.ok()) return posts.status();
    slice.posts = std::move(*posts);
    const bool more = static_cast<int>(slice.posts.size()) > n;
    if (more) slice.posts.resize(n);
    if (q.oldest_first) {
      std::reverse(slice.posts.begin(), slice.posts.end());
      slice.has_newer = more;
    } else {
      slice.has_older = more;
    }
    if (slice.posts.empty()) return slice;
    // The other direction takes one more look.
    store::PostQuery other = base;
    other.limit = 1;
    if (q.oldest_first) {
      other.published_before = slice.posts.back().published;
      if (base.published_before)
        other.published_before = std::min(*other.published_before, *base.published_before);
    } else if (query_.updated_max) {
      other.published_after = slice.posts.front().published;
    } else {
      return slice;  // the first page: nothing newer
    }
    auto beyond = store_.ListPosts(other);
    if (!beyond.ok()) return beyond.status();
    (q.oldest_first ? slice.has_older : slice.has_newer) = !beyond->empty();
    return slice;
  }

  std::string PagingUrl(const std::string& base_path, Time at, bool newer) const {
    std::string url = base_path;
    url += base_path.find('?') == std::string::npos ? '?' : '&';
    url += "updated-max=" + text::PercentEncode(FormatRfc3339(at, entry_.zone));
    url += "&max-results=" + std::to_string(PageSize());
    if (newer) url += "&reverse-paginate=true";
    return url;
  }

  void FillList(PageOutcome& out, const Slice& slice, const std::string& base_path,
                bool first_home_page) {
    PageView& view = out.view;
    view.posts = render::MakePostViews(blog_, entry_.zone, slice.posts, base_url_);
    for (const Post& post : slice.posts) out.comment_posts.push_back(post.id);
    if (slice.has_older)
      view.pager.older_url = PagingUrl(base_path, slice.posts.back().published, false);
    if (slice.has_newer)
      view.pager.newer_url = PagingUrl(base_path, slice.posts.front().published, true);
    if (!first_home_page) view.pager.home_url = "/";
  }

 public:
  Result<PageOutcome> Index() {
    PageOutcome out;
    out.view = Base(PageKind::kIndex, 0);
    const bool first = !query_.updated_max;
    out.view.kind = first ? PageKind::kIndex : PageKind::kArchive;
    out.view.canonical_url = "/";
    auto slice = FetchSlice(PostsQuery());
    if (!slice.ok()) return slice.status();
    FillList(out, *slice, "/search", first);
    return out;
  }

  Result<PageOutcome> Label(std::string_view label) {
    store::PostQuery base = PostsQuery();
    base.labels = {std::string(label)};
    auto total = store_.CountPosts(base);
    if (!total.ok()) return total.status();
    PageOutcome out;
    out.view = Base(PageKind::kLabel, 0);
    out.view.title = blog_.title + ": " + std::string(label);
    out.view.canonical_url = text::LabelUrl(label);
    out.view.label_feed_url = "/feeds/posts/default/-/" + text::PercentEncode(label);
    out.view.status_message_html = render::LabelStatusHtml(Locale(), label, *total);
    auto slice = FetchSlice(base);
    if (!slice.ok()) return slice.status();
    FillList(out, *slice, text::LabelUrl(label), false);
    return out;
  }

  Result<PageOutcome> Search() {
    if (query_.q.empty()) return Index();
    const int n = PageSize();
    auto total = store_.CountSearch(blog_.id, query_.q);
    if (!total.ok()) return total.status();
    auto hits = store_.Search(blog_.id, query_.q, n, query_.start);
    if (!hits.ok()) return hits.status();
    PageOutcome out;
    out.view = Base(PageKind::kSearch, 0);
    out.view.title = blog_.title + ": Search results for " + query_.q;
    out.view.canonical_url = "/search?q=" + text::PercentEncode(query_.q);
    out.view.status_message_html = render::SearchStatusHtml(Locale(), query_.q, *total);
    out.view.posts = render::MakeSearchPostViews(blog_, entry_.zone, *hits, base_url_);
    for (const SearchHit& hit : *hits) out.comment_posts.push_back(hit.post.id);
    const std::string base =
        "/search?q=" + text::PercentEncode(query_.q) + "&max-results=" + std::to_string(n);
    if (query_.start + n < *total) {
      out.view.pager.older_url =
          base + "&start=" + std::to_string(query_.start + n) + "&by-date=false";
    }
    if (query_.start > 0) {
      out.view.pager.newer_url =
          base + "&start=" + std::to_string(std::max(0, query_.start - n)) + "&by-date=false";
    }
    out.view.pager.home_url = "/";
    return out;
  }

  Result<PageOutcome> Archive(int year, int month) {
    if (year < 1970 || year > 9999) return NotFound();
    const Time from = entry_.zone.FromLocal(year, month == 0 ? 1 : month, 1);
    const Time to = month == 0 || month == 12 ? entry_.zone.FromLocal(year + 1, 1, 1)
                                              : entry_.zone.FromLocal(year, month + 1, 1);
    store::PostQuery base = PostsQuery();
    base.published_from = from;
    base.published_before = to;
    char path[16];
    if (month == 0) {
      std::snprintf(path, sizeof path, "/%04d/", year);
    } else {
      std::snprintf(path, sizeof path, "/%04d/%02d/", year, month);
    }
    PageOutcome out;
    out.view = Base(PageKind::kArchive, year);
    const std::string period =
        month == 0 ? std::to_string(year)
                   : Locale().FormatDate(from, entry_.zone, Locale().Message("monthYearFormat"));
    out.view.title = blog_.title + ": " + period;
    out.view.canonical_url = path;
    out.view.status_message_html = render::ArchiveStatusHtml(Locale(), period);
    auto slice = FetchSlice(base);
    if (!slice.ok()) return slice.status();
    FillList(out, *slice, path, false);
    return out;
  }

  Result<PageOutcome> Item(std::string_view path, PostKind kind) {
    auto item = store_.GetItemPage(blog_.id, path);
    if (!item.ok()) {
      if (item.status().IsNotFound()) return NotFound();
      return item.status();
    }
    const Post& post = item->post;
    if (post.status != PostStatus::kPublished || post.kind != kind) return NotFound();
    const int year = entry_.zone.ToLocal(post.published).year;
    PageOutcome out;
    out.view = Base(kind == PostKind::kPage ? PageKind::kStaticPage : PageKind::kItem,
                    kind == PostKind::kPage ? 0 : year);
    out.view.title = blog_.title + ": " + post.title;
    out.view.canonical_url = post.path;
    out.view.posts.push_back(render::MakePostView(blog_, entry_.zone, post, base_url_));
    if (kind == PostKind::kPost) {
      const store::Neighbours& neighbours = item->neighbours;
      if (neighbours.newer) out.view.pager.newer_url = neighbours.newer->path;
      if (neighbours.older) out.view.pager.older_url = neighbours.older->path;
      out.view.pager.home_url = "/";
    }
    // Pages have comments too, as on Blogger and WordPress.
    FillComments(out, post, item->comments);
    return out;
  }

 private:
  // The comment threads of one comment page, the links to the others, the form and the
  // backlinks of a post's (or page's) item page, as its switch says; the 404 view when
  // the query names a comment page past the last. `comments`: all the post's published
  // comments, oldest first (the pages are cut from the whole threads).
  void FillComments(PageOutcome& out, const Post& post, const std::vector<Comment>& comments) {
    out.comment_posts.push_back(post.id);
    if (post.comments_mode == CommentsMode::kHidden) {
      if (query_.comment_page.value_or(1) > 1) out = NoCommentPage(*query_.comment_page, 1);
      return;
    }
    std::vector<render::CommentView> threads =
        render::MakeCommentThreads(blog_, entry_.zone, post, comments);
    const std::vector<render::CommentPageSpan> pages =
        render::SplitCommentPages(render::CommentThreadSizes(threads), render::kCommentsPerPage);
    const int64_t reply_to =
        form_.refill ? ParseInteger<int64_t>(form_.refill->parent_id).value_or(0) : query_.reply;

    int64_t page = 1;
    if (query_.comment_page) {
      page = *query_.comment_page;
    } else {
      std::optional<int64_t> target;
      if (query_.show_comment) {
        target = render::CommentAtPermalinkTime(comments, *query_.show_comment);
      } else if (reply_to != 0) {
        target = reply_to;
      }
      if (target) {
        if (auto thread = render::ThreadHolding(threads, std::to_string(*target))) {
          page = render::PageOfThread(pages, *thread);
        }
      }
    }
    const auto page_count = static_cast<int64_t>(pages.size());
    if (page > page_count) {
      out = NoCommentPage(page, page_count);
      return;
    }
    const render::CommentPageSpan& span = pages[static_cast<size_t>(page - 1)];
    const auto first = threads.begin() + static_cast<std::ptrdiff_t>(span.first_thread);
    out.view.comments.assign(
        std::make_move_iterator(first),
        std::make_move_iterator(first + static_cast<std::ptrdiff_t>(span.threads)));
    out.comment_page = page;
    out.comment_pages = page_count;

    out.view.show_comments = true;
    out.view.backlinks = render::MakeBacklinks(blog_, entry_.zone, comments);
    // The heading counts every shown comment, on all pages, but not the backlinks
    // (Blogger does not count them).
    render::PostView& shown = out.view.posts.front();
    shown.comment_count = render::CountShownComments(comments);
    shown.comment_count_text = Locale().CommentCountText(shown.comment_count);
    out.view.comment_pager = CommentPager(post, pages, page, shown.comment_count);

    render::CommentFormView& form = out.view.comment_form;
    if (form_.refill) form = *form_.refill;  // its message shows even with no form
    form.open = post.comments_mode == CommentsMode::kOpen;
    if (!form.open) return;

    form.post_id = std::to_string(post.id);
    form.token = form_.token(post.id);
    out.has_comment_form = true;
    form.parent_id.clear();
    form.parent_author.clear();
    for (const Comment& comment : comments) {
      if (comment.id == reply_to) {
        form.parent_id = std::to_string(comment.id);
        form.parent_author = comment.author_name;
      }
    }
  }

  // The links of comment page `page` (1-based) of `pages`, which hold `total` comments.
  static render::CommentPagerView CommentPager(const Post& post,
                                               const std::vector<render::CommentPageSpan>& pages,
                                               int64_t page, int total) {
    render::CommentPagerView pager;
    if (pages.size() < 2) return pager;
    auto url = [&](int64_t n) {
      return n == 1 ? post.path + "#comments"
                    : post.path + "?commentPage=" + std::to_string(n) + "#comments";
    };
    if (page >= 3) pager.oldest_url = url(1);
    if (page >= 2) pager.older_url = url(page - 1);
    if (page < static_cast<int64_t>(pages.size())) pager.more_url = url(page + 1);
    const render::CommentPageSpan& span = pages[static_cast<size_t>(page - 1)];
    pager.range_text = WithThousands(span.comments_before + 1) + "\u2013" +
                       WithThousands(span.comments_before + span.comments) + " of " +
                       WithThousands(total);
    return pager;
  }

  // The 404 page for comment page `page` of a post whose comments fill `count` pages.
  PageOutcome NoCommentPage(int64_t page, int64_t count) {
    PageOutcome out = NotFound();
    out.view.error_message = "This post has no comment page " + std::to_string(page) +
                             ": its comments fill " + std::to_string(count) +
                             (count == 1 ? " page." : " pages.");
    return out;
  }

  store::Store& store_;
  const service::BlogEntry& entry_;
  const Blog& blog_;
  const ListQuery& query_;
  const SidebarSource& sidebar_;
  const CommentFormSource& form_;
  const std::string& base_url_;
};

// Every page's head (render/head_content.h), from the view as built.
Result<PageOutcome> WithHead(const PageInputs& in, Result<PageOutcome> outcome) {
  if (outcome.ok()) {
    outcome->view.head_html = render::HeadContentHtml(in.entry.blog, outcome->view, in.base_url);
  }
  return outcome;
}

}  // namespace

Result<PageOutcome> IndexPage(const PageInputs& in) {
  return WithHead(in, PageBuilder(in).Index());
}

Result<PageOutcome> SearchPage(const PageInputs& in) {
  return WithHead(in, PageBuilder(in).Search());
}

Result<PageOutcome> LabelPage(const PageInputs& in, std::string_view label) {
  return WithHead(in, PageBuilder(in).Label(label));
}

Result<PageOutcome> ArchivePage(const PageInputs& in, int year, int month) {
  return WithHead(in, PageBuilder(in).Archive(year, month));
}

Result<PageOutcome> ItemPage(const PageInputs& in, std::string_view path, PostKind kind) {
  return WithHead(in, PageBuilder(in).Item(path, kind));
}

PageOutcome NotFoundPage(const PageInputs& in) { return *WithHead(in, PageBuilder(in).NotFound()); }

}  // namespace samizdat::web
