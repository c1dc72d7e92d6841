// What a browser sends to the admin, parsed: form fields (urlencoded or multipart with
// files, through Boost.URL and GMime), query parameters and cookies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace samizdat::web::admin {

// A file of a multipart form.
struct UploadedFile {
  std::string filename;      // as the browser named it (no directories)
  std::string content_type;  // as the browser claimed it: never trusted for checks
  std::string bytes;
};

// Form fields in the order sent; a name may repeat (checkboxes).
class Form {
 public:
  // An application/x-www-form-urlencoded body or query string ("a=1&b=x+y").
  // InvalidArgument when it is not one.
  static Result<Form> FromUrlencoded(std::string_view encoded);
  // A multipart/form-data body with the request's Content-Type (which names the
  // boundary). InvalidArgument when it is not one.
  static Result<Form> FromMultipart(std::string_view content_type, std::string_view body);
  // The body of a POST, by its Content-Type (urlencoded or multipart); an empty body is
  // an empty form. InvalidArgument for any other type.
  static Result<Form> FromBody(std::string_view content_type, std::string_view body);

  // The first value of `name`, "" when absent.
  std::string Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  // Every value of `name`, in order.
  std::vector<std::string> GetAll(std::string_view name) const;
  // The first file sent as `name`, null when none (or an empty file input).
  const UploadedFile* File(std::string_view name) const;

  void Add(std::string name, std::string value);

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
  std::vector<std::pair<std::string, UploadedFile>> files_;
};

// The list page a query asks for with page=N: 1 when absent or not a number, at most
// 100,000 (so that page × page size stays an int offset).
int PageNumber(const Form& query);

// The value of cookie `name` in a Cookie header ("a=1; b=2"); nullopt when absent.
std::optional<std::string> CookieValue(std::string_view cookie_header, std::string_view name);

}  // namespace samizdat::web::admin
