// ContactService: the ContactForm widget's messages. A reader's message is screened as a
// comment is (service/comments.h) and the first check that fails refuses it with nothing
// stored: the honeypot is empty (kInvalid); the form token is genuine, for this blog, and
// neither too fresh nor expired (kForbidden / kTooSoon); the fields are valid UTF-8, the
// message has text and is within kMaxContactBody, the name within kMaxContactName, the
// email an address (kInvalid); the sender's address has not sent too many messages to the
// blog lately (kTooSoon). A message that passes is stored with the sender's address; the
// admin's Messages page (web/admin/message_pages.cc) lists and deletes them.
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace samizdat::service {

struct ContactSettings {
  std::chrono::seconds min_age{3};       // form shown -> sent; 0 = no minimum
  std::chrono::seconds form_ttl{86400};  // a form token expires after this
  int rate_limit = 5;                    // messages per address per rate_window; 0 = none
  std::chrono::seconds rate_window{3600};
};

inline constexpr std::size_t kMaxContactBody = 5000;  // characters (code points)
inline constexpr std::size_t kMaxContactName = 100;

// What a reader's contact form sent.
struct ContactSubmission {
  std::string token;
  std::string name;  // may be empty
  std::string email;
  std::string body;
  std::string honeypot;        // the field people leave empty
  std::string remote_address;  // the sender's IP address
};

enum class ContactRefusal {
  kNone,
  kInvalid,    // a field is wrong: the message says which and how
  kForbidden,  // the form token is missing, forged, another blog's or expired
  kTooSoon,    // sent too soon after the form was shown, or too often from one address
};

struct ContactOutcome {
  ContactRefusal refusal = ContactRefusal::kNone;
  std::string message;           // for a person: why it was refused, or that it was sent
  int retry_after_seconds = 0;   // kTooSoon
  store::ContactMessage stored;  // kNone
};

class ContactService {
 public:
  // Reads (or creates, once per database) the key of the form tokens.
  static Result<ContactService> Open(store::Store& store, ContactSettings settings = {});

  // The token for the blog's contact form, shown at `now`.
  std::string FormToken(int64_t blog_id, Time now) const;
  // Screens and stores a message to `blog` (see the header comment). Errors are the
  // store's; refusals are outcomes, not errors.
  Result<ContactOutcome> Submit(const Blog& blog, const ContactSubmission& submission, Time now);

  const ContactSettings& settings() const { return settings_; }

 private:
  ContactService(store::Store& store, ContactSettings settings, std::string token_key)
      : store_(&store), settings_(settings), token_key_(std::move(token_key)) {}

  store::Store* store_;
  ContactSettings settings_;
  std::string token_key_;
};

}  // namespace samizdat::service
