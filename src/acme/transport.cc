// Transport: one libcurl easy handle per request.
#include "acme/transport.h"

#include <curl/curl.h>

#include <memory>

#include "core/strings.h"

namespace samizdat::acme {
namespace {

struct EasyFree {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct ListFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

bool CurlReady() {
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return ready;
}

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  static_cast<Reply*>(user)->body.append(data, size * count);
  return size * count;
}

// Keeps the headers ACME uses; a redirect's or an interim response's are overwritten by
// the final one's.
size_t ReadHeader(char* data, size_t size, size_t count, void* user) {
  auto* reply = static_cast<Reply*>(user);
  std::string_view line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name = AsciiLower(line.substr(0, colon));
    std::string value(TrimBlank(line.substr(colon + 1)));
    if (name == "location") reply->location = value;
    if (name == "replay-nonce") reply->nonce = value;
    if (name == "retry-after") reply->retry_after = value;
    if (name == "content-type") reply->content_type = value;
  }
  return size * count;
}

// CURLOPT_XFERINFOFUNCTION: a non-zero return aborts the transfer.
int Progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancelled = static_cast<const std::function<bool()>*>(user);
  return (*cancelled)() ? 1 : 0;
}

}  // namespace

Result<Reply> Transport::Get(const std::string& url) { return Send(Method::kGet, url, {}); }
Result<Reply> Transport::Head(const std::string& url) { return Send(Method::kHead, url, {}); }
Result<Reply> Transport::Post(const std::string& url, std::string_view jws) {
  return Send(Method::kPost, url, jws);
}

Result<Reply> Transport::Send(Method method, const std::string& url, std::string_view body) {
  if (!CurlReady()) return Status::Internal("libcurl cannot be set up");
  std::unique_ptr<CURL, EasyFree> easy(curl_easy_init());
  if (!easy) return Status::Internal("libcurl cannot be set up");
  Reply reply;
  std::unique_ptr<curl_slist, ListFree> headers;
  CURL* e = easy.get();
  curl_easy_setopt(e, CURLOPT_URL, url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "https,http");
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, ReadHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &reply);
  if (!options_.ca_file.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (options_.cancelled) {
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, Progress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, &options_.cancelled);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
  }
  if (method == Method::kHead) curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  if (method == Method::kPost) {
    headers.reset(curl_slist_append(nullptr, "Content-Type: application/jose+json"));
    if (!headers) return Status::Internal("libcurl cannot be set up");
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  CURLcode code = curl_easy_perform(e);
  if (code == CURLE_ABORTED_BY_CALLBACK) return Status::Unavailable(url + ": cancelled");
  if (code != CURLE_OK) {
    return Status::Unavailable(url + ": " + curl_easy_strerror(code));
  }
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

}  // namespace samizdat::acme
