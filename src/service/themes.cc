// ThemeService: a blog's Blogger theme through the store, compiled once per version.
#include "service/themes.h"

#include <utility>

namespace samizdat::service {

Status ThemeService::Set(const Blog& blog, std::string_view xml, std::string_view file_name) {
  Result<std::shared_ptr<const blogger::Theme>> compiled = blogger::Theme::Compile(xml, file_name);
  if (!compiled.ok()) return compiled.status();
  Result<store::StoredTheme> stored = store_.PutTheme(blog.id, xml);
  if (!stored.ok()) return stored.status();
  std::lock_guard lock(mutex_);
  Entry& entry = compiled_[blog.id];
  entry = Entry();
  entry.version = stored->version;
  entry.theme = *std::move(compiled);
  return Status::Ok();
}

Result<std::string> ThemeService::Get(const Blog& blog) {
  Result<store::StoredTheme> stored = store_.GetTheme(blog.id);
  if (!stored.ok()) return stored.status();
  return std::move(stored->xml);
}

Status ThemeService::Reset(const Blog& blog) {
  SAMIZDAT_RETURN_IF_ERROR(store_.DeleteTheme(blog.id));
  std::lock_guard lock(mutex_);
  compiled_.erase(blog.id);
  return Status::Ok();
}

Result<std::shared_ptr<const blogger::Theme>> ThemeService::Compiled(const Blog& blog) {
  {
    // A theme's version is the generation it was put at: while the blog's generation is
    // the one last looked at, nothing has changed.
    std::lock_guard lock(mutex_);
    auto found = compiled_.find(blog.id);
    if (found != compiled_.end() && found->second.generation == blog.generation) {
      if (!found->second.error.ok()) return found->second.error;
      return found->second.theme;
    }
  }
  Result<store::StoredTheme> stored = store_.GetTheme(blog.id);
  Entry entry;
  entry.generation = blog.generation;
  if (stored.ok()) {
    entry.version = stored->version;
    std::lock_guard lock(mutex_);
    auto found = compiled_.find(blog.id);
    if (found != compiled_.end() && found->second.version == entry.version) {
      entry.theme = found->second.theme;
      entry.error = found->second.error;
    }
  } else if (!stored.status().IsNotFound()) {
    return stored.status();
  }
  if (stored.ok() && entry.theme == nullptr && entry.error.ok()) {
    // Compiled outside the lock: other blogs' pages go on. Two workers may both compile
    // one new version; the second's result replaces the first's, equal to it.
    Result<std::shared_ptr<const blogger::Theme>> compiled =
        blogger::Theme::Compile(stored->xml, blog.host + "/theme.xml");
    if (compiled.ok()) {
      entry.theme = *std::move(compiled);
    } else {
      entry.error = compiled.status();
    }
  }
  {
    std::lock_guard lock(mutex_);
    Entry& kept = compiled_[blog.id];
    // A racing worker that saw a later generation keeps its entry.
    if (kept.generation <= entry.generation) kept = entry;
  }
  if (!entry.error.ok()) return entry.error;
  return entry.theme;
}

}  // namespace samizdat::service
