// The widgets' live data: page views counted and flushed (PageViews), followed blogs' feeds
// read and refreshed (BlogList), contact messages screened (ContactService), and what a
// page's widgets get (WidgetSourceCache).
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "http/server.h"
#include "service/blog_list.h"
#include "service/contact.h"
#include "service/page_views.h"
#include "service/posts.h"
#include "service/widget_sources.h"
#include "test_store.h"

namespace samizdat::service {
namespace {

using std::chrono::seconds;

Time At(int64_t ms) { return Time(std::chrono::milliseconds(ms)); }
constexpr int64_t kDay = 24 * 3600 * 1000;

class WidgetDataTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    blog_ = CreateBlog("a.test", "A");
  }

  Post Publish(const std::string& slug, int64_t ms) {
    Post post;
    post.blog_id = blog_.id;
    post.kind = PostKind::kPost;
    post.status = PostStatus::kPublished;
    post.title = "Post " + slug;
    post.path = "/2022/01/" + slug + ".html";
    post.body_html = "<p>About " + slug + "</p>";
    post.body_text = "About " + slug;
    post.published = At(ms);
    post.updated = At(ms);
    auto created = store_->CreatePost(post);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : post;
  }

  std::vector<std::string> TopTitles(int64_t from_day = 0) {
    std::vector<std::string> titles;
    auto top = store_->TopPosts(blog_.id, from_day, 10);
    EXPECT_TRUE(top.ok()) << top.status().ToString();
    if (!top.ok()) return titles;
    for (const auto& p : *top) titles.push_back(p.post.title + "=" + std::to_string(p.views));
    return titles;
  }

  BlogEntry Entry() {
    auto blog = store_->GetBlog(blog_.id);
    EXPECT_TRUE(blog.ok());
    return BlogEntry{*blog, TimeZone::Utc()};
  }

  Blog blog_;
};

TEST_F(WidgetDataTest, ViewsAreCountedInMemoryAndFlushedBotsLeftOut) {
  Publish("a", 1'000);
  Publish("b", 2'000);
  PageViews views(*store_, std::chrono::milliseconds(0));
  for (int i = 0; i < 3; ++i) views.Count(blog_.id, "/2022/01/b.html", "Mozilla/5.0 Firefox");
  views.Count(blog_.id, "/2022/01/a.html", "");
  for (std::string_view bot : {"Googlebot/2.1", "Mozilla/5.0 (compatible; bingbot/2.0)",
                               "Baiduspider", "SomeCrawler 1.0", "facebookexternalhit BOT"}) {
    views.Count(blog_.id, "/2022/01/a.html", bot);
  }
  EXPECT_TRUE(TopTitles().empty());  // nothing stored before a flush
  ASSERT_TRUE(views.Flush(At(100 * kDay)).ok());
  EXPECT_EQ(TopTitles(), (std::vector<std::string>{"Post b=3", "Post a=1"}));
  // A later day's views: the week's list sees only them.
  for (int i = 0; i < 2; ++i) views.Count(blog_.id, "/2022/01/a.html", "curl/8");
  ASSERT_TRUE(views.Flush(At(110 * kDay)).ok());
  EXPECT_EQ(TopTitles(), (std::vector<std::string>{"Post b=3", "Post a=3"}));  // a tie: newer first
  EXPECT_EQ(TopTitles(105), (std::vector<std::string>{"Post a=2"}));
  ASSERT_TRUE(views.Flush(At(110 * kDay)).ok());  // nothing new: nothing changes
  EXPECT_EQ(TopTitles(105), (std::vector<std::string>{"Post a=2"}));
}

TEST_F(WidgetDataTest, ViewsAreFlushedByTheThreadAndAtShutdown) {
  Publish("a", 1'000);
  {
    PageViews views(*store_, std::chrono::milliseconds(20));
    views.Count(blog_.id, "/2022/01/a.html", "Mozilla");
    for (int i = 0; i < 500 && TopTitles().empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(TopTitles(), (std::vector<std::string>{"Post a=1"}));
    views.Count(blog_.id, "/2022/01/a.html", "Mozilla");
    views.Count(blog_.id, "/2022/01/a.html", "Mozilla");
  }
  EXPECT_EQ(TopTitles(), (std::vector<std::string>{"Post a=3"}));
  {
    PageViews views(*store_, std::chrono::milliseconds(0));
    views.Count(blog_.id, "/2022/01/a.html", "Mozilla");
  }
  EXPECT_EQ(TopTitles(), (std::vector<std::string>{"Post a=4"}));
}

TEST_F(WidgetDataTest, CountingFromManyThreadsLosesNothing) {
  Publish("a", 1'000);
  Publish("b", 2'000);
  PageViews views(*store_, std::chrono::milliseconds(0));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&views, t, this] {
      for (int i = 0; i < 1000; ++i) {
        views.Count(blog_.id, i % 2 == 0 ? "/2022/01/a.html" : "/2022/01/b.html", "Mozilla");
        if (t == 0 && i % 100 == 0) {
          EXPECT_TRUE(views.Flush(Now()).ok());
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(views.Flush(Now()).ok());
  EXPECT_EQ(TopTitles(), (std::vector<std::string>{"Post b=2000", "Post a=2000"}));
}

constexpr const char* kAtom = R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <title type="text">Friend's blog</title>
  <link rel="self" href="http://friend.test/feeds/posts/default"/>
  <link rel="alternate" type="text/html" href="http://friend.test/"/>
  <entry>
    <title>Older</title>
    <link rel="alternate" href="http://friend.test/2022/01/older.html"/>
    <updated>2022-01-01T10:00:00Z</updated>
    <summary type="html">&lt;p&gt;Old news&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Newest &amp; best</title>
    <link rel="replies" href="http://friend.test/comments"/>
    <link rel="alternate" href="http://friend.test/2022/02/newest.html"/>
    <updated>2022-02-03T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</content>
    <media:thumbnail url="http://friend.test/thumb.jpg" height="72" width="72"/>
  </entry>
</feed>)";

constexpr const char* kRss = R"(<?xml version="1.0"?>
<rss version="2.0"><channel>
  <title>Other blog</title><link>http://other.test/</link>
  <item><title>First</title><link>http://other.test/1</link>
    <description>&lt;p&gt;One&lt;/p&gt;</description><pubDate>Mon, 03 Jan 2022 10:00:00 GMT</pubDate></item>
  <item><title>Second</title><link>http://other.test/2</link>
    <description>Two</description><pubDate>Wed, 05 Jan 2022 10:00:00 GMT</pubDate>
    <enclosure url="http://other.test/2.png" type="image/png" length="1"/></item>
</channel></rss>)";

TEST(BlogListFeedTest, ReadsTheNewestItemOfAnAtomFeed) {
  auto entry = ReadNewestItem("http://friend.test/feeds/posts/default", kAtom);
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_EQ(entry->feed_url, "http://friend.test/feeds/posts/default");
  EXPECT_EQ(entry->blog_title, "Friend's blog");
  EXPECT_EQ(entry->blog_url, "http://friend.test/");
  EXPECT_EQ(entry->item_title, "Newest & best");
  EXPECT_EQ(entry->item_url, "http://friend.test/2022/02/newest.html");
  EXPECT_EQ(entry->snippet, "Hello world");
  EXPECT_EQ(entry->thumbnail_url, "http://friend.test/thumb.jpg");
  EXPECT_EQ(entry->updated, *ParseRfc3339("2022-02-03T10:00:00Z"));
}

TEST(BlogListFeedTest, ReadsTheNewestItemOfAnRssFeed) {
  auto entry = ReadNewestItem("http://other.test/rss", kRss);
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_EQ(entry->blog_title, "Other blog");
  EXPECT_EQ(entry->blog_url, "http://other.test/");
  EXPECT_EQ(entry->item_title, "Second");
  EXPECT_EQ(entry->item_url, "http://other.test/2");
  EXPECT_EQ(entry->snippet, "Two");
  EXPECT_EQ(entry->thumbnail_url, "http://other.test/2.png");
}

TEST(BlogListFeedTest, LinksThatAreNotHttpAreDropped) {
  constexpr const char* kHostile = R"(<rss version="2.0"><channel>
    <title>Hostile</title><link>javascript:alert(1)</link>
    <item><title>Click</title><link> JavaScript:alert(2)</link>
      <enclosure url="data:image/png;base64,AAAA" type="image/png"/></item>
  </channel></rss>)";
  auto entry = ReadNewestItem("http://h.test/rss", kHostile);
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_EQ(entry->item_title, "Click");
  EXPECT_EQ(entry->blog_url, "");
  EXPECT_EQ(entry->item_url, "");
  EXPECT_EQ(entry->thumbnail_url, "");
}

TEST(BlogListFeedTest, RefusesWhatIsNoFeed) {
  EXPECT_TRUE(ReadNewestItem("u", "<html><body>hi</body></html>").status().IsInvalidArgument());
  EXPECT_TRUE(ReadNewestItem("u", "not xml <").status().IsInvalidArgument());
  EXPECT_TRUE(ReadNewestItem("u", "").status().IsInvalidArgument());
  EXPECT_TRUE(
      ReadNewestItem("u", "<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title></feed>")
          .status()
          .IsInvalidArgument());
  // An entity pointing at a file is not read.
  auto entry = ReadNewestItem("u",
                              "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM "
                              "'file:///etc/passwd'>]><rss><channel><title>&x;</title><item>"
                              "<title>i</title></item></channel></rss>");
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(entry->blog_title.find("root"), std::string::npos);
}

TEST(BlogListFeedTest, TheFeedsSettingListsOneUrlPerLine) {
  blogger::SectionInfo section;
  blogger::WidgetInfo list;
  list.id = "BlogList1";
  list.type = "BlogList";
  list.settings = {{"title", "Friends"},
                   {"feeds", "  http://a.test/feed \n\n http://b.test/rss\r\n"}};
  blogger::WidgetInfo other;
  other.id = "HTML1";
  other.type = "HTML";
  other.settings = {{"feeds", "http://ignored.test/"}};
  section.widgets = {other, list};
  const auto widgets = BlogListWidgets({section});
  ASSERT_EQ(widgets.size(), 1u);
  EXPECT_EQ(widgets[0].widget_id, "BlogList1");
  EXPECT_EQ(widgets[0].feed_urls,
            (std::vector<std::string>{"http://a.test/feed", "http://b.test/rss"}));
}

// A local HTTP server answering GET /feed with whatever `feed` holds now.
class FeedServer {
 public:
  FeedServer()
      : server_(Options(), [this](const http::Request& request) { return Answer(request); }) {
    EXPECT_TRUE(server_.Start().ok());
    thread_ = std::thread([this] { server_.Run(); });
  }
  ~FeedServer() {
    server_.Stop();
    thread_.join();
  }
  std::string Url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(server_.port()) + std::string(path);
  }
  void Set(std::string feed) {
    std::lock_guard lock(mutex_);
    feed_ = std::move(feed);
  }
  int requests() const { return requests_; }

 private:
  static http::ServerOptions Options() {
    http::ServerOptions options;
    options.port = 0;
    options.threads = 1;
    return options;
  }
  http::Response Answer(const http::Request& request) {
    ++requests_;
    if (request.target != "/feed") return http::Response::Text(404, "no\n");
    std::lock_guard lock(mutex_);
    return http::Response::Text(200, feed_, "application/atom+xml");
  }
  std::mutex mutex_;
  std::string feed_;  // GUARDED_BY(mutex_)
  std::atomic<int> requests_{0};
  http::Server server_;
  std::thread thread_;
};

TEST_F(WidgetDataTest, TheRefresherKeepsEachFollowedBlogsNewestItem) {
  FeedServer feeds;
  feeds.Set(kAtom);
  const std::string good = feeds.Url("/feed");
  const std::string missing = feeds.Url("/missing");
  std::vector<BlogListWidget> widgets = {{"BlogList1", {good, missing}}};
  BlogListRefresher refresher(*store_,
                              [&](const Blog& blog) -> Result<std::vector<BlogListWidget>> {
                                if (blog.id != blog_.id) return std::vector<BlogListWidget>();
                                return widgets;
                              });
  const int64_t generation = Entry().blog.generation;
  ASSERT_TRUE(refresher.RefreshAll(At(5'000)).ok());
  auto items = store_->ListBlogList(blog_.id, "BlogList1");
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 1u);  // the missing feed has nothing to show yet
  EXPECT_EQ((*items)[0].item_title, "Newest & best");
  EXPECT_EQ((*items)[0].fetched, At(5'000));
  EXPECT_GT(Entry().blog.generation, generation);

  // The same items again: nothing is written, cached pages stay.
  const int64_t unchanged = Entry().blog.generation;
  ASSERT_TRUE(refresher.RefreshAll(At(6'000)).ok());
  EXPECT_EQ(Entry().blog.generation, unchanged);

  // A new post on the followed blog replaces the item.
  std::string newer = kAtom;
  newer.replace(newer.find("Newest &amp; best"), 17, "Even newer");
  newer.replace(newer.find("2022-02-03"), 10, "2022-03-01");
  feeds.Set(newer);
  ASSERT_TRUE(refresher.RefreshAll(At(7'000)).ok());
  items = store_->ListBlogList(blog_.id, "BlogList1");
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].item_title, "Even newer");

  // The feed breaks: its last item stays.
  feeds.Set("<html>down for maintenance</html>");
  ASSERT_TRUE(refresher.RefreshAll(At(8'000)).ok());
  items = store_->ListBlogList(blog_.id, "BlogList1");
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].item_title, "Even newer");

  // The owner stops following it: it goes.
  widgets[0].feed_urls = {missing};
  ASSERT_TRUE(refresher.RefreshAll(At(9'000)).ok());
  items = store_->ListBlogList(blog_.id, "BlogList1");
  ASSERT_TRUE(items.ok());
  EXPECT_TRUE(items->empty());
}

TEST_F(WidgetDataTest, TheRefresherThreadReadsAtOnceAndStops) {
  FeedServer feeds;
  feeds.Set(kRss);
  BlogListOptions options;
  options.interval = std::chrono::hours(1);
  {
    BlogListRefresher refresher(
        *store_,
        [&](const Blog&) -> Result<std::vector<BlogListWidget>> {
          return std::vector<BlogListWidget>{{"BlogList1", {feeds.Url("/feed")}}};
        },
        options);
    refresher.Start();
    for (int i = 0; i < 500; ++i) {
      auto items = store_->ListBlogList(blog_.id, "BlogList1");
      if (items.ok() && !items->empty()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }  // stops at once, without waiting for the hour
  auto items = store_->ListBlogList(blog_.id, "BlogList1");
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].item_title, "Second");
}

class ContactTest : public WidgetDataTest {
 protected:
  void SetUp() override {
    WidgetDataTest::SetUp();
    auto opened =
        ContactService::Open(*store_, ContactSettings{seconds(3), seconds(3600), 2, seconds(600)});
    ASSERT_TRUE(opened.ok());
    contact_.emplace(std::move(*opened));
  }
  ContactSubmission Form(Time shown = At(1'000'000)) {
    ContactSubmission form;
    form.token = contact_->FormToken(blog_.id, shown);
    form.name = "Ann";
    form.email = "ann@example.com";
    form.body = "Hello there";
    form.remote_address = "192.0.2.7";
    return form;
  }
  ContactOutcome Send(const ContactSubmission& form, Time now = At(1'010'000)) {
    auto outcome = contact_->Submit(blog_, form, now);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    return outcome.ok() ? *outcome : ContactOutcome{};
  }
  int Stored() {
    auto n = store_->CountContactMessages(blog_.id, "", At(0));
    return n.ok() ? *n : -1;
  }
  std::optional<ContactService> contact_;
};

TEST_F(ContactTest, AGoodMessageIsStoredWithItsSender) {
  ContactOutcome sent = Send(Form());
  EXPECT_EQ(sent.refusal, ContactRefusal::kNone) << sent.message;
  auto listed = store_->ListContactMessages(blog_.id, 10, 0);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].name, "Ann");
  EXPECT_EQ((*listed)[0].email, "ann@example.com");
  EXPECT_EQ((*listed)[0].body, "Hello there");
  EXPECT_EQ((*listed)[0].remote_address, "192.0.2.7");
  EXPECT_EQ((*listed)[0].sent, At(1'010'000));
}

TEST_F(ContactTest, RefusalsStoreNothing) {
  struct Case {
    const char* what;
    std::function<void(ContactSubmission&)> change;
    ContactRefusal refusal;
  };
  const std::vector<Case> cases = {
      {"honeypot", [](ContactSubmission& f) { f.honeypot = "http://spam"; },
       ContactRefusal::kInvalid},
      {"no token", [](ContactSubmission& f) { f.token.clear(); }, ContactRefusal::kForbidden},
      {"forged token", [](ContactSubmission& f) { f.token[f.token.size() - 2] ^= 1; },
       ContactRefusal::kForbidden},
      {"empty message", [](ContactSubmission& f) { f.body = " \n "; }, ContactRefusal::kInvalid},
      {"too long", [](ContactSubmission& f) { f.body = std::string(kMaxContactBody + 1, 'x'); },
       ContactRefusal::kInvalid},
      {"bad email", [](ContactSubmission& f) { f.email = "ann at example"; },
       ContactRefusal::kInvalid},
      {"no email", [](ContactSubmission& f) { f.email = ""; }, ContactRefusal::kInvalid},
      {"not UTF-8", [](ContactSubmission& f) { f.body = "\xff\xfe"; }, ContactRefusal::kInvalid},
      {"long name", [](ContactSubmission& f) { f.name = std::string(kMaxContactName + 1, 'n'); },
       ContactRefusal::kInvalid},
  };
  for (const Case& c : cases) {
    ContactSubmission form = Form();
    c.change(form);
    ContactOutcome outcome = Send(form);
    EXPECT_EQ(outcome.refusal, c.refusal) << c.what;
    EXPECT_FALSE(outcome.message.empty()) << c.what;
  }
  // Another blog's token, one shown a moment ago, one expired.
  Blog other = CreateBlog("b.test", "B");
  ContactSubmission form = Form();
  form.token = contact_->FormToken(other.id, At(1'000'000));
  EXPECT_EQ(Send(form).refusal, ContactRefusal::kForbidden);
  EXPECT_EQ(Send(Form(), At(1'001'000)).refusal, ContactRefusal::kTooSoon);
  EXPECT_EQ(Send(Form(), At(1'000'000 + 3'601'000)).refusal, ContactRefusal::kForbidden);
  EXPECT_EQ(Stored(), 0);
}

TEST_F(ContactTest, OneAddressMaySendOnlySoMany) {
  EXPECT_EQ(Send(Form()).refusal, ContactRefusal::kNone);
  EXPECT_EQ(Send(Form()).refusal, ContactRefusal::kNone);
  ContactOutcome third = Send(Form());
  EXPECT_EQ(third.refusal, ContactRefusal::kTooSoon);
  EXPECT_EQ(third.retry_after_seconds, 600);
  ContactSubmission elsewhere = Form();
  elsewhere.remote_address = "192.0.2.8";
  EXPECT_EQ(Send(elsewhere).refusal, ContactRefusal::kNone);
  // After the window, the first address may send again.
  EXPECT_EQ(Send(Form(), At(1'010'000 + 601'000)).refusal, ContactRefusal::kNone);
  EXPECT_EQ(Stored(), 4);
}

std::vector<blogger::SectionInfo> Sections(std::vector<blogger::WidgetInfo> widgets) {
  blogger::SectionInfo section;
  section.id = "sidebar";
  section.widgets = std::move(widgets);
  return {section};
}

blogger::WidgetInfo Widget(std::string id, std::string type,
                           std::vector<std::pair<std::string, std::string>> settings = {}) {
  blogger::WidgetInfo widget;
  widget.id = std::move(id);
  widget.type = std::move(type);
  widget.settings = std::move(settings);
  return widget;
}

TEST_F(WidgetDataTest, APagesWidgetsGetTheMostViewedPostsAndTheBlogLists) {
  Publish("a", 1'000);
  Publish("b", 2'000);
  Publish("c", 3'000);
  const int64_t today = ToEpochMillis(Now()) / kDay;
  ASSERT_TRUE(store_->AddPageViews(blog_.id, today - 20, {{"/2022/01/a.html", 9}}).ok());
  ASSERT_TRUE(
      store_->AddPageViews(blog_.id, today, {{"/2022/01/b.html", 2}, {"/2022/01/c.html", 3}}).ok());
  store::BlogListEntry older{"http://x.test/feed",
                             "X",
                             "http://x.test/",
                             "x item",
                             "http://x.test/1",
                             "",
                             "",
                             At(1'000),
                             At(1)};
  store::BlogListEntry newer{"http://y.test/feed",
                             "Y",
                             "http://y.test/",
                             "y item",
                             "http://y.test/1",
                             "",
                             "",
                             At(2'000),
                             At(1)};
  ASSERT_TRUE(store_->ReplaceBlogList(blog_.id, "BlogList1", {older, newer}).ok());

  auto contact = ContactService::Open(*store_);
  ASSERT_TRUE(contact.ok());
  WidgetSourceCache cache(*store_, std::chrono::hours(1));
  auto fill = [&](const std::vector<blogger::SectionInfo>& sections) {
    render::WidgetSources sources;
    const bool token = cache.Fill(Entry(), sections, "https://a.test", &*contact, Now(), sources);
    return std::make_pair(sources, token);
  };
  auto [all_time, no_token] =
      fill(Sections({Widget("PopularPosts1", "PopularPosts", {{"numItemsToShow", "2"}}),
                     Widget("BlogList1", "BlogList")}));
  EXPECT_FALSE(no_token);
  ASSERT_EQ(all_time.popular_posts.size(), 2u);
  EXPECT_EQ(all_time.popular_posts[0].title, "Post a");
  EXPECT_EQ(all_time.popular_posts[1].title, "Post c");
  EXPECT_EQ(all_time.popular_posts[0].url, "/2022/01/a.html");
  EXPECT_EQ(all_time.popular_posts[0].description, "About a");
  ASSERT_TRUE(all_time.blog_list);
  const auto items = all_time.blog_list("BlogList1");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].blog_title, "Y");  // newest first
  EXPECT_EQ(items[1].item_url, "http://x.test/1");
  EXPECT_TRUE(all_time.blog_list("BlogList9").empty());

  // Within the TTL and the generation, the store is not read again: new views wait.
  ASSERT_TRUE(store_->AddPageViews(blog_.id, today, {{"/2022/01/b.html", 100}}).ok());
  EXPECT_EQ(fill(Sections({Widget("PopularPosts1", "PopularPosts")})).first.popular_posts[0].title,
            "Post a");
  // A new generation reads them (the week's range now: a's views are older).
  Blog changed = Entry().blog;
  changed.title = "A again";
  ASSERT_TRUE(store_->UpdateBlog(changed).ok());
  auto [week, with_token] =
      fill(Sections({Widget("PopularPosts1", "PopularPosts", {{"timeRange", "LAST_WEEK"}}),
                     Widget("ContactForm1", "ContactForm")}));
  ASSERT_EQ(week.popular_posts.size(), 2u);
  EXPECT_EQ(week.popular_posts[0].title, "Post b");
  EXPECT_EQ(week.popular_posts[1].title, "Post c");
  EXPECT_TRUE(with_token);
  EXPECT_FALSE(week.contact_form_token.empty());
}

TEST_F(WidgetDataTest, ATimeToLiveOfZeroReadsEveryTime) {
  Publish("a", 1'000);
  WidgetSourceCache cache(*store_, std::chrono::milliseconds(0));
  const auto sections = Sections({Widget("PopularPosts1", "PopularPosts")});
  render::WidgetSources sources;
  cache.Fill(Entry(), sections, "https://a.test", nullptr, Now(), sources);
  EXPECT_TRUE(sources.popular_posts.empty());  // never viewed: not listed
  ASSERT_TRUE(
      store_->AddPageViews(blog_.id, ToEpochMillis(Now()) / kDay, {{"/2022/01/a.html", 1}}).ok());
  cache.Fill(Entry(), sections, "https://a.test", nullptr, Now(), sources);
  ASSERT_EQ(sources.popular_posts.size(), 1u);
  EXPECT_EQ(sources.popular_posts[0].title, "Post a");
}

}  // namespace
}  // namespace samizdat::service
