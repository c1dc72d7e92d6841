// MakeRouter end to end without a network: requests handed to the router over a real
// SQLite store reach the row's handler, and unknown paths and methods get the site's or
// the admin's 404 and 405.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "../service/test_store.h"
#include "service/accounts.h"
#include "service/comments.h"
#include "web/routes.h"

namespace samizdat::web {
namespace {

class RouterTest : public service::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    CreateBlog("a.test", "A");
    auto comments = service::CommentService::Open(*store_, service::CommentSettings{});
    ASSERT_TRUE(comments.ok()) << comments.status().ToString();
    comments_.emplace(std::move(*comments));
    auto accounts = service::AccountService::Open(*store_);
    ASSERT_TRUE(accounts.ok()) << accounts.status().ToString();
    accounts_.emplace(std::move(*accounts));
    SiteOptions options;
    options.cache_pages = false;
    site_ = std::make_unique<Site>(*store_, *comments_, render::Theme::Default(), options);
    auto admin =
        admin::Admin::Create(*store_, *comments_, *accounts_, site_->blogs(), site_->themes());
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    admin_ = std::move(*admin);
    metrics_ = std::make_unique<MetricsPage>(RouteTable(), "");
    router_ = MakeRouter(*site_, *admin_, *metrics_);
  }

  void TearDown() override {
    router_ = nullptr;
    metrics_.reset();
    admin_.reset();
    site_.reset();
    accounts_.reset();
    comments_.reset();
    StoreTest::TearDown();
  }

  http::Response Send(std::string method, std::string target) {
    http::Request request;
    request.method = std::move(method);
    request.target = std::move(target);
    request.host = "a.test";
    return router_(request);
  }

  static std::string HeaderOf(const http::Response& response, std::string_view name) {
    for (const http::Header& header : response.headers) {
      if (header.name == name) return header.value;
    }
    return "";
  }

  std::optional<service::CommentService> comments_;
  std::optional<service::AccountService> accounts_;
  std::unique_ptr<Site> site_;
  std::unique_ptr<admin::Admin> admin_;
  std::unique_ptr<MetricsPage> metrics_;
  http::Handler router_;
};

TEST_F(RouterTest, RowsReachTheirHandlers) {
  http::Response health = Send("GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(*health.body, "ok\n");
  EXPECT_EQ(Send("GET", "/").status, 200);
  EXPECT_EQ(Send("GET", "/search/label/A%20b").status, 200);
  http::Response rss = Send("GET", "/feeds/posts/default?alt=rss");
  EXPECT_EQ(rss.status, 200);
  EXPECT_EQ(HeaderOf(rss, "Content-Type").rfind("application/rss+xml", 0), 0u);
  http::Response robots = Send("GET", "/robots.txt");
  EXPECT_EQ(robots.status, 200);
  EXPECT_NE(robots.body->find("Sitemap: http://a.test/sitemap.xml"), std::string::npos);
}

TEST_F(RouterTest, UnknownPublicPathsGetTheThemed404AndFeedsTheirOwn) {
  http::Response page = Send("GET", "/2030/01/nothing.html");
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(HeaderOf(page, "Content-Type"), "text/html; charset=utf-8");
  http::Response feed = Send("GET", "/feeds/nothing");
  EXPECT_EQ(feed.status, 404);
  EXPECT_EQ(*feed.body, "no feed at this address\n");
  EXPECT_EQ(Send("GET", "/media/nothing.png").status, 404);
}

TEST_F(RouterTest, AnotherMethodIs405WithAllow) {
  http::Response response = Send("POST", "/");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(HeaderOf(response, "Allow"), "GET, HEAD");
  EXPECT_EQ(Send("GET", "/comment").status, 405);
}

TEST_F(RouterTest, TheAdminAnswersItsOwnPaths) {
  http::Response missing = Send("GET", "/admin/no-such-page");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(HeaderOf(missing, "Content-Type"), "text/html; charset=utf-8");
  http::Response put = Send("PUT", "/admin/posts");
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(HeaderOf(put, "Allow"), "GET, HEAD");
  EXPECT_EQ(HeaderOf(put, "Content-Type"), "text/html; charset=utf-8");
  // An author's page asks a visitor to sign in first, and comes back after.
  http::Response posts = Send("GET", "/admin/posts");
  EXPECT_EQ(posts.status, 303);
  EXPECT_EQ(HeaderOf(posts, "Location"), "/admin/sign-in?next=%2Fadmin%2Fposts");
  // A POST of an author's page without a session changes nothing.
  EXPECT_EQ(Send("POST", "/admin/posts/bulk").status, 403);
  EXPECT_EQ(Send("GET", "/admin/sign-in").status, 200);
}

TEST_F(RouterTest, ATargetThatIsNoPathIs400AndTheAdminsKeepsItsHeaders) {
  http::Response site = Send("GET", "/search?q=%zz");
  EXPECT_EQ(site.status, 400);
  EXPECT_EQ(HeaderOf(site, "X-Frame-Options"), "");
  http::Response admin = Send("GET", "/admin/posts?q=%zz");
  EXPECT_EQ(admin.status, 400);
  EXPECT_EQ(HeaderOf(admin, "X-Frame-Options"), "DENY");
  EXPECT_NE(HeaderOf(admin, "Cache-Control").find("no-store"), std::string::npos);
}

}  // namespace
}  // namespace samizdat::web
