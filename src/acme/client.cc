// Client: RFC 8555's flow over Transport, JWS and Boost.JSON.
#include "acme/client.h"

#include <algorithm>
#include <boost/json.hpp>
#include <thread>

#include "acme/jws.h"
#include "core/strings.h"

namespace samizdat::acme {
namespace json = boost::json;
namespace {

constexpr std::string_view kBadNonce = "urn:ietf:params:acme:error:badNonce";

Result<json::object> ParseObject(const Reply& reply, const std::string& url) {
  boost::system::error_code ec;
  json::value value = json::parse(reply.body, ec);
  if (ec || !value.is_object()) return Status::Unavailable(url + " answered no JSON object");
  return std::move(value.as_object());
}

std::string Text(const json::object& object, std::string_view name) {
  const json::value* value = object.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
}

// "type: detail" of a problem document (RFC 7807), or the body's start.
std::string Problem(const Reply& reply) {
  boost::system::error_code ec;
  json::value value = json::parse(reply.body, ec);
  if (!ec && value.is_object()) {
    std::string type = Text(value.as_object(), "type");
    std::string detail = Text(value.as_object(), "detail");
    constexpr std::string_view kPrefix = "urn:ietf:params:acme:error:";
    if (type.starts_with(kPrefix)) type.erase(0, kPrefix.size());
    return type.empty() ? detail : type + ": " + detail;
  }
  return reply.body.substr(0, 200);
}

std::chrono::milliseconds PollDelay(const Reply& reply, std::chrono::milliseconds interval) {
  auto seconds = ParseInteger<int>(reply.retry_after);
  if (!seconds.has_value() || *seconds < 0) return interval;
  return std::min<std::chrono::milliseconds>(std::chrono::seconds(*seconds),
                                             std::chrono::seconds(10));
}

}  // namespace

Client::Client(ClientOptions options, EcKey account_key)
    : options_(std::move(options)), key_(std::move(account_key)), transport_(options_.transport) {}

Status Client::LoadDirectory() {
  if (!new_order_url_.empty()) return Status::Ok();
  auto reply = transport_.Get(options_.directory_url);
  if (!reply.ok()) return reply.status();
  if (reply->status != 200) {
    return Status::Unavailable("the ACME directory " + options_.directory_url + " answered " +
                               std::to_string(reply->status));
  }
  auto directory = ParseObject(*reply, options_.directory_url);
  if (!directory.ok()) return directory.status();
  new_nonce_url_ = Text(*directory, "newNonce");
  new_account_url_ = Text(*directory, "newAccount");
  new_order_url_ = Text(*directory, "newOrder");
  if (new_nonce_url_.empty() || new_account_url_.empty() || new_order_url_.empty()) {
    new_order_url_.clear();
    return Status::Unavailable(options_.directory_url + " is not an ACME directory");
  }
  return Status::Ok();
}

Result<Reply> Client::Post(const std::string& url, const std::string& payload, bool use_jwk) {
  for (int attempt = 1;; ++attempt) {
    if (nonce_.empty()) {
      auto fresh = transport_.Head(new_nonce_url_);
      if (!fresh.ok()) return fresh.status();
      if (fresh->nonce.empty()) return Status::Unavailable(new_nonce_url_ + " gave no nonce");
      nonce_ = fresh->nonce;
    }
    auto jws = SignJws(key_, use_jwk ? "" : kid_, nonce_, url, payload);
    if (!jws.ok()) return jws.status();
    auto reply = transport_.Post(url, *jws);
    if (!reply.ok()) {
      nonce_.clear();
      return reply.status();
    }
    nonce_ = reply->nonce;  // each answer carries the next one
    if (reply->status < 400) return reply;
    bool bad_nonce = reply->status == 400 && reply->body.find(kBadNonce) != std::string::npos;
    if (!bad_nonce || attempt == 3) {
      return Status::Unavailable(url + " answered " + std::to_string(reply->status) + ": " +
                                 Problem(*reply));
    }
  }
}

Status Client::Register() {
  if (!kid_.empty()) return Status::Ok();
  json::object account;
  account["termsOfServiceAgreed"] = true;
  if (!options_.email.empty()) account["contact"] = json::array{"mailto:" + options_.email};
  auto reply = Post(new_account_url_, json::serialize(account), /*use_jwk=*/true);
  if (!reply.ok()) return reply.status().WithContext("registering the ACME account");
  if (reply->location.empty()) return Status::Unavailable("the ACME account has no URL");
  kid_ = reply->location;
  return Status::Ok();
}

// One Issue: the order's URLs, and the challenges presented (withdrawn at the end).
class Client::Order {
 public:
  Order(Client& client, ChallengeResponder& responder) : client_(client), responder_(responder) {}
  ~Order() {
    for (const Challenge& challenge : presented_) responder_.Withdraw(challenge);
  }

  // POST-as-GET of `url` until its "status" is not `pending`/`processing`/`ready` as
  // `waiting` says, within the time limit.
  Result<json::object> Await(const std::string& url, const std::vector<std::string>& waiting,
                             std::chrono::steady_clock::time_point deadline) {
    for (;;) {
      auto reply = client_.Post(url, "");
      if (!reply.ok()) return reply.status();
      auto object = ParseObject(*reply, url);
      if (!object.ok()) return object.status();
      std::string status = Text(*object, "status");
      if (std::find(waiting.begin(), waiting.end(), status) == waiting.end()) return object;
      if (std::chrono::steady_clock::now() >= deadline) {
        return Status::Unavailable(
            url + " is still " + status + " after " +
            std::to_string(client_.options_.validation_timeout.count() / 1000) + " s");
      }
      const auto& cancelled = client_.options_.transport.cancelled;
      if (cancelled && cancelled()) return Status::Unavailable(url + ": cancelled");
      std::this_thread::sleep_for(PollDelay(*reply, client_.options_.poll_interval));
    }
  }

  // Answers the authorization at `url` (nothing when it is valid already) with the first
  // challenge type the responder prefers that the server offers.
  Status Authorize(const std::string& url) {
    auto reply = client_.Post(url, "");
    if (!reply.ok()) return reply.status();
    auto authz = ParseObject(*reply, url);
    if (!authz.ok()) return authz.status();
    if (Text(*authz, "status") == "valid") return Status::Ok();
    std::string host;
    if (const json::value* id = authz->if_contains("identifier"); id && id->is_object()) {
      host = Text(id->as_object(), "value");
    }
    const json::value* offered = authz->if_contains("challenges");
    if (offered == nullptr || !offered->is_array()) {
      return Status::Unavailable(url + " offers no challenges");
    }
    for (const std::string& type : responder_.Types()) {
      for (const json::value& item : offered->as_array()) {
        if (!item.is_object() || Text(item.as_object(), "type") != type) continue;
        Challenge challenge{type, host, Text(item.as_object(), "token"), ""};
        challenge.key_authorization = KeyAuthorization(challenge.token, client_.key_);
        SAMIZDAT_RETURN_IF_ERROR(responder_.Present(challenge));
        presented_.push_back(challenge);
        auto answered = client_.Post(Text(item.as_object(), "url"), "{}");
        if (!answered.ok()) return answered.status();
        pending_.push_back({url, host});
        return Status::Ok();
      }
    }
    return Status::Unavailable("the ACME server offers no challenge samizdat can answer for " +
                               host);
  }

  // Waits for every authorization answered to end; Unavailable with the server's reason
  // for the first that is not valid.
  Status AwaitAuthorizations(std::chrono::steady_clock::time_point deadline) {
    for (const auto& [url, host] : pending_) {
      auto authz = Await(url, {"pending", "processing"}, deadline);
      if (!authz.ok()) return authz.status();
      if (Text(*authz, "status") == "valid") continue;
      std::string why = Text(*authz, "status");
      if (const json::value* list = authz->if_contains("challenges"); list && list->is_array()) {
        for (const json::value& item : list->as_array()) {
          const json::value* error =
              item.is_object() ? item.as_object().if_contains("error") : nullptr;
          if (error != nullptr && error->is_object()) {
            why = Text(error->as_object(), "detail");
          }
        }
      }
      return Status::Unavailable("the challenge of " + host + " failed: " + why);
    }
    return Status::Ok();
  }

 private:
  Client& client_;
  ChallengeResponder& responder_;
  std::vector<Challenge> presented_;
  std::vector<std::pair<std::string, std::string>> pending_;  // authorization URL, host
};

Result<CertificatePem> Client::Issue(const std::vector<std::string>& hosts,
                                     ChallengeResponder& responder) {
  auto cert_key = EcKey::Generate();
  if (!cert_key.ok()) return cert_key.status();
  auto csr = MakeCsr(*cert_key, hosts);  // checks the hosts before anything is sent
  if (!csr.ok()) return csr.status();
  SAMIZDAT_RETURN_IF_ERROR(LoadDirectory());
  SAMIZDAT_RETURN_IF_ERROR(Register());

  json::array identifiers;
  for (const std::string& host : hosts) identifiers.push_back({{"type", "dns"}, {"value", host}});
  auto created = Post(new_order_url_, json::serialize(json::object{{"identifiers", identifiers}}));
  if (!created.ok()) return created.status().WithContext("ordering");
  auto order = ParseObject(*created, new_order_url_);
  if (!order.ok()) return order.status();
  std::string order_url = created->location;
  std::string finalize_url = Text(*order, "finalize");
  const json::value* authorizations = order->if_contains("authorizations");
  if (order_url.empty() || finalize_url.empty() || authorizations == nullptr ||
      !authorizations->is_array()) {
    return Status::Unavailable(new_order_url_ + " answered an incomplete order");
  }

  auto deadline = std::chrono::steady_clock::now() + options_.validation_timeout;
  Order run(*this, responder);
  for (const json::value& url : authorizations->as_array()) {
    if (!url.is_string()) return Status::Unavailable("an order's authorization is not a URL");
    SAMIZDAT_RETURN_IF_ERROR(run.Authorize(std::string(url.as_string())));
  }
  SAMIZDAT_RETURN_IF_ERROR(run.AwaitAuthorizations(deadline));

  auto ready = run.Await(order_url, {"pending"}, deadline);
  if (!ready.ok()) return ready.status();
  if (Text(*ready, "status") == "ready") {
    auto finalized = Post(finalize_url, json::serialize(json::object{{"csr", Base64Url(*csr)}}));
    if (!finalized.ok()) return finalized.status().WithContext("finalizing");
    ready = run.Await(order_url, {"ready", "processing"}, deadline);
    if (!ready.ok()) return ready.status();
  }
  std::string certificate_url = Text(*ready, "certificate");
  if (Text(*ready, "status") != "valid" || certificate_url.empty()) {
    return Status::Unavailable("the order " + order_url + " ended " + Text(*ready, "status"));
  }
  auto chain = Post(certificate_url, "");
  if (!chain.ok()) return chain.status().WithContext("downloading the certificate");
  auto not_after = LeafNotAfter(chain->body);
  if (!not_after.ok()) return Status::Unavailable(certificate_url + " gave no PEM certificate");
  auto key_pem = cert_key->ToPem();
  if (!key_pem.ok()) return key_pem.status();
  return CertificatePem{std::move(chain->body), std::move(*key_pem)};
}

}  // namespace samizdat::acme
