// The admin's page handlers, one namespace per page module (the file of the same name),
// each named by a row of the route table (web/routes.cc). A handler runs after the
// admin's pipeline checked its row's access and CSRF (context.h says what it may rely on).
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "core/status.h"
#include "http/server.h"
#include "web/admin/context.h"

namespace samizdat::web::admin {

// Any /admin path no row names: the 404 page in the layout (admin.cc).
http::Response NoSuchPage(Context& c);

namespace auth_pages {
http::Response Home(Context& c);  // /admin: to the posts
http::Response ShowSignIn(Context& c);
http::Response SignIn(Context& c);
http::Response SignOut(Context& c);
http::Response SignOutEverywhere(Context& c);
http::Response ShowPassword(Context& c);
http::Response ChangePassword(Context& c);
// The account page (/admin/password): the password form, with `error` in it, and the
// two-step sign-in section, with `two_step_error` in it.
http::Response PasswordPage(Context& c, int status, std::string_view error,
                            std::string_view two_step_error);
// A one-time sign-in link (`samizdat user reset`): the form, and the new password set.
http::Response ShowReset(Context& c);
http::Response Reset(Context& c);
}  // namespace auth_pages

// Two-step sign-in (TOTP), a section of the account page: turn on (a new secret waits),
// confirm (the app's first code makes it active), turn off (password and a code).
namespace two_step_pages {
// The section's template values (password.mustache), with `error` shown in it.
Result<boost::json::object> Section(Context& c, std::string_view error);
http::Response Start(Context& c);
http::Response Confirm(Context& c);
http::Response TurnOff(Context& c);
}  // namespace two_step_pages

// The lists of posts and of pages (the kind is the path's: /admin/posts, /admin/pages).
namespace post_pages {
http::Response List(Context& c);
http::Response Bulk(Context& c);  // publish, unpublish or delete the ticked ones
}  // namespace post_pages

// The editor of a post or page: new, edit, save (draft, publish, schedule), autosave,
// preview, delete.
namespace editor_pages {
http::Response NewEditor(Context& c);
http::Response Create(Context& c);
http::Response ShowEditor(Context& c);
http::Response Save(Context& c);
http::Response Autosave(Context& c);
http::Response Preview(Context& c);
http::Response Delete(Context& c);
}  // namespace editor_pages

// A post's or page's revisions: the list, one, restoring one.
namespace revision_pages {
http::Response ListRevisions(Context& c);
http::Response ShowRevision(Context& c);
http::Response Restore(Context& c);
}  // namespace revision_pages

// Comment moderation and the author's replies.
namespace comment_pages {
http::Response List(Context& c);
http::Response Bulk(Context& c);
http::Response Reply(Context& c);
}  // namespace comment_pages

// The messages readers sent with the ContactForm widget (service/contact.h): the list,
// newest first, and deleting one.
namespace message_pages {
http::Response List(Context& c);
http::Response Delete(Context& c);
}  // namespace message_pages

namespace settings_pages {
http::Response Show(Context& c);
http::Response Save(Context& c);
}  // namespace settings_pages

namespace media_pages {
http::Response List(Context& c);
http::Response Upload(Context& c);
http::Response Delete(Context& c);
}  // namespace media_pages

// The blog's theme: the default or a Blogger theme — download, restore from a file, edit
// the XML, revert to the default (theme_pages.cc).
namespace theme_pages {
http::Response Show(Context& c);
http::Response Download(Context& c);
http::Response Restore(Context& c);
http::Response ShowEditor(Context& c);
http::Response Save(Context& c);
http::Response ShowRevert(Context& c);
http::Response Revert(Context& c);
}  // namespace theme_pages

// A Blogger theme's sections and gadgets: order, title, show/hide, settings, remove, add
// (layout_pages.cc).
namespace layout_pages {
http::Response Show(Context& c);
http::Response Move(Context& c);
http::Response SaveWidget(Context& c);
http::Response SetVisibility(Context& c);
http::Response Remove(Context& c);
http::Response Add(Context& c);
}  // namespace layout_pages

// Import (an upload, then its progress page), fetching the old blog's files again (the
// same progress page) and export.
namespace transfer_pages {
http::Response Show(Context& c);
http::Response Import(Context& c);
http::Response FetchMedia(Context& c);
http::Response Progress(Context& c);
http::Response Export(Context& c);
}  // namespace transfer_pages

}  // namespace samizdat::web::admin
