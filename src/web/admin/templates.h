// The admin's embedded files (assets/): Mustache templates, rendered with values given
// as JSON (objects, arrays, strings, numbers, booleans), and the static admin.css and
// admin.js the pages link.
//
// Thread safety: immutable after creation; Render may be called from any thread.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace samizdat::web::admin {

class Templates {
 public:
  // Parses every embedded template. A template that does not parse is a build error
  // in spirit: it aborts with its name.
  Templates();
  ~Templates();

  // assets/NAME.mustache with `values`; {{x}} escapes HTML, {{{x}}} does not.
  std::string Render(std::string_view name, const boost::json::object& values) const;
  // A static file (admin.css, admin.js); null when there is none.
  const std::string* Static(std::string_view file_name) const;
  // A short hash of the static files, for their URLs (/admin/static/HASH/admin.js), so
  // they can be cached for good.
  const std::string& Version() const { return version_; }

 private:
  struct Parsed;
  std::map<std::string, std::unique_ptr<Parsed>, std::less<>> templates_;
  std::map<std::string, std::string, std::less<>> statics_;
  std::string version_;
};

}  // namespace samizdat::web::admin
