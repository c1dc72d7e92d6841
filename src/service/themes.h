// ThemeService: a blog's Blogger theme — set from a theme file (CLI, admin, import),
// read back, reset to the default Mustache theme — and its compiled form, kept per
// blog so pages never parse XML.
//
// A theme is stored as the XML it was given (so `theme get` and the export give back
// what was set, with the Layout page's changes) and compiled on first use after each
// change; every change bumps the blog's generation, so cached pages go.
//
// Errors: Set refuses a theme that does not compile (blogger/theme.h) with
// InvalidArgument "FILE:LINE:COLUMN: message" and stores nothing; the store's errors
// pass through.
//
// Thread safety: thread-safe; Compiled may be called from every worker at once.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "blogger/theme.h"
#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace samizdat::service {

class ThemeService {
 public:
  explicit ThemeService(store::Store& store) : store_(store) {}

  // Compiles `xml` (errors named after `file_name`) and makes it the blog's theme.
  Status Set(const Blog& blog, std::string_view xml, std::string_view file_name);
  // The blog's theme as stored; NotFound when the blog wears the default theme.
  Result<std::string> Get(const Blog& blog);
  // Back to the default theme (no error when it already wears it).
  Status Reset(const Blog& blog);
  // The blog's compiled theme, nullptr when it wears the default theme. Compiled once
  // per stored version and shared; the store is read only when the blog's generation
  // has moved since the last call. A stored theme that does not compile (stored by
  // another version of samizdat) is its InvalidArgument, kept until the theme changes.
  Result<std::shared_ptr<const blogger::Theme>> Compiled(const Blog& blog);

 private:
  store::Store& store_;
  struct Entry {
    int64_t version = 0;     // the stored theme's version it was compiled from
    int64_t generation = 0;  // the blog's generation when the store was last read
    std::shared_ptr<const blogger::Theme> theme;  // nullptr: the default theme
    Status error;  // a stored theme that no longer compiles: not compiled again per page
  };
  std::mutex mutex_;
  std::unordered_map<int64_t, Entry> compiled_;  // by blog id
};

}  // namespace samizdat::service
