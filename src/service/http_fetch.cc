// FetchAll: one libcurl multi handle driving up to `parallel` easy handles; a URL that
// failed in a way worth another try waits in the queue until its backoff has passed.
#include "service/http_fetch.h"

#include <curl/curl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <string_view>
#include <utility>

namespace samizdat::service {
namespace {

using Clock = std::chrono::steady_clock;

struct MultiCleanup {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct EasyCleanup {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
using MultiHandle = std::unique_ptr<CURLM, MultiCleanup>;
using EasyHandle = std::unique_ptr<CURL, EasyCleanup>;

// libcurl's global state, set up once for the process.
bool CurlReady() {
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return ready;
}

// Whether the environment names a proxy libcurl goes through (it reads these names; an
// upper-case HTTP_PROXY is ignored, as libcurl ignores it).
bool ProxyConfigured() {
  for (const char* name : {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && value[0] != '\0') return true;
  }
  return false;
}

// An IPv4 address (host order) in 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12,
// 192.0.0/24, 192.168/16, 198.18/15 or 224/3 (multicast and reserved): not the internet's.
bool IsNonPublicV4(uint32_t a) {
  const auto in = [a](uint32_t net, int bits) {
    return (a >> (32 - bits)) == (net >> (32 - bits));
  };
  return in(0x00000000, 8) || in(0x0A000000, 8) || in(0x64400000, 10) || in(0x7F000000, 8) ||
         in(0xA9FE0000, 16) || in(0xAC100000, 12) || in(0xC0000000, 24) || in(0xC0A80000, 16) ||
         in(0xC6120000, 15) || in(0xE0000000, 3);
}

// Whether a socket address libcurl is about to connect to is not a public one: the IPv4
// ranges above (IPv4-mapped too), ::, ::1, fc00::/7, fe80::/10 and ff00::/8.
bool IsNonPublic(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    return IsNonPublicV4(ntohl(reinterpret_cast<const sockaddr_in*>(address)->sin_addr.s_addr));
  }
  if (address->sa_family != AF_INET6) return true;
  const in6_addr& a = reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr;
  if (IN6_IS_ADDR_V4MAPPED(&a)) {
    uint32_t v4 = 0;
    std::memcpy(&v4, &a.s6_addr[12], sizeof v4);
    return IsNonPublicV4(ntohl(v4));
  }
  return IN6_IS_ADDR_UNSPECIFIED(&a) || IN6_IS_ADDR_LOOPBACK(&a) || (a.s6_addr[0] & 0xFE) == 0xFC ||
         IN6_IS_ADDR_LINKLOCAL(&a) || IN6_IS_ADDR_MULTICAST(&a);
}

// A URL waiting for its (next) attempt.
struct Waiting {
  std::size_t index = 0;
  int attempt = 1;
  Clock::time_point not_before{};
};

// One attempt in flight: its handle and what it received so far.
struct Transfer {
  std::size_t index = 0;
  int attempt = 1;
  std::size_t max_bytes = 0;
  bool too_big = false;
  bool private_addresses = false;  // FetchOptions::private_addresses, or a proxy
  std::string refused;             // the non-public address a connection was refused to
  std::string body;
  char error[CURL_ERROR_SIZE] = {};
  EasyHandle easy;
  // Detaches the handle from `multi` before the handle goes.
  CURLM* multi = nullptr;
  ~Transfer() {
    if (multi != nullptr && easy) curl_multi_remove_handle(multi, easy.get());
  }
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (transfer->body.size() + n > transfer->max_bytes) {
    transfer->too_big = true;
    return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
  }
  transfer->body.append(data, n);
  return n;
}

// libcurl's socket opener, refusing non-public addresses unless they are allowed.
curl_socket_t OpenSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* transfer = static_cast<Transfer*>(user);
  if (purpose == CURLSOCKTYPE_IPCXN && !transfer->private_addresses &&
      IsNonPublic(&address->addr)) {
    std::array<char, NI_MAXHOST> host{};
    const bool named = getnameinfo(&address->addr, address->addrlen, host.data(), host.size(),
                                   nullptr, 0, NI_NUMERICHOST) == 0;
    transfer->refused = named ? host.data() : "an address";
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

std::string MiB(std::size_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

std::string Seconds(std::chrono::milliseconds ms) {
  return std::to_string((ms.count() + 999) / 1000) + " s";
}

// What a finished attempt came to: success, a failure worth another try, or for good.
struct Outcome {
  bool ok = false;
  bool retry = false;
  std::string error;
};

Outcome Classify(CURLcode code, Transfer& transfer, const FetchOptions& options) {
  if (!transfer.refused.empty()) {
    return {false, false, transfer.refused + " is not a public address: refused"};
  }
  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(transfer.easy.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status >= 200 && status < 300) return {true, false, ""};
    const bool retry = status >= 500 || status == 429;
    return {false, retry, "HTTP " + std::to_string(status)};
  }
  switch (code) {
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
      if (transfer.too_big || code == CURLE_FILESIZE_EXCEEDED) {
        return {false, false, "larger than the limit of " + MiB(options.max_bytes)};
      }
      break;
    case CURLE_OPERATION_TIMEDOUT:
      // The limit is the file's: a second try would take as long.
      return {false, false, "timed out after " + Seconds(options.timeout)};
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: {
      const std::string why = transfer.error[0] != '\0' ? transfer.error : curl_easy_strerror(code);
      return {false, true, why};
    }
    default: break;
  }
  return {false, false, transfer.error[0] != '\0' ? transfer.error : curl_easy_strerror(code)};
}

// A new attempt's handle, set up and added to `multi`. nullptr when libcurl refuses.
std::unique_ptr<Transfer> Start(CURLM* multi, const std::string& url, const Waiting& waiting,
                                const FetchOptions& options) {
  auto transfer = std::make_unique<Transfer>();
  transfer->index = waiting.index;
  transfer->attempt = waiting.attempt;
  transfer->max_bytes = options.max_bytes;
  transfer->private_addresses = options.private_addresses || ProxyConfigured();
  transfer->easy.reset(curl_easy_init());
  CURL* easy = transfer->easy.get();
  if (easy == nullptr) return nullptr;
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(easy, CURLOPT_MAXREDIRS, static_cast<long>(options.max_redirects));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->error);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer.get());
  curl_easy_setopt(easy, CURLOPT_PRIVATE, transfer.get());
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, OpenSocket);
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, transfer.get());
  if (curl_multi_add_handle(multi, easy) != CURLM_OK) return nullptr;
  transfer->multi = multi;
  return transfer;
}

}  // namespace

Status FetchAll(const std::vector<std::string>& urls, const FetchOptions& options,
                const std::function<void(Fetched)>& done) {
  if (!CurlReady()) return Status::Internal("libcurl cannot be set up");
  MultiHandle multi(curl_multi_init());
  if (!multi) return Status::Internal("libcurl cannot be set up");

  std::deque<Waiting> waiting;
  for (std::size_t i = 0; i < urls.size(); ++i) waiting.push_back({i, 1, Clock::time_point{}});
  std::map<CURL*, std::unique_ptr<Transfer>> running;
  const auto parallel = static_cast<std::size_t>(std::max(1, options.parallel));

  while (!waiting.empty() || !running.empty()) {
    const Clock::time_point now = Clock::now();
    for (auto it = waiting.begin(); it != waiting.end() && running.size() < parallel;) {
      if (it->not_before > now) {
        ++it;
        continue;
      }
      std::unique_ptr<Transfer> transfer = Start(multi.get(), urls[it->index], *it, options);
      if (!transfer) {
        done({it->index, false, "", "libcurl cannot start the transfer"});
      } else {
        CURL* easy = transfer->easy.get();
        running.emplace(easy, std::move(transfer));
      }
      it = waiting.erase(it);
    }

    int still_running = 0;
    curl_multi_perform(multi.get(), &still_running);
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      auto found = running.find(message->easy_handle);
      if (found == running.end()) continue;
      std::unique_ptr<Transfer> transfer = std::move(found->second);
      running.erase(found);
      Outcome outcome = Classify(message->data.result, *transfer, options);
      if (outcome.retry && transfer->attempt < options.attempts) {
        const auto delay = options.backoff * (1 << (transfer->attempt - 1));
        waiting.push_back({transfer->index, transfer->attempt + 1, Clock::now() + delay});
        continue;
      }
      if (outcome.retry) outcome.error += " (" + std::to_string(transfer->attempt) + " attempts)";
      Fetched fetched;
      fetched.index = transfer->index;
      fetched.ok = outcome.ok;
      if (outcome.ok) {
        fetched.bytes = std::move(transfer->body);
      } else {
        fetched.error = std::move(outcome.error);
      }
      transfer.reset();  // detached before the callback, which may take long
      done(std::move(fetched));
    }

    // Sleep until a transfer moves, or the next waiting URL may start.
    auto wait = std::chrono::milliseconds(1000);
    for (const Waiting& w : waiting) {
      if (running.size() >= parallel) break;
      const auto until =
          std::chrono::duration_cast<std::chrono::milliseconds>(w.not_before - Clock::now());
      wait = std::min(wait, std::max(std::chrono::milliseconds(0), until));
    }
    if (!waiting.empty() || !running.empty()) {
      curl_multi_poll(multi.get(), nullptr, 0, static_cast<int>(wait.count()), nullptr);
    }
  }
  return Status::Ok();
}

}  // namespace samizdat::service
