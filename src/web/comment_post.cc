// Site::PostComment: the comment form's POST, from form fields to the answer page.
#include <boost/url/parse_query.hpp>

#include "core/process_metrics.h"
#include "core/strings.h"
#include "text/utf8.h"
#include "web/http_status.h"
#include "web/site.h"

namespace samizdat::web {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";

int StatusFor(service::CommentRefusal refusal) {
  switch (refusal) {
    case service::CommentRefusal::kNone: return 200;
    case service::CommentRefusal::kInvalid: return 400;
    case service::CommentRefusal::kForbidden: return 403;
    case service::CommentRefusal::kNotFound: return 404;
    case service::CommentRefusal::kDuplicate: return 409;
    case service::CommentRefusal::kTooSoon: return 429;
  }
  return 400;
}

bool IsUrlencodedForm(std::string_view content_type) {
  content_type = TrimBlank(content_type.substr(0, content_type.find(';')));
  return AsciiLower(content_type) == "application/x-www-form-urlencoded";
}

// The form's fields; InvalidArgument for a body that is not urlencoded.
Result<service::CommentSubmission> ParseForm(const http::Request& request) {
  auto fields = boost::urls::parse_query(request.body);
  if (!fields) return Status::InvalidArgument("The form data is malformed.");
  boost::urls::encoding_opts decoding;
  decoding.space_as_plus = true;
  service::CommentSubmission form;
  form.remote_address = request.remote_address;
  for (const auto& field : *fields) {
    const std::string key = field.key.decode(decoding);
    std::string value = field.has_value ? field.value.decode(decoding) : std::string();
    if (key == "post_id") {
      form.post_id = ParseInteger<int64_t>(TrimBlank(value)).value_or(0);
    } else if (key == "parent_id") {
      if (!TrimBlank(value).empty()) {
        auto parent = ParseInteger<int64_t>(TrimBlank(value));
        if (!parent || *parent <= 0)
          return Status::InvalidArgument("parent_id is not a comment id.");
        form.parent_id = *parent;
      }
    } else if (key == "token") {
      form.token = std::move(value);
    } else if (key == "name") {
      form.name = std::move(value);
    } else if (key == "url") {
      form.url = std::move(value);
    } else if (key == "body") {
      form.body = std::move(value);
    } else if (key == "email") {
      form.honeypot = std::move(value);
    }
  }
  return form;
}

http::Response PlainError(int status, const std::string& message) {
  return http::Response::Text(status, message + "\n");
}

metrics::CommentFate FateOf(const service::CommentOutcome& outcome) {
  if (outcome.refusal != service::CommentRefusal::kNone) return metrics::CommentFate::kRefused;
  return outcome.comment.status == CommentStatus::kPublished ? metrics::CommentFate::kAccepted
                                                             : metrics::CommentFate::kHeld;
}

}  // namespace

http::Response Site::PostComment(const http::Request& request, const RouteMatch&) {
  auto found = BlogFor(request);
  if (auto* error = std::get_if<http::Response>(&found)) return std::move(*error);
  const auto entry = std::get<std::shared_ptr<const service::BlogEntry>>(std::move(found));

  if (!IsUrlencodedForm(request.GetHeader("Content-Type"))) {
    return PlainError(415, "A comment is sent as a form (application/x-www-form-urlencoded).");
  }
  auto form = ParseForm(request);
  if (!form.ok()) return PlainError(400, form.status().message());
  auto outcome = comments_.Submit(entry->blog, *form, Now());
  if (!outcome.ok()) return ErrorResponse("Your comment could not be saved", outcome.status());
  metrics::Process().comments.Add(static_cast<std::size_t>(FateOf(*outcome)));
  const Post& post = outcome->post;
  if (outcome->refusal == service::CommentRefusal::kNone &&
      outcome->comment.status == CommentStatus::kPublished) {
    const std::string location =
        post.path + "?showComment=" + std::to_string(ToEpochMillis(outcome->comment.published)) +
        "#c" + std::to_string(outcome->comment.id);
    http::Response response = http::Response::Text(303, "Published: " + location + "\n");
    response.headers.push_back({"Location", location});
    return response;
  }

  // Held or refused: the post page again, with the message above the form. A refused
  // comment's text is given back so that nothing the reader wrote is lost.
  render::CommentFormView refill;
  const bool held = outcome->refusal == service::CommentRefusal::kNone;
  (held ? refill.notice : refill.error) = outcome->message;
  if (!held) {
    // Given back as the reader sent it, but never as bytes a page may not hold.
    refill.name = text::ToValidUtf8(form->name);
    refill.url = text::ToValidUtf8(form->url);
    refill.body = text::ToValidUtf8(form->body);
    if (form->parent_id != 0) refill.parent_id = std::to_string(form->parent_id);
  }
  const int status = held ? 202 : StatusFor(outcome->refusal);
  http::Response response = PlainError(status, outcome->message);
  if (post.id != 0 && !post.path.empty()) {
    SidebarSource sidebar = [this, &entry](int year, std::string_view search_query) {
      return SidebarFor(*entry, year, search_query);
    };
    const ListQuery query;
    const CommentFormSource form = FormSource(refill);
    const std::string base_url = BaseUrl(request, entry->blog);
    auto page =
        ItemPage(PageInputs{store_, *entry, query, sidebar, form, base_url}, post.path, post.kind);
    if (page.ok()) {
      response = Respond(request, *entry, {}, status, kHtml, theme_.Render(page->view), false);
    }
  }
  if (outcome->retry_after_seconds > 0) {
    response.headers.push_back({"Retry-After", std::to_string(outcome->retry_after_seconds)});
  }
  return response;
}

}  // namespace samizdat::web
