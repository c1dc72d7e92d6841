// Admin pages: messages — what readers sent with the blog's ContactForm widget, newest
// first, and deleting one.
#include <string>

#include "core/time.h"
#include "web/admin/context.h"
#include "web/admin/pages.h"

namespace samizdat::web::admin {
namespace message_pages {

constexpr int kPerPage = 50;

std::string ListUrl(int page) {
  return page > 1 ? "/admin/messages?page=" + std::to_string(page) : "/admin/messages";
}

http::Response List(Context& c) {
  const int page = PageNumber(c.query);
  // One more than shown tells whether there is a next page.
  auto messages =
      c.services.store.ListContactMessages(c.blog.id, kPerPage + 1, (page - 1) * kPerPage);
  if (!messages.ok()) return c.Error("Cannot read the messages", messages.status());
  const bool more = static_cast<int>(messages->size()) > kPerPage;
  if (more) messages->pop_back();
  auto zone = TimeZone::Find(c.blog.time_zone);
  if (!zone.ok()) zone = TimeZone::Utc();
  boost::json::array rows;
  for (const store::ContactMessage& message : *messages) {
    rows.push_back({{"id", std::to_string(message.id)},
                    {"name", message.name.empty() ? "(no name)" : message.name},
                    {"email", message.email},
                    {"body", message.body},
                    {"address", message.remote_address},
                    {"time", FormatPattern(message.sent, *zone, "yyyy-MM-dd HH:mm")},
                    {"iso_time", FormatRfc3339(message.sent, *zone)}});
  }
  const bool empty = rows.empty();
  return c.Page(200, "Messages", "messages",
                {{"messages", std::move(rows)},
                 {"empty", empty},
                 {"newer", page > 1 ? boost::json::value(ListUrl(page - 1)) : nullptr},
                 {"older", more ? boost::json::value(ListUrl(page + 1)) : nullptr}});
}

http::Response Delete(Context& c) {
  Status removed = c.services.store.DeleteContactMessage(c.blog.id, c.captures.id);
  if (removed.IsNotFound()) return c.Error(404, "There is no such message.");
  if (!removed.ok()) return c.Error("Cannot delete the message", removed);
  return c.Redirect("/admin/messages", "The message is deleted.");
}

}  // namespace message_pages
}  // namespace samizdat::web::admin
