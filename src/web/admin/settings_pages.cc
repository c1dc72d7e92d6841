// Admin pages: the blog's settings — title, description, banner (a URL or an uploaded
// image), posts per page, jump link text, time zone, date and time formats, comment
// moderation —
// changed through BlogService, which checks them all before anything is stored.
#include <date/tz.h>

#include <cctype>
#include <string>
#include <vector>

#include "core/strings.h"
#include "service/blogs.h"
#include "service/media.h"
#include "web/admin/context.h"
#include "web/admin/pages.h"

namespace samizdat::web::admin {
namespace settings_pages {

// Blogger's date header choices, and the times of its "Timestamp format".
constexpr std::string_view kDateFormats[] = {
    "EEEE, MMMM d, yyyy", "EEEE, d MMMM yyyy", "MMMM d, yyyy", "d MMMM yyyy", "EEE, MMM d, yyyy",
    "yyyy-MM-dd",         "dd/MM/yyyy",        "MM/dd/yyyy",   "d.M.yyyy"};
constexpr std::string_view kTimeFormats[] = {"h:mm a", "h:mm:ss a", "HH:mm", "HH:mm:ss"};

// The tz database's zone names for the time zone field's suggestions: regions
// ("Europe/Paris"), not the Etc/ offsets or the old aliases, and UTC.
const std::vector<std::string>& ZoneNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out = {"UTC"};
    for (const date::time_zone& zone : date::get_tzdb().zones) {
      const std::string_view name = zone.name();
      if (name.find('/') != std::string_view::npos && !name.starts_with("Etc/")) {
        out.emplace_back(name);
      }
    }
    return out;
  }();
  return names;
}

// The form's fields as text: the blog's values, or what was sent back with an error.
struct Fields {
  std::string title, description, banner_url, banner_alt, posts_per_page, time_zone, date_format,
      time_format, moderation, moderation_days, jump_link_text;
};

Fields FromBlog(const Blog& blog) {
  return {blog.title,
          blog.description,
          blog.banner_url,
          blog.banner_alt,
          std::to_string(blog.posts_per_page),
          blog.time_zone,
          blog.date_format,
          blog.time_format,
          std::string(ModerationModeName(blog.comment_moderation)),
          std::to_string(blog.moderation_days),
          blog.jump_link_text};
}

Fields FromForm(const Form& form) {
  return {form.Get("title"),           form.Get("description"),    form.Get("banner_url"),
          form.Get("banner_alt"),      form.Get("posts_per_page"), form.Get("time_zone"),
          form.Get("date_format"),     form.Get("time_format"),    form.Get("comment_moderation"),
          form.Get("moderation_days"), form.Get("jump_link_text")};
}

// A select's options: each pattern shown as today's date in it; `current` is selected,
// and added when it is not one of `patterns` (set by the CLI or an import).
template <size_t N>
boost::json::array PatternOptions(const std::string_view (&patterns)[N], const std::string& current,
                                  const TimeZone& zone) {
  const Time now = Now();
  boost::json::array options;
  bool listed = false;
  for (std::string_view pattern : patterns) {
    listed = listed || pattern == current;
    options.push_back({{"value", pattern},
                       {"label", FormatPattern(now, zone, pattern)},
                       {"selected", pattern == current}});
  }
  if (!listed) {
    options.push_back({{"value", current},
                       {"label", FormatPattern(now, zone, current) + " (" + current + ")"},
                       {"selected", true}});
  }
  return options;
}

http::Response SettingsPage(Context& c, int status, const Fields& f, std::string_view error) {
  auto zone = TimeZone::Find(c.blog.time_zone);
  if (!zone.ok()) zone = TimeZone::Utc();
  boost::json::array media;
  if (auto files = c.services.store.ListMedia(c.blog.id, 200, 0); files.ok()) {
    for (const Media& file : *files) {
      const std::string path = service::MediaPath(file);
      media.push_back(
          {{"path", path}, {"name", file.filename}, {"selected", path == f.banner_url}});
    }
  }
  const bool has_media = !media.empty();
  boost::json::array zones;
  for (const std::string& name : ZoneNames()) zones.push_back(boost::json::value(name));
  boost::json::array modes;
  for (const auto& [word, label] : {std::pair{"never",
                                              "Never: comments show at once (unless "
                                              "they look like spam)"},
                                    std::pair{"always", "Always: every comment waits for approval"},
                                    std::pair{"older",
                                              "On older posts: comments wait on posts "
                                              "older than the days below"}}) {
    modes.push_back({{"value", word}, {"label", label}, {"checked", f.moderation == word}});
  }
  return c.Page(status, "Settings", "settings",
                {{"error", error.empty() ? boost::json::value() : boost::json::value(error)},
                 {"title", f.title},
                 {"description", f.description},
                 {"banner_url", f.banner_url},
                 {"banner_alt", f.banner_alt},
                 {"media", std::move(media)},
                 {"has_media", has_media},
                 {"posts_per_page", f.posts_per_page},
                 {"jump_link_text", f.jump_link_text},
                 {"default_jump_link_text", Blog().jump_link_text},
                 {"time_zone", f.time_zone},
                 {"zones", std::move(zones)},
                 {"date_formats", PatternOptions(kDateFormats, f.date_format, *zone)},
                 {"time_formats", PatternOptions(kTimeFormats, f.time_format, *zone)},
                 {"modes", std::move(modes)},
                 {"moderation_days", f.moderation_days}});
}

http::Response Show(Context& c) { return SettingsPage(c, 200, FromBlog(c.blog), ""); }

// A banner is an address on this site ("/media/…") or on the web (http, https).
bool IsBannerUrl(std::string_view url) {
  if (url.empty()) return true;
  if (url.starts_with('/')) return !url.starts_with("//");
  return url.starts_with("https://") || url.starts_with("http://");
}

http::Response Save(Context& c) {
  Fields f = FromForm(c.form);
  if (const std::string picked = c.form.Get("banner_media"); !picked.empty()) f.banner_url = picked;
  f.banner_url = std::string(TrimBlank(f.banner_url));
  f.time_zone = std::string(TrimBlank(f.time_zone));
  auto refuse = [&](std::string_view message) { return SettingsPage(c, 400, f, message); };

  service::BlogChanges changes;
  changes.title = std::string(TrimBlank(f.title));
  changes.description = f.description;
  if (!IsBannerUrl(f.banner_url)) {
    return refuse("The banner image must be an address starting with https://, http:// or /.");
  }
  changes.banner_url = f.banner_url;
  changes.banner_alt = f.banner_alt;
  changes.posts_per_page = ParseInteger(TrimBlank(f.posts_per_page));
  if (!changes.posts_per_page) return refuse("Posts per page must be a number from 1 to 500.");
  // Left empty, the jump link reads as on a new blog.
  const std::string_view jump = TrimBlank(f.jump_link_text);
  changes.jump_link_text = jump.empty() ? Blog().jump_link_text : std::string(jump);
  changes.time_zone = f.time_zone;
  changes.date_format = f.date_format;
  changes.time_format = f.time_format;
  changes.comment_moderation = f.moderation;
  changes.moderation_days = ParseInteger(TrimBlank(f.moderation_days));
  if (!changes.moderation_days) return refuse("Moderation days must be a number from 1 to 3650.");

  auto updated = service::BlogService(c.services.store).Update(c.blog.host, changes);
  if (updated.status().IsInvalidArgument()) {
    std::string message = updated.status().message();
    if (!message.empty()) message[0] = static_cast<char>(std::toupper(message[0]));
    if (!message.ends_with('.')) message += '.';
    return refuse(message);
  }
  if (!updated.ok()) return c.Error("Cannot save the settings", updated.status());
  return c.Redirect("/admin/settings", "The settings are saved.");
}

}  // namespace settings_pages

}  // namespace samizdat::web::admin
