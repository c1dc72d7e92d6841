// ContactService: the contact form's messages, screened and stored; see contact.h.
#include "service/contact.h"

#include <utility>

#include "auth/form_token.h"
#include "core/strings.h"
#include "service/accounts.h"
#include "text/utf8.h"

namespace samizdat::service {
namespace {

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

ContactOutcome Refuse(ContactRefusal refusal, std::string message, int retry_after = 0) {
  ContactOutcome outcome;
  outcome.refusal = refusal;
  outcome.message = std::move(message);
  outcome.retry_after_seconds = retry_after;
  return outcome;
}

// Field checks that need nothing stored: the refusal message, or "" when fine.
std::string CheckFields(const ContactSubmission& in) {
  if (!text::IsValidUtf8(in.name) || !text::IsValidUtf8(in.email) || !text::IsValidUtf8(in.body)) {
    return "Your message could not be read: it is not valid UTF-8 text.";
  }
  if (TrimBlank(in.body).empty()) return "Your message is empty.";
  if (CodePoints(in.body) > kMaxContactBody) {
    return "Your message is " + WithThousands(static_cast<int64_t>(CodePoints(in.body))) +
           " characters long; the limit is " +
           WithThousands(static_cast<int64_t>(kMaxContactBody)) + ".";
  }
  if (CodePoints(in.name) > kMaxContactName) {
    return "Your name is longer than " + std::to_string(kMaxContactName) + " characters.";
  }
  if (Status email = CheckEmail(TrimBlank(in.email)); !email.ok()) {
    return "Your email address is needed, so that the blog's author can answer: " +
           email.message() + ".";
  }
  return "";
}

}  // namespace

Result<ContactService> ContactService::Open(store::Store& store, ContactSettings settings) {
  auto token_key = store.GetOrCreateSecret("contact-form-token", auth::RandomSecretKey());
  if (!token_key.ok()) return token_key.status();
  return ContactService(store, settings, std::move(*token_key));
}

std::string ContactService::FormToken(int64_t blog_id, Time now) const {
  return auth::MakeFormToken(token_key_, blog_id, now);
}

Result<ContactOutcome> ContactService::Submit(const Blog& blog, const ContactSubmission& in,
                                              Time now) {
  if (!in.honeypot.empty()) {
    return Refuse(ContactRefusal::kInvalid,
                  "The form had a field filled in that people leave empty, so it looks "
                  "automated. Please send it again without filling it.");
  }
  using std::chrono::milliseconds;
  switch (auth::CheckFormToken(token_key_, in.token, blog.id, now, milliseconds(settings_.min_age),
                               milliseconds(settings_.form_ttl))) {
    case auth::FormTokenCheck::kValid: break;
    case auth::FormTokenCheck::kMissing:
    case auth::FormTokenCheck::kMalformed:
      return Refuse(ContactRefusal::kForbidden,
                    "This form did not come from this blog's page. Please reload the page and "
                    "send your message again.");
    case auth::FormTokenCheck::kExpired:
      return Refuse(ContactRefusal::kForbidden,
                    "This form has expired. Please reload the page and send your message again.");
    case auth::FormTokenCheck::kTooFresh:
      return Refuse(ContactRefusal::kTooSoon,
                    "That was quick: please wait a few seconds, then send it again.",
                    static_cast<int>(settings_.min_age.count()));
  }
  if (std::string problem = CheckFields(in); !problem.empty()) {
    return Refuse(ContactRefusal::kInvalid, std::move(problem));
  }
  if (settings_.rate_limit > 0) {
    Result<int> recent =
        store_->CountContactMessages(blog.id, in.remote_address, now - settings_.rate_window);
    if (!recent.ok()) return recent.status();
    if (*recent >= settings_.rate_limit) {
      return Refuse(ContactRefusal::kTooSoon,
                    "Too many messages were sent from your address lately. Please try again "
                    "in an hour.",
                    static_cast<int>(settings_.rate_window.count()));
    }
  }
  store::ContactMessage message;
  message.blog_id = blog.id;
  message.name = std::string(TrimBlank(text::StripControlChars(in.name)));
  message.email = std::string(TrimBlank(in.email));
  message.body = text::StripControlChars(in.body);
  message.remote_address = in.remote_address;
  message.sent = now;
  Result<store::ContactMessage> stored = store_->AddContactMessage(message);
  if (!stored.ok()) return stored.status();
  ContactOutcome outcome;
  outcome.message = "Your message was sent. Thank you!";
  outcome.stored = std::move(*stored);
  return outcome;
}

}  // namespace samizdat::service
