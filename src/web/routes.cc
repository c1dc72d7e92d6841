// The route table of samizdat's HTTP surface, and the router that runs it.
#include "web/routes.h"

#include <vector>

#include "web/admin/pages.h"
#include "web/admin/session_cookie.h"
#include "web/origin_check.h"

namespace samizdat::web {
namespace {

using enum Access;
using SiteHandler = http::Response (Site::*)(const http::Request&, const RouteMatch&);
using AdminFileHandler = http::Response (admin::Admin::*)(const http::Request&, const RouteMatch&);

// A handler of the public site (site.h).
RouteHandler OnSite(SiteHandler handler) {
  return [handler](Handlers& h, const http::Request& request, const RouteMatch& match) {
    return (h.site.*handler)(request, match);
  };
}

// An admin page (admin/pages.h), reached through the admin's pipeline, which checks the
// row's access and CSRF first.
RouteHandler AdminPage(admin::Admin::PageHandler page) {
  return [page](Handlers& h, const http::Request& request, const RouteMatch& match) {
    return h.admin.Handle(request, match, page);
  };
}

// A file of the admin that needs no blog and no session (admin/admin.h).
RouteHandler AdminFile(AdminFileHandler handler) {
  return [handler](Handlers& h, const http::Request& request, const RouteMatch& match) {
    return (h.admin.*handler)(request, match);
  };
}

// Prometheus's scrape (metrics_page.h: loopback or a token).
http::Response Metrics(Handlers& h, const http::Request& request, const RouteMatch&) {
  return h.metrics.Handle(request);
}

// A comment form: 4,096 characters of up to 4 UTF-8 bytes, each percent-encoded (x3),
// plus the name, the website and the token.
constexpr std::size_t kCommentFormLimit = 128 * 1024;
// The editor's form: a long post (its Markdown and the labels) with room to spare.
constexpr std::size_t kFormLimit = 4 * 1024 * 1024;
// An image upload (service::kMaxMediaBytes) and its multipart framing.
constexpr std::size_t kMediaUploadLimit = 11 * 1024 * 1024;
// A theme's XML, uploaded or percent-encoded (up to 3 bytes a byte) from the Edit HTML
// form: Blogger's largest themes are about 1 MB.
constexpr std::size_t kThemeLimit = 16 * 1024 * 1024;
// An export file uploaded for import: Blogger's and WordPress's exports of large blogs.
constexpr std::size_t kImportUploadLimit = 256 * 1024 * 1024;

const std::vector<Route>& Table() {
  // Each row: methods, pattern, access, CSRF, body limit, handler. Rows are tried in
  // order; {rest...} rows only for paths no other row matches.
  static const std::vector<Route> kTable = {
      // For load balancers and monitors: 200, or 503 while the store does not answer.
      {"GET", "/healthz", kPublic, false, 0, OnSite(&Site::Health)},
      {"GET", "/metrics", kPublic, false, 0, Metrics},
      // ACME's HTTP-01 challenge, for automatic HTTPS certificates (service/certificates.h).
      {"GET", "/.well-known/acme-challenge/{file}", kPublic, false, 0,
       OnSite(&Site::AcmeChallenge)},

      // The public pages (site_pages.h builds them).
      // The home page; with WordPress's ?p=, ?page_id=, ?cat=, ?tag=, ?feed=, ... the old
      // address's new place, or 404 (wordpress_urls.h).
      {"GET", "/", kPublic, false, 0, OnSite(&Site::HomePage)},
      {"GET", "/index.html", kPublic, false, 0, OnSite(&Site::IndexPage)},
      {"GET", "/search/?", kPublic, false, 0, OnSite(&Site::SearchPage)},
      {"GET", "/search/label/{label...}", kPublic, false, 0, OnSite(&Site::LabelPage)},
      {"GET", "/{yyyy}/{mm}/{slug}.html", kPublic, false, 0, OnSite(&Site::PostPage)},
      {"GET", "/p/{slug}.html", kPublic, false, 0, OnSite(&Site::StaticPage)},
      {"GET", "/{yyyy}/?", kPublic, false, 0, OnSite(&Site::YearArchive)},
      {"GET", "/{yyyy}/{mm}/?", kPublic, false, 0, OnSite(&Site::MonthArchive)},
      {"GET", "/{yyyy}_{mm}_{dd}_archive.html", kPublic, false, 0, OnSite(&Site::OldArchive)},
      // WordPress's day archive: 301 to the month's (wordpress_urls.h).
      {"GET", "/{yyyy}/{mm}/{dd}/?", kPublic, false, 0, OnSite(&Site::WordPressAddress)},

      // Feeds at Blogger's URLs and aliases (feed_pages.h builds them), and the documents
      // machines read beside them.
      {"GET", "/feeds/posts/{projection}", kPublic, false, 0, OnSite(&Site::PostsFeed)},
      {"GET", "/feeds/posts/{projection}/-/{labels...}", kPublic, false, 0,
       OnSite(&Site::LabelFeed)},
      {"GET", "/feeds/posts/{projection}/{postid}", kPublic, false, 0, OnSite(&Site::PostFeed)},
      {"GET", "/feeds/comments/{projection}", kPublic, false, 0, OnSite(&Site::BlogCommentsFeed)},
      {"GET", "/feeds/{postid}/comments/{projection}", kPublic, false, 0,
       OnSite(&Site::PostCommentsFeed)},
      {"GET", "/feeds/{postid}/comments/{projection}/{commentid}", kPublic, false, 0,
       OnSite(&Site::CommentFeed)},
      {"GET", "/feeds/{rest...}", kPublic, false, 0, OnSite(&Site::NoFeed)},
      // WordPress's feeds, for blogs that moved from WordPress: 301 to the matching feed
      // above (wordpress_urls.h); RSS 2.0 (alt=rss) but for the Atom ones.
      {"GET", "/feed/?", kPublic, false, 0, OnSite(&Site::WordPressAddress)},
      {"GET", "/feed/rss2/?", kPublic, false, 0, OnSite(&Site::WordPressAddress)},
      {"GET", "/feed/rss/?", kPublic, false, 0, OnSite(&Site::WordPressAddress)},
      {"GET", "/feed/rdf/?", kPublic, false, 0, OnSite(&Site::WordPressAddress)},
      {"GET", "/feed/atom/?", kPublic, false, 0, OnSite(&Site::WordPressAddress)},
      {"GET", "/comments/feed/?", kPublic, false, 0, OnSite(&Site::WordPressAddress)},
      {"GET", "/comments/feed/atom/?", kPublic, false, 0, OnSite(&Site::WordPressAddress)},
      {"GET", "/wp-rss2.php", kPublic, false, 0, OnSite(&Site::WordPressAddress)},
      {"GET", "/wp-rss.php", kPublic, false, 0, OnSite(&Site::WordPressAddress)},
      {"GET", "/wp-rdf.php", kPublic, false, 0, OnSite(&Site::WordPressAddress)},
      {"GET", "/wp-atom.php", kPublic, false, 0, OnSite(&Site::WordPressAddress)},
      {"GET", "/wp-commentsrss2.php", kPublic, false, 0, OnSite(&Site::WordPressAddress)},
      {"GET", "/atom.xml", kPublic, false, 0, OnSite(&Site::AtomFeed)},
      {"GET", "/rss.xml", kPublic, false, 0, OnSite(&Site::RssFeed)},
      {"GET", "/feed.json", kPublic, false, 0, OnSite(&Site::JsonFeed)},
      {"GET", "/sitemap.xml", kPublic, false, 0, OnSite(&Site::Sitemap)},
      {"GET", "/robots.txt", kPublic, false, 0, OnSite(&Site::RobotsTxt)},

      // Uploaded images, named by their hash; the comment form; the contact form.
      {"GET", "/media/{hash}.{ext}", kPublic, false, 0, OnSite(&Site::MediaFile)},
      {"GET", "/media/{rest...}", kPublic, false, 0, OnSite(&Site::NoMediaFile)},
      {"POST", "/comment", kPublic, false, kCommentFormLimit, OnSite(&Site::PostComment)},
      // The contact form's page and the ContactForm widget's message (contact_form.cc).
      {"GET", "/contact-form", kPublic, false, 0, OnSite(&Site::ContactPage)},
      {"POST", "/contact-form", kPublic, false, kCommentFormLimit, OnSite(&Site::PostContact)},

      // The admin's script and style sheet.
      {"GET", "/admin/static/{version}/{file}", kPublic, false, 0,
       AdminFile(&admin::Admin::StaticFile)},
      {"GET", "/admin/static/{rest...}", kPublic, false, 0, AdminFile(&admin::Admin::NoStaticFile)},

      // The admin: signing in and out, the password, two-step sign-in, one-time sign-in links.
      {"GET", "/admin/?", kAuthor, false, 0, AdminPage(admin::auth_pages::Home)},
      {"GET", "/admin/sign-in/?", kAnyone, false, 0, AdminPage(admin::auth_pages::ShowSignIn)},
      {"POST", "/admin/sign-in/?", kAnyone, true, kFormLimit, AdminPage(admin::auth_pages::SignIn)},
      {"POST", "/admin/sign-out/?", kSignedIn, true, kFormLimit,
       AdminPage(admin::auth_pages::SignOut)},
      {"POST", "/admin/sign-out-everywhere/?", kSignedIn, true, kFormLimit,
       AdminPage(admin::auth_pages::SignOutEverywhere)},
      {"GET", "/admin/password/?", kSignedIn, false, 0, AdminPage(admin::auth_pages::ShowPassword)},
      {"POST", "/admin/password/?", kSignedIn, true, kFormLimit,
       AdminPage(admin::auth_pages::ChangePassword)},
      // Two-step sign-in, a section of the password page (TOTP: turn on, confirm, turn off).
      {"POST", "/admin/two-step/start/?", kSignedIn, true, kFormLimit,
       AdminPage(admin::two_step_pages::Start)},
      {"POST", "/admin/two-step/confirm/?", kSignedIn, true, kFormLimit,
       AdminPage(admin::two_step_pages::Confirm)},
      {"POST", "/admin/two-step/off/?", kSignedIn, true, kFormLimit,
       AdminPage(admin::two_step_pages::TurnOff)},
      {"GET", "/admin/reset/?", kAnyone, false, 0, AdminPage(admin::auth_pages::ShowReset)},
      {"POST", "/admin/reset/?", kAnyone, true, kFormLimit, AdminPage(admin::auth_pages::Reset)},

      // Posts and pages: the lists, the editor, the revisions.
      {"GET", "/admin/posts/?", kAuthor, false, 0, AdminPage(admin::post_pages::List)},
      {"POST", "/admin/posts/bulk/?", kAuthor, true, kFormLimit,
       AdminPage(admin::post_pages::Bulk)},
      {"GET", "/admin/posts/new/?", kAuthor, false, 0, AdminPage(admin::editor_pages::NewEditor)},
      {"POST", "/admin/posts/new/?", kAuthor, true, kFormLimit,
       AdminPage(admin::editor_pages::Create)},
      {"GET", "/admin/posts/{id}/?", kAuthor, false, 0, AdminPage(admin::editor_pages::ShowEditor)},
      {"POST", "/admin/posts/{id}/?", kAuthor, true, kFormLimit,
       AdminPage(admin::editor_pages::Save)},
      {"POST", "/admin/posts/{id}/autosave/?", kAuthor, true, kFormLimit,
       AdminPage(admin::editor_pages::Autosave)},
      {"POST", "/admin/posts/{id}/delete/?", kAuthor, true, kFormLimit,
       AdminPage(admin::editor_pages::Delete)},
      {"GET", "/admin/posts/{id}/revisions/?", kAuthor, false, 0,
       AdminPage(admin::revision_pages::ListRevisions)},
      {"GET", "/admin/posts/{id}/revisions/{rid}/?", kAuthor, false, 0,
       AdminPage(admin::revision_pages::ShowRevision)},
      {"POST", "/admin/posts/{id}/revisions/{rid}/restore/?", kAuthor, true, kFormLimit,
       AdminPage(admin::revision_pages::Restore)},
      {"GET", "/admin/pages/?", kAuthor, false, 0, AdminPage(admin::post_pages::List)},
      {"POST", "/admin/pages/bulk/?", kAuthor, true, kFormLimit,
       AdminPage(admin::post_pages::Bulk)},
      {"GET", "/admin/pages/new/?", kAuthor, false, 0, AdminPage(admin::editor_pages::NewEditor)},
      {"POST", "/admin/pages/new/?", kAuthor, true, kFormLimit,
       AdminPage(admin::editor_pages::Create)},
      {"GET", "/admin/pages/{id}/?", kAuthor, false, 0, AdminPage(admin::editor_pages::ShowEditor)},
      {"POST", "/admin/pages/{id}/?", kAuthor, true, kFormLimit,
       AdminPage(admin::editor_pages::Save)},
      {"POST", "/admin/pages/{id}/autosave/?", kAuthor, true, kFormLimit,
       AdminPage(admin::editor_pages::Autosave)},
      {"POST", "/admin/pages/{id}/delete/?", kAuthor, true, kFormLimit,
       AdminPage(admin::editor_pages::Delete)},
      {"GET", "/admin/pages/{id}/revisions/?", kAuthor, false, 0,
       AdminPage(admin::revision_pages::ListRevisions)},
      {"GET", "/admin/pages/{id}/revisions/{rid}/?", kAuthor, false, 0,
       AdminPage(admin::revision_pages::ShowRevision)},
      {"POST", "/admin/pages/{id}/revisions/{rid}/restore/?", kAuthor, true, kFormLimit,
       AdminPage(admin::revision_pages::Restore)},
      {"POST", "/admin/preview/?", kAuthor, true, kFormLimit,
       AdminPage(admin::editor_pages::Preview)},

      // Comments, contact messages, settings, media, import and export.
      {"GET", "/admin/comments/?", kOwner, false, 0, AdminPage(admin::comment_pages::List)},
      {"POST", "/admin/comments/bulk/?", kOwner, true, kFormLimit,
       AdminPage(admin::comment_pages::Bulk)},
      {"POST", "/admin/comments/{id}/reply/?", kOwner, true, kFormLimit,
       AdminPage(admin::comment_pages::Reply)},
      {"GET", "/admin/messages/?", kOwner, false, 0, AdminPage(admin::message_pages::List)},
      {"POST", "/admin/messages/{id}/delete/?", kOwner, true, kFormLimit,
       AdminPage(admin::message_pages::Delete)},
      {"GET", "/admin/settings/?", kOwner, false, 0, AdminPage(admin::settings_pages::Show)},
      {"POST", "/admin/settings/?", kOwner, true, kFormLimit,
       AdminPage(admin::settings_pages::Save)},
      // The theme (default or Blogger) and a Blogger theme's layout.
      {"GET", "/admin/theme/?", kOwner, false, 0, AdminPage(admin::theme_pages::Show)},
      {"GET", "/admin/theme/download/?", kOwner, false, 0, AdminPage(admin::theme_pages::Download)},
      {"POST", "/admin/theme/restore/?", kOwner, true, kThemeLimit,
       AdminPage(admin::theme_pages::Restore)},
      {"GET", "/admin/theme/edit/?", kOwner, false, 0, AdminPage(admin::theme_pages::ShowEditor)},
      {"POST", "/admin/theme/edit/?", kOwner, true, kThemeLimit,
       AdminPage(admin::theme_pages::Save)},
      {"GET", "/admin/theme/revert/?", kOwner, false, 0, AdminPage(admin::theme_pages::ShowRevert)},
      {"POST", "/admin/theme/revert/?", kOwner, true, kFormLimit,
       AdminPage(admin::theme_pages::Revert)},
      {"GET", "/admin/layout/?", kOwner, false, 0, AdminPage(admin::layout_pages::Show)},
      {"POST", "/admin/layout/move/?", kOwner, true, kFormLimit,
       AdminPage(admin::layout_pages::Move)},
      {"POST", "/admin/layout/widget/?", kOwner, true, kFormLimit,
       AdminPage(admin::layout_pages::SaveWidget)},
      {"POST", "/admin/layout/visibility/?", kOwner, true, kFormLimit,
       AdminPage(admin::layout_pages::SetVisibility)},
      {"POST", "/admin/layout/remove/?", kOwner, true, kFormLimit,
       AdminPage(admin::layout_pages::Remove)},
      {"POST", "/admin/layout/add/?", kOwner, true, kFormLimit,
       AdminPage(admin::layout_pages::Add)},
      {"GET", "/admin/media/?", kAuthor, false, 0, AdminPage(admin::media_pages::List)},
      {"POST", "/admin/media/?", kAuthor, true, kMediaUploadLimit,
       AdminPage(admin::media_pages::Upload)},
      {"POST", "/admin/media/{hash}/delete/?", kOwner, true, kFormLimit,
       AdminPage(admin::media_pages::Delete)},
      {"GET", "/admin/transfer/?", kOwner, false, 0, AdminPage(admin::transfer_pages::Show)},
      {"POST", "/admin/import/?", kOwner, true, kImportUploadLimit,
       AdminPage(admin::transfer_pages::Import)},
      {"GET", "/admin/import/{job}/?", kOwner, false, 0,
       AdminPage(admin::transfer_pages::Progress)},
      // The files an import could not fetch, fetched again (a job as an import's).
      {"POST", "/admin/media/fetch/?", kOwner, true, kFormLimit,
       AdminPage(admin::transfer_pages::FetchMedia)},
      {"GET", "/admin/export/?", kOwner, false, 0, AdminPage(admin::transfer_pages::Export)},
      // Any other admin path: the admin's 404 page (POST too: no 405 for a typo).
      {"GET POST", "/admin/{rest...}", kAnyone, false, kFormLimit, AdminPage(admin::NoSuchPage)},

      // Any other path: the themed 404 page, or 301 where an old address of the blog leads
      // now (an imported post's permalink, /category/X/, /tag/X/feed/: wordpress_urls.h).
      {"GET", "/{rest...}", kPublic, false, 0, OnSite(&Site::NotFoundPage)},
  };
  return kTable;
}

}  // namespace

std::span<const Route> RouteTable() { return Table(); }

namespace {

// The answer of the row the router found (or its 400, 404 or 405).
http::Response Answer(Handlers& handlers, const http::Request& request, const Routed& routed) {
  switch (routed.status) {
    case 200: {
      // CSRF by origin, for every state change, before any handler reads the form.
      if (request.method != "GET" && !FromOwnOrigin(request)) {
        if (routed.match.route->access == kPublic) {
          return http::Response::Text(403, std::string(kForeignFormMessage) + "\n");
        }
        return handlers.admin.Refuse(request, routed.match, 403, kForeignFormMessage);
      }
      return routed.match.route->handle(handlers, request, routed.match);
    }
    case 400: {
      http::Response response =
          http::Response::Text(400, "The request target is not a valid URL path.\n");
      // Under /admin, the headers of every admin answer (not cached, not framed).
      if (request.target.starts_with("/admin")) admin::AddAdminHeaders(response);
      return response;
    }
    case 405: {
      if (routed.match.route->access != kPublic) {
        return handlers.admin.NotAllowed(request, routed);
      }
      http::Response response =
          http::Response::Text(405, request.method + " is not allowed here.\n");
      response.headers.push_back({"Allow", routed.allow});
      return response;
    }
  }
  return http::Response::Text(404, "Not found.\n");
}

}  // namespace

http::Handler MakeRouter(Site& site, admin::Admin& admin, MetricsPage& metrics) {
  return [handlers = Handlers{site, admin, metrics}](const http::Request& request) mutable {
    const Routed routed = FindRoute(RouteTable(), request.method, request.target);
    http::Response response = Answer(handlers, request, routed);
    handlers.metrics.Count(routed.match.route, response.status);
    return response;
  };
}

std::size_t BodyLimitFor(const http::Request& head) {
  // Only POST rows take a body, so a GET or HEAD (a cached page) is routed once, not twice.
  if (head.method == "GET" || head.method == "HEAD") return 0;
  const Routed routed = FindRoute(RouteTable(), head.method, head.target);
  return routed.match.route == nullptr ? 0 : routed.match.route->body_limit;
}

}  // namespace samizdat::web
