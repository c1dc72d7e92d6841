// FetchAll: one libcurl multi handle driving up to `parallel` easy handles; a URL that
// failed in a way worth another try waits in the queue until its backoff has passed.
#include "service/http_fetch.h"

#include <curl/curl.h>

#include <algorithm>
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
