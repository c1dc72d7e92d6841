// Site::ContactPage and Site::PostContact: the blog's contact form on a page of its own,
// and the ContactForm widget's POST, from form fields to the answer page.
#include <boost/url/parse_query.hpp>

#include "core/strings.h"
#include "text/escape.h"
#include "text/utf8.h"
#include "web/http_status.h"
#include "web/site.h"

namespace samizdat::web {
namespace {

int StatusFor(service::ContactRefusal refusal) {
  switch (refusal) {
    case service::ContactRefusal::kNone: return 200;
    case service::ContactRefusal::kInvalid: return 400;
    case service::ContactRefusal::kForbidden: return 403;
    case service::ContactRefusal::kTooSoon: return 429;
  }
  return 400;
}

// What the page shows above the form, and what it refills the form with.
struct FormState {
  std::string error;   // plain text
  std::string notice;  // plain text
  std::string name;
  std::string email;
  std::string body;
};

void Append(std::string& html, std::string_view text) { text::AppendEscapedHtml(text, html); }

// A plain page (never cached: it holds a form token) with the blog's contact form.
http::Response FormPage(int status, const Blog& blog, const std::string& token,
                        const FormState& state) {
  http::Response response;
  response.status = status;
  response.headers = {{"Content-Type", "text/html; charset=utf-8"}, {"Cache-Control", "no-store"}};
  std::string html =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Contact ";
  Append(html, blog.title);
  html += "</title></head><body><main><h1>Contact ";
  Append(html, blog.title);
  html += "</h1>\n";
  if (!state.error.empty()) {
    html += "<p class=\"contact-form-error\" role=\"alert\">";
    Append(html, state.error);
    html += "</p>\n";
  }
  if (!state.notice.empty()) {
    html += "<p class=\"contact-form-success-message\" role=\"status\">";
    Append(html, state.notice);
    html += "</p>\n";
  }
  html +=
      "<form class=\"contact-form\" method=\"post\" action=\"/contact-form\">\n"
      "<input type=\"hidden\" name=\"token\" value=\"";
  Append(html, token);
  html += "\">\n<p><label>Name<br><input name=\"name\" maxlength=\"100\" value=\"";
  Append(html, state.name);
  html +=
      "\"></label></p>\n<p><label>Email *<br><input type=\"email\" name=\"email\" required "
      "value=\"";
  Append(html, state.email);
  html +=
      "\"></label></p>\n<p hidden><label>Leave this empty <input name=\"website\" "
      "tabindex=\"-1\" autocomplete=\"off\"></label></p>\n"
      "<p><label>Message *<br><textarea name=\"email-message\" rows=\"6\" cols=\"40\" "
      "required>";
  Append(html, state.body);
  html +=
      "</textarea></label></p>\n<p><button type=\"submit\">Send</button></p>\n</form>\n"
      "<p><a href=\"/\">Back to the blog</a></p></main></body></html>\n";
  response.body = std::make_shared<const std::string>(std::move(html));
  return response;
}

bool IsUrlencodedForm(std::string_view content_type) {
  content_type = TrimBlank(content_type.substr(0, content_type.find(';')));
  return AsciiLower(content_type) == "application/x-www-form-urlencoded";
}

// The form's fields; InvalidArgument for a body that is not urlencoded.
Result<service::ContactSubmission> ParseForm(const http::Request& request) {
  auto fields = boost::urls::parse_query(request.body);
  if (!fields) return Status::InvalidArgument("The form data is malformed.");
  boost::urls::encoding_opts decoding;
  decoding.space_as_plus = true;
  service::ContactSubmission form;
  form.remote_address = request.remote_address;
  for (const auto& field : *fields) {
    const std::string key = field.key.decode(decoding);
    std::string value = field.has_value ? field.value.decode(decoding) : std::string();
    if (key == "name") {
      form.name = std::move(value);
    } else if (key == "email") {
      form.email = std::move(value);
    } else if (key == "email-message") {
      form.body = std::move(value);
    } else if (key == "token") {
      form.token = std::move(value);
    } else if (key == "website") {
      form.honeypot = std::move(value);
    }
  }
  return form;
}

}  // namespace

http::Response Site::ContactPage(const http::Request& request, const RouteMatch&) {
  auto found = BlogFor(request);
  if (auto* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const auto entry = std::get<std::shared_ptr<const service::BlogEntry>>(std::move(found));
  if (options_.contact == nullptr)
    return http::Response::Text(404, "This blog takes no messages.\n");
  return FormPage(200, entry->blog, options_.contact->FormToken(entry->blog.id, Now()), {});
}

http::Response Site::PostContact(const http::Request& request, const RouteMatch&) {
  auto found = BlogFor(request);
  if (auto* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const auto entry = std::get<std::shared_ptr<const service::BlogEntry>>(std::move(found));
  if (options_.contact == nullptr)
    return http::Response::Text(404, "This blog takes no messages.\n");
  if (!IsUrlencodedForm(request.GetHeader("Content-Type"))) {
    return http::Response::Text(
        415, "A message is sent as a form (application/x-www-form-urlencoded).\n");
  }
  auto form = ParseForm(request);
  if (!form.ok()) return http::Response::Text(400, form.status().message() + "\n");
  const Time now = Now();
  auto outcome = options_.contact->Submit(entry->blog, *form, now);
  if (!outcome.ok()) return ErrorResponse("Your message could not be saved", outcome.status());
  const std::string token = options_.contact->FormToken(entry->blog.id, now);
  if (outcome->refusal == service::ContactRefusal::kNone) {
    return FormPage(200, entry->blog, token, FormState{"", outcome->message, "", "", ""});
  }
  // Refused: the form again with the reason above it and what the reader wrote in it (as
  // text a page may hold), so that nothing is lost.
  http::Response response =
      FormPage(StatusFor(outcome->refusal), entry->blog, token,
               FormState{outcome->message, "", text::ToValidUtf8(form->name),
                         text::ToValidUtf8(form->email), text::ToValidUtf8(form->body)});
  if (outcome->retry_after_seconds > 0) {
    response.headers.push_back({"Retry-After", std::to_string(outcome->retry_after_seconds)});
  }
  return response;
}

}  // namespace samizdat::web
