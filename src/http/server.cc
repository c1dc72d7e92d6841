// The Beast/Asio side of http::Server: the listener, one coroutine session per
// connection on its own strand, per-request limits and deadlines, graceful shutdown.
// With trusted_proxies.cc (Beast's header-list parser, Asio's IP networks), the only
// translation units of samizdat that include Beast and Asio.
//
// Design notes:
// (1) A socket operation that may wait runs under a deadline (Session::Arm/Disarm). The
//     session keeps one timer wait pending at or before its deadline: arming a later
//     deadline leaves the timer alone (it re-waits when it fires early), and only an
//     earlier one resets it, so a keep-alive request costs no timer syscall. A deadline
//     that passes cancels the socket rather than closing it, so a 408 can still be
//     written. Writes are first tried without waiting (the socket is non-blocking) and
//     are armed only when the kernel's buffer is full; a request head already in the
//     read buffer is parsed without arming either.
// (2) A session is "waiting" while it reads the next request's head (or idles for it),
//     and "busy" from a complete head until its response is written. Shutdown cancels
//     waiting sessions; busy ones finish their response with Connection: close.
// (3) Requests on a connection are handled strictly one after another (read, handle,
//     write), so pipelined requests queue in the read buffer and cannot pile up
//     responses: that is the backpressure.
// (4) After an error response, or any response that closes the connection, the send
//     side is shut down and unread input is drained briefly before closing ("lingering
//     close"), so the client sees the response rather than a reset.
// (5) A file_body goes out as the head (sent with MSG_MORE, so that it shares a segment
//     with the body's start) and then sendfile(2) on the native socket, waiting for
//     writability whenever the kernel's buffer is full.
// (6) HTTPS: a connection on the TLS port has a TlsConnection (OpenSSL on the socket
//     itself), shakes hands under the header timeout, then does every read and write
//     through it; request heads and bodies are parsed from what it reads as from the
//     socket's, and responses are written as heads (AppendHead) and bodies, a file_body
//     from its mapping (SealedBytes::bytes()), the head sharing the first TLS record with
//     the body's start. Closing sends close_notify, then closes as in (4).
#include "http/server.h"

#include <sys/sendfile.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/span_body.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/log.h"
#include "core/openssl.h"
#include "http/asio_types.h"
#include "http/log_format.h"
#include "http/response_head.h"
#include "http/tls_certificates.h"
#include "http/tls_connection.h"
#include "http/trusted_proxies.h"

namespace samizdat::http {
namespace {

using namespace internal;  // asio_types.h: net, tcp, ErrorCode, Strand, Socket, kAsTuple
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using Acceptor = net::basic_socket_acceptor<tcp, Strand>;
using Timer = net::basic_waitable_timer<std::chrono::steady_clock,
                                        net::wait_traits<std::chrono::steady_clock>, Strand>;
using SignalSet = net::basic_signal_set<Strand>;
using namespace std::string_view_literals;

constexpr std::size_t kReadChunk = 4096;
// Lingering close: how long and how much unread input is drained before closing.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr std::size_t kMaxLingerBytes = 1 << 20;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

void LogError(std::string_view what) { log::Error("samizdat http: " + std::string(what)); }

// co_spawn completion: a coroutine that escaped with an exception is logged, not fatal.
void LogEscapedException(const std::exception_ptr& error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    LogError(std::string("connection task failed: ") + e.what());
  } catch (...) {
    LogError("connection task failed with an unknown exception");
  }
}

// A request the client got wrong (as opposed to a closed or reset connection).
bool IsMalformed(const ErrorCode& ec) {
  if (ec.category() != bhttp::make_error_code(bhttp::error::bad_method).category()) {
    return false;
  }
  return ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
         ec != bhttp::error::need_more && ec != bhttp::error::need_buffer;
}

// The process dies of SIGPIPE when sendfile(2) writes to a reset connection (send has
// MSG_NOSIGNAL, sendfile has nothing alike): ignore it unless someone set a handler.
void IgnoreSigpipeIfDefault() {
  struct sigaction current {};
  if (sigaction(SIGPIPE, nullptr, &current) != 0) return;
  if ((current.sa_flags & SA_SIGINFO) == 0 && current.sa_handler == SIG_DFL) {
    std::signal(SIGPIPE, SIG_IGN);
  }
}

std::string ReasonText(int status) {
  std::string text(bhttp::obsolete_reason(bhttp::int_to_status(static_cast<unsigned>(status))));
  return text + "\n";
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, Handler handler);

  Status Start();
  uint16_t port() const { return port_; }
  std::size_t connections() {
    std::lock_guard lock(mu_);
    return sessions_.size();
  }
  uint16_t plain_port() const { return plain_port_; }
  void Run();
  void Stop() {
    net::post(control_, [this] { BeginShutdown(); });
  }

 private:
  class Session;

  // Binds `acceptor` to options_.address port `port`; returns the port bound.
  Result<uint16_t> Listen(Acceptor& acceptor, uint16_t port);
  // Accepts connections on `acceptor`; `secure`: they speak TLS.
  net::awaitable<void> AcceptLoop(Acceptor& acceptor, bool secure);
  void RunWorker();
  // On control_: waits for the next signal, tells options_.on_signal, and begins the
  // shutdown on SIGINT and SIGTERM or waits again on SIGHUP.
  void WaitForSignal();
  // On control_: stop accepting, close waiting sessions, arm the grace timer.
  void BeginShutdown();
  // Any thread: called as a registered session ends.
  void Unregister(Session* session);
  std::vector<std::shared_ptr<Session>> LiveSessions();
  // The body limit for a request head: the hook's answer, or max_body_bytes.
  std::size_t BodyLimitFor(const Request& head) const;
  // Runs the handler; exceptions and invalid statuses become a 500. Then Finish.
  Response Invoke(const Request& request) const;
  // Runs options_.finish on a response about to be written.
  void Finish(const Request* request, Response& response) const;

  const ServerOptions options_;
  const Handler handler_;
  const int threads_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;  // guarded by mu_
  uint16_t port_ = 0;
  uint16_t plain_port_ = 0;
  // With options_.tls: the context every TLS connection starts from; it switches each
  // handshake to a certificate of options_.tls.
  OpenSslPtr<SSL_CTX, SSL_CTX_free> tls_context_;
  // Declared last so that it is destroyed first, together with any pending handlers.
  net::io_context io_context_;
  // Runs the handler for requests other than GET and HEAD. Declared after io_context_ so
  // that it is joined (a handler in flight finishing) before io_context_ goes.
  net::thread_pool write_pool_;
  Strand control_;           // serializes the acceptor, signals, grace timer and BeginShutdown
  Acceptor acceptor_;        // options_.port: TLS when options_.tls is set
  Acceptor plain_acceptor_;  // options_.plain_port, beside a TLS port
  Timer grace_timer_;
  std::optional<SignalSet> signals_;  // exists while Run() runs
};

// One connection. All members are touched only on the connection's strand.
class Server::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  // `tls`: the connection speaks TLS, starting from this context (design note (6)).
  Session(Impl& server, Socket socket, SSL_CTX* tls)
      : server_(server), socket_(std::move(socket)), timer_(socket_.get_executor()) {
    ErrorCode ec;
    const tcp::endpoint peer = socket_.remote_endpoint(ec);
    if (!ec) peer_address_ = peer.address().to_string();
    request_.remote_address = peer_address_;
    // The tail of a response must not wait for an ACK (Nagle); the head is held back
    // with MSG_MORE where it matters, see design note (5).
    socket_.set_option(tcp::no_delay(true), ec);
    // Synchronous socket calls return would_block rather than wait: design note (1); and
    // OpenSSL reads and writes the socket itself without blocking (6).
    socket_.non_blocking(true, ec);
    if (!ec && tls != nullptr) tls_.emplace(tls, socket_);
    if (ec) {
      LogError("cannot make a socket non-blocking: " + ec.message());
      socket_.close(ec);
    }
  }
  ~Session() {
    if (registered_) server_.Unregister(this);
  }

  Strand executor() { return socket_.get_executor(); }

  static net::awaitable<void> Serve(std::shared_ptr<Session> self) {
    // (Not `if (co_await …)`: GCC 12 miscompiles a co_await in a condition.)
    const bool shook_hands = co_await self->Handshake();
    if (shook_hands) co_await self->ServeRequests();
  }

  // Answers 503 and closes: the connection limit is reached.
  static net::awaitable<void> Reject(std::shared_ptr<Session> self) {
    const bool shook_hands = co_await self->Handshake();
    if (!shook_hands) co_return;
    Response response = Response::Text(503, ReasonText(503));
    response.headers.push_back({"Retry-After", "5"});
    self->server_.Finish(nullptr, response);
    self->received_ = std::chrono::system_clock::now();
    co_await self->Send(nullptr, 11, response, /*keep_alive=*/false);
    co_await self->LingeringClose();
  }

  // Shutdown: a session waiting for a request is closed; a busy one is left to finish.
  void CloseIfWaiting() {
    ErrorCode ec;
    if (waiting_) socket_.cancel(ec);
  }
  // Shutdown grace is over.
  void ForceClose() {
    ErrorCode ec;
    socket_.close(ec);
  }

  bool registered_ = false;

 private:
  using Clock = std::chrono::steady_clock;

  // TLS: the handshake, under the header timeout; true when there is HTTP to serve
  // (always, on a plain connection). An ACME server's "acme-tls/1" handshake is all it
  // came for: false.
  net::awaitable<bool> Handshake();
  net::awaitable<void> ServeRequests();
  // Feeds what is already buffered to `parser`: true if that settled the head (complete,
  // or an error in `ec`), false if more input is needed.
  bool ParseBufferedHead(bhttp::request_parser<bhttp::string_body>& parser, ErrorCode& ec);
  // Copies the parsed head into request_, reusing its strings' storage.
  void FillRequest(const bhttp::request_parser<bhttp::string_body>::value_type& head);
  // Writes `response` (HEAD: without its body) and logs it; false if the write failed.
  net::awaitable<bool> Send(const Request* request, unsigned version, const Response& response,
                            bool keep_alive);
  // Send's two ways: Beast's serializer over `body`, or the head then sendfile(2).
  net::awaitable<bool> SendBuffered(unsigned version, const Response& response, bool keep_alive,
                                    bool send_body);
  net::awaitable<bool> SendFile(unsigned version, const Response& response, bool keep_alive,
                                bool send_body);
  // Over TLS, for both: the head, then `body` (none: a 304 or 204) unless !send_body.
  net::awaitable<bool> SendTls(unsigned version, const Response& response, bool keep_alive,
                               std::optional<std::string_view> body, bool send_body);
  // Over TLS: reads into buffer_ and feeds `parser` until its head (head_only) or whole
  // message is parsed; the error that stopped it, as Beast's async_read(_header) reports.
  net::awaitable<ErrorCode> ReadTls(bhttp::request_parser<bhttp::string_body>& parser,
                                    bool head_only);
  // Writes all of `bytes` with send(2) `flags`, waiting for writability as needed.
  net::awaitable<bool> WriteBytes(std::string_view bytes, int flags);
  net::awaitable<bool> SendFileBody(const SealedBytes& file);
  // Waits until the socket is writable, under the write deadline (armed on first use
  // within a response); false on timeout, error or shutdown.
  net::awaitable<bool> WaitWritable();
  // Answers `status` with its reason as text, then closes.
  net::awaitable<void> Fail(int status, const Request* request, unsigned version);
  net::awaitable<void> LingeringClose();

  // See design note (1).
  void Arm(std::chrono::milliseconds timeout) {
    timed_out_ = false;
    deadline_ = Clock::now() + timeout;
    if (timer_waiting_ && timer_.expiry() <= deadline_) return;  // it fires early, re-waits
    timer_.expires_at(deadline_);  // aborts the pending wait, if any: generation_ tells
    StartTimerWait();
  }
  void Disarm() { deadline_ = Clock::time_point::max(); }
  void StartTimerWait() {
    timer_waiting_ = true;
    timer_.async_wait([weak = weak_from_this(), generation = ++generation_](ErrorCode ec) {
      const auto self = weak.lock();
      if (!self || generation != self->generation_) return;  // gone, or superseded
      self->timer_waiting_ = false;
      if (!ec) self->OnTimer();
    });
  }
  void OnTimer() {
    if (deadline_ == Clock::time_point::max()) return;  // disarmed; the next Arm waits
    if (Clock::now() < deadline_) {
      timer_.expires_at(deadline_);
      StartTimerWait();
      return;
    }
    timed_out_ = true;
    ErrorCode ignored;
    socket_.cancel(ignored);
  }

  Impl& server_;
  Socket socket_;
  std::optional<TlsConnection> tls_;  // over socket_, on the TLS port: design note (6)
  Timer timer_;
  Clock::time_point deadline_ = Clock::time_point::max();  // max: disarmed
  bool timer_waiting_ = false;                             // a wait on timer_ is pending
  uint64_t generation_ = 0;                                // of the latest wait on timer_
  bool timed_out_ = false;                                 // the last armed deadline expired
  bool write_armed_ = false;   // the current response's write deadline is armed
  bool waiting_ = true;        // see design note (2)
  beast::flat_buffer buffer_;  // input, kept across requests (pipelining)
  Request request_;            // reused across requests, so its strings keep capacity
  std::string peer_address_;   // the TCP peer's IP address
  std::string head_;           // a file_body response's head, reused
  std::string log_line_;       // the access-log line, reused
  std::chrono::system_clock::time_point received_;  // when the current head arrived
};

bool Server::Impl::Session::ParseBufferedHead(bhttp::request_parser<bhttp::string_body>& parser,
                                              ErrorCode& ec) {
  if (buffer_.size() == 0) return false;
  const std::size_t used = parser.put(buffer_.data(), ec);
  buffer_.consume(used);
  if (ec == bhttp::error::need_more) {
    ec = {};
    return false;
  }
  return true;
}

void Server::Impl::Session::FillRequest(
    const bhttp::request_parser<bhttp::string_body>::value_type& head) {
  Request& request = request_;
  request.is_head = head.method() == bhttp::verb::head;
  request.method.assign(request.is_head ? std::string_view("GET")
                                        : std::string_view(head.method_string()));
  request.target.assign(head.target());
  request.host.assign(head[bhttp::field::host]);
  request.remote_address.assign(peer_address_);
  request.secure = tls_.has_value();
  std::size_t count = 0;
  for (const auto& field : head) {
    if (count == request.headers.size()) request.headers.emplace_back();
    Header& header = request.headers[count++];
    header.name.assign(field.name_string());
    header.value.assign(field.value());
  }
  request.headers.resize(count);
  request.body.clear();
  if (server_.options_.trusted_proxies) ResolveClient(*server_.options_.trusted_proxies, request);
}

net::awaitable<bool> Server::Impl::Session::Handshake() {
  if (!tls_) co_return true;
  Arm(server_.options_.header_timeout);
  // Plain HTTP sent to the TLS port (http://host:443/) is told so, as nginx tells it,
  // rather than reset: a TLS client's first byte is a handshake record's type, 22.
  auto [wait_ec] = co_await socket_.async_wait(tcp::socket::wait_read, kAsTuple);
  unsigned char first = 0;
  ErrorCode ec = wait_ec;
  if (!ec) socket_.receive(net::buffer(&first, 1), tcp::socket::message_peek, ec);
  if (!ec && first != 22) {
    Disarm();
    tls_.reset();  // a plain connection from here on
    Response response =
        Response::Text(400, "This port speaks HTTPS: ask for https:// rather than http://.\n");
    server_.Finish(nullptr, response);
    received_ = std::chrono::system_clock::now();
    const bool sent = co_await Send(nullptr, 11, response, /*keep_alive=*/false);
    if (sent) co_await LingeringClose();
    co_return false;
  }
  if (!ec) ec = co_await tls_->Handshake();
  Disarm();
  if (ec) {  // scanners, old clients, timeouts: nothing worth a log line
    socket_.close(ec);
    co_return false;
  }
  if (tls_->alpn() == "acme-tls/1") {
    co_await LingeringClose();
    co_return false;
  }
  co_return true;
}

net::awaitable<void> Server::Impl::Session::ServeRequests() {
  const ServerOptions& options = server_.options_;
  for (bool first = true;; first = false) {
    if (server_.stopping_) co_return;
    waiting_ = true;
    if (!first && buffer_.size() == 0) {
      // Idle keep-alive: wait for the first byte of the next request.
      Arm(options.idle_timeout);
      ErrorCode ec;
      std::size_t n = 0;
      if (tls_) {
        std::tie(ec, n) = co_await tls_->ReadSome(buffer_.prepare(kReadChunk));
      } else {
        std::tie(ec, n) = co_await socket_.async_read_some(buffer_.prepare(kReadChunk), kAsTuple);
      }
      Disarm();
      if (ec) co_return;  // idle timeout, peer gone or shutdown: close silently
      buffer_.commit(n);
    }

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(
        static_cast<std::uint32_t>(std::min<std::size_t>(options.max_header_bytes, UINT32_MAX)));
    parser.body_limit(boost::none);  // the route's limit is applied once the head is known
    ErrorCode head_ec;
    if (!ParseBufferedHead(parser, head_ec)) {
      Arm(options.header_timeout);
      if (tls_) {
        head_ec = co_await ReadTls(parser, /*head_only=*/true);
      } else {
        std::tie(head_ec, std::ignore) =
            co_await bhttp::async_read_header(socket_, buffer_, parser, kAsTuple);
      }
      Disarm();
    }
    waiting_ = false;
    received_ = std::chrono::system_clock::now();
    if (head_ec) {
      request_.remote_address.assign(peer_address_);  // not the previous request's client
      if (timed_out_) {
        co_await Fail(408, nullptr, 11);
      } else if (head_ec == bhttp::error::header_limit) {
        co_await Fail(431, nullptr, 11);
      } else if (IsMalformed(head_ec)) {
        co_await Fail(400, nullptr, 11);
      }
      co_return;  // otherwise closed, reset or shut down: nothing to answer
    }

    const auto& head = parser.get();
    const unsigned version = head.version();
    FillRequest(head);
    const Request& request = request_;

    const std::size_t limit = server_.BodyLimitFor(request);
    if (auto length = parser.content_length(); length && *length > limit) {
      co_await Fail(413, &request, version);
      co_return;
    }
    if (!parser.is_done()) {
      parser.body_limit(limit);  // enforced while chunks arrive
      if (version >= 11 && beast::iequals(head[bhttp::field::expect], "100-continue")) {
        Arm(options.write_timeout);
        ErrorCode ec;
        if (tls_) {
          ec = co_await tls_->Write(kContinue);
        } else {
          std::tie(ec, std::ignore) =
              co_await net::async_write(socket_, net::buffer(kContinue), kAsTuple);
        }
        Disarm();
        if (ec) co_return;
      }
      Arm(options.body_timeout);
      ErrorCode body_ec;
      if (tls_) {
        body_ec = co_await ReadTls(parser, /*head_only=*/false);
      } else {
        std::tie(body_ec, std::ignore) =
            co_await bhttp::async_read(socket_, buffer_, parser, kAsTuple);
      }
      Disarm();
      if (body_ec) {
        if (timed_out_) {
          co_await Fail(408, &request, version);
        } else if (body_ec == bhttp::error::body_limit) {
          co_await Fail(413, &request, version);
        } else if (IsMalformed(body_ec)) {
          co_await Fail(400, &request, version);
        }
        co_return;
      }
    }
    const bool client_keeps_alive = parser.get().keep_alive();
    request_.body = std::move(parser.get().body());

    // Reads run here, on the connection's worker thread. Other methods (writes, which
    // may wait for the disk) run on the write pool, so that a worker thread never sits
    // in an fsync while cached pages wait to be sent.
    // (An if, not ?:, around co_await: GCC 12 mishandles temporaries of a co_await in a
    // conditional expression.)
    Response response;
    if (request.method == "GET") {
      response = server_.Invoke(request);
    } else {
      response = co_await net::co_spawn(
          server_.write_pool_,
          [this, &request]() -> net::awaitable<Response> { co_return server_.Invoke(request); },
          net::use_awaitable);
    }
    const bool keep_alive = client_keeps_alive && !server_.stopping_;
    const bool sent = co_await Send(&request, version, response, keep_alive);
    if (!sent) co_return;
    if (!keep_alive) {
      co_await LingeringClose();
      co_return;
    }
  }
}

net::awaitable<bool> Server::Impl::Session::Send(const Request* request, unsigned version,
                                                 const Response& response, bool keep_alive) {
  const int status = response.status;
  const bool bodiless = status == 204 || status == 304;
  const bool send_body = !bodiless && !(request != nullptr && request->is_head);
  write_armed_ = false;
  bool sent;
  std::size_t body_bytes = 0;
  if (response.file_body) {
    sent = co_await SendFile(version, response, keep_alive, send_body);
    if (send_body) body_bytes = response.file_body->size();
  } else {
    sent = co_await SendBuffered(version, response, keep_alive, send_body);
    if (send_body && response.body) body_bytes = response.body->size();
  }
  if (write_armed_) Disarm();

  if (server_.options_.access_log) {
    AccessLogEntry entry;
    entry.remote_address = request_.remote_address;
    entry.time = received_;
    entry.status = status;
    entry.body_bytes = body_bytes;
    if (request != nullptr) {
      entry.method = request->is_head ? std::string_view("HEAD") : request->method;
      entry.target = request->target;
      entry.version = version;
      entry.referer = request->GetHeader("Referer");
      entry.user_agent = request->GetHeader("User-Agent");
    }
    log_line_.clear();
    AppendAccessLogLine(entry, log_line_);
    server_.options_.access_log(log_line_);
  }
  co_return sent;
}

net::awaitable<bool> Server::Impl::Session::SendBuffered(unsigned version, const Response& response,
                                                         bool keep_alive, bool send_body) {
  static const std::string kEmpty;
  const std::string& body = response.body ? *response.body : kEmpty;  // alive until we return
  const int status = response.status;
  const bool bodiless = status == 204 || status == 304;
  if (tls_) {
    co_return co_await SendTls(
        version, response, keep_alive,
        bodiless ? std::optional<std::string_view>() : std::string_view(body), send_body);
  }

  bhttp::response<bhttp::span_body<const char>> message;
  message.result(static_cast<unsigned>(status));
  message.version(version == 10 ? 10 : 11);
  ForEachHeader(response, [&message](std::string_view name, std::string_view value) {
    message.insert(name, value);
  });
  message.keep_alive(keep_alive);
  if (!bodiless) message.content_length(body.size());
  if (send_body) message.body() = {body.data(), body.size()};

  bhttp::response_serializer<bhttp::span_body<const char>> serializer(message);
  // Written at once if the kernel takes it all (the usual case), else asynchronously.
  ErrorCode ec;
  while (!ec && !serializer.is_done()) bhttp::write_some(socket_, serializer, ec);
  if (ec == net::error::would_block) {
    Arm(server_.options_.write_timeout);
    write_armed_ = true;
    auto [async_ec, n] = co_await bhttp::async_write(socket_, serializer, kAsTuple);
    ec = async_ec;
  }
  co_return !ec;
}

net::awaitable<bool> Server::Impl::Session::SendFile(unsigned version, const Response& response,
                                                     bool keep_alive, bool send_body) {
  const int status = response.status;
  const bool bodiless = status == 204 || status == 304;
  if (tls_) {
    co_return co_await SendTls(
        version, response, keep_alive,
        bodiless ? std::optional<std::string_view>() : response.file_body->bytes(), send_body);
  }
  const std::size_t size = response.file_body->size();
  head_.clear();
  AppendHead(head_, status, version, response, keep_alive,
             bodiless ? std::nullopt : std::optional<std::size_t>(size));
  const bool with_body = send_body && size > 0;
  // MSG_MORE: the head waits (briefly) for the body, so that they share a segment.
  if (!co_await WriteBytes(head_, with_body ? MSG_MORE : 0)) co_return false;
  if (!with_body) co_return true;
  co_return co_await SendFileBody(*response.file_body);
}

net::awaitable<bool> Server::Impl::Session::SendTls(unsigned version, const Response& response,
                                                    bool keep_alive,
                                                    std::optional<std::string_view> body,
                                                    bool send_body) {
  head_.clear();
  AppendHead(head_, response.status, version, response, keep_alive,
             body ? std::optional<std::size_t>(body->size()) : std::nullopt);
  std::string_view rest = send_body && body ? *body : std::string_view();
  // OpenSSL seals each write into records of up to 16 KiB: the head goes with the body's
  // start, or it would be a record (and a send) of its own.
  constexpr std::size_t kTlsRecord = 16384;
  const std::size_t lead = std::min(rest.size(), kTlsRecord - std::min(kTlsRecord, head_.size()));
  head_.append(rest.substr(0, lead));
  rest.remove_prefix(lead);
  Arm(server_.options_.write_timeout);
  write_armed_ = true;
  const ErrorCode ec = co_await tls_->Write(head_, rest);
  co_return !ec;
}

net::awaitable<ErrorCode> Server::Impl::Session::ReadTls(
    bhttp::request_parser<bhttp::string_body>& parser, bool head_only) {
  const auto done = [&] { return head_only ? parser.is_header_done() : parser.is_done(); };
  bool need_input = buffer_.size() == 0;
  while (!done()) {
    if (need_input) {
      auto [ec, n] = co_await tls_->ReadSome(buffer_.prepare(kReadChunk));
      if (ec == net::error::eof) {
        // As Beast says it: nothing read yet is end_of_stream, a message cut short partial.
        co_return parser.got_some() ? bhttp::error::partial_message : bhttp::error::end_of_stream;
      }
      if (ec) co_return ec;
      buffer_.commit(n);
    }
    ErrorCode ec;
    const std::size_t used = parser.put(buffer_.data(), ec);
    buffer_.consume(used);
    need_input = ec == bhttp::error::need_more || (!ec && used == 0);
    if (ec && ec != bhttp::error::need_more) co_return ec;
  }
  co_return ErrorCode();
}

net::awaitable<bool> Server::Impl::Session::WriteBytes(std::string_view bytes, int flags) {
  while (!bytes.empty()) {
    ErrorCode ec;
    const std::size_t n = socket_.send(net::buffer(bytes.data(), bytes.size()), flags, ec);
    if (!ec) {
      bytes.remove_prefix(n);
    } else if (ec != net::error::would_block || !co_await WaitWritable()) {
      co_return false;
    }
  }
  co_return true;
}

net::awaitable<bool> Server::Impl::Session::SendFileBody(const SealedBytes& file) {
  const off_t size = static_cast<off_t>(file.size());
  off_t offset = 0;
  while (offset < size) {
    const ssize_t n = ::sendfile(socket_.native_handle(), file.fd(), &offset,
                                 static_cast<std::size_t>(size - offset));
    if (n > 0) continue;  // sendfile advanced `offset`
    const int error = n < 0 ? errno : 0;
    if (error == EINTR) continue;
    if (error == EAGAIN || error == EWOULDBLOCK) {
      if (!co_await WaitWritable()) co_return false;
      continue;
    }
    if (error == 0) {
      LogError("sendfile: a sealed body ended before its size");
    } else if (error != EPIPE && error != ECONNRESET) {
      LogError(std::string("sendfile failed: ") + std::strerror(error));
    }
    co_return false;
  }
  co_return true;
}

net::awaitable<bool> Server::Impl::Session::WaitWritable() {
  if (!write_armed_) {
    Arm(server_.options_.write_timeout);
    write_armed_ = true;
  }
  auto [ec] = co_await socket_.async_wait(tcp::socket::wait_write, kAsTuple);
  co_return !ec;
}

net::awaitable<void> Server::Impl::Session::Fail(int status, const Request* request,
                                                 unsigned version) {
  Response response = Response::Text(status, ReasonText(status));
  server_.Finish(request, response);
  const bool sent = co_await Send(request, version, response, /*keep_alive=*/false);
  if (sent) co_await LingeringClose();
}

net::awaitable<void> Server::Impl::Session::LingeringClose() {
  ErrorCode ec;
  if (tls_) {
    Arm(kLingerTime);
    co_await tls_->Shutdown();  // close_notify; then the TCP side as for plain HTTP
    Disarm();
  }
  socket_.shutdown(tcp::socket::shutdown_send, ec);
  if (!ec) {
    Arm(kLingerTime);
    std::array<char, kReadChunk> scratch;
    for (std::size_t drained = 0; drained < kMaxLingerBytes;) {
      auto [read_ec, n] = co_await socket_.async_read_some(net::buffer(scratch), kAsTuple);
      if (read_ec) break;
      drained += n;
    }
    Disarm();
  }
  socket_.close(ec);
}

Server::Impl::Impl(ServerOptions options, Handler handler)
    : options_(std::move(options)),
      handler_(std::move(handler)),
      threads_(options_.threads > 0
                   ? options_.threads
                   : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))),
      io_context_(threads_),
      write_pool_(static_cast<std::size_t>(std::max(1, options_.write_threads))),
      control_(net::make_strand(io_context_)),
      acceptor_(control_),
      plain_acceptor_(control_),
      grace_timer_(control_) {}

Status Server::Impl::Start() {
  if (acceptor_.is_open()) return Status::InvalidArgument("the server is already started");
  if (options_.tls) {
    tls_context_.reset(SSL_CTX_new(TLS_server_method()));
    SSL_CTX* context = tls_context_.get();
    if (context == nullptr) return Status::Internal("OpenSSL cannot make a server context");
    SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
    SSL_CTX_set_options(context, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
    // Write() retries with what is left (partial writes, one record at a time).
    SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // A record in one read(2), not its 5-byte header first (TlsConnection always asks
    // OpenSSL before it waits for the socket, so nothing read ahead is left waiting).
    SSL_CTX_set_read_ahead(context, 1);
    // Resumption by stateless tickets only: no server-side cache to fill, lock and sweep
    // on every handshake (nor to share between nodes).
    SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_OFF);
    options_.tls->InstallOn(context);
  }
  auto port = Listen(acceptor_, options_.port);
  if (!port.ok()) return port.status();
  port_ = *port;
  if (options_.tls && options_.plain_port) {
    auto plain = Listen(plain_acceptor_, *options_.plain_port);
    if (!plain.ok()) {
      ErrorCode ignored;
      acceptor_.close(ignored);
      return plain.status();
    }
    plain_port_ = *plain;
  }
  return Status::Ok();
}

Result<uint16_t> Server::Impl::Listen(Acceptor& acceptor, uint16_t port) {
  ErrorCode ec;
  const net::ip::address address = net::ip::make_address(options_.address, ec);
  if (ec) return Status::InvalidArgument("not an IP address: \"" + options_.address + "\"");
  const tcp::endpoint endpoint(address, port);
  const std::string where = options_.address + " port " + std::to_string(port);

  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  uint16_t bound = 0;
  if (!ec) bound = acceptor.local_endpoint(ec).port();
  if (ec) {
    ErrorCode ignored;
    acceptor.close(ignored);
    if (ec == net::error::address_in_use) {
      return Status::Unavailable(where + " is already in use");
    }
    if (ec == boost::system::errc::address_not_available) {
      return Status::InvalidArgument(options_.address + " is not an address of this host");
    }
    return Status::Unavailable("cannot listen on " + where + ": " + ec.message());
  }
  return bound;
}

void Server::Impl::Run() {
  IgnoreSigpipeIfDefault();
  signals_.emplace(control_, SIGINT, SIGTERM, SIGHUP);
  WaitForSignal();
  if (acceptor_.is_open()) {
    net::co_spawn(control_, AcceptLoop(acceptor_, options_.tls != nullptr), LogEscapedException);
  }
  if (plain_acceptor_.is_open()) {
    net::co_spawn(control_, AcceptLoop(plain_acceptor_, false), LogEscapedException);
  }

  std::vector<std::thread> workers;
  for (int i = 1; i < threads_; ++i) workers.emplace_back([this] { RunWorker(); });
  RunWorker();
  for (std::thread& worker : workers) worker.join();
  signals_.reset();
}

void Server::Impl::WaitForSignal() {
  signals_->async_wait([this](const ErrorCode& ec, int signal) {
    if (ec) return;
    if (options_.on_signal) options_.on_signal(signal);
    if (signal == SIGHUP) return WaitForSignal();
    BeginShutdown();
  });
}

void Server::Impl::RunWorker() {
  for (;;) {
    try {
      io_context_.run();
      return;
    } catch (const std::exception& e) {
      LogError(std::string("worker caught: ") + e.what());
    }
  }
}

net::awaitable<void> Server::Impl::AcceptLoop(Acceptor& acceptor, bool secure) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(io_context_), kAsTuple);
    if (stopping_) co_return;  // the socket, if any, closes as it goes out of scope
    if (ec) {
      // Out of descriptors and the like: say so, pause, and keep serving.
      LogError("accept failed: " + ec.message());
      Timer pause(control_);
      pause.expires_after(std::chrono::milliseconds(50));
      co_await pause.async_wait(kAsTuple);
      continue;
    }
    auto session =
        std::make_shared<Session>(*this, std::move(socket), secure ? tls_context_.get() : nullptr);
    {
      std::lock_guard lock(mu_);
      if (sessions_.size() < options_.max_connections) {
        session->registered_ = true;
        sessions_.emplace(session.get(), session);
      }
    }
    const Strand strand = session->executor();
    net::co_spawn(strand,
                  session->registered_ ? Session::Serve(std::move(session))
                                       : Session::Reject(std::move(session)),
                  LogEscapedException);
  }
}

void Server::Impl::BeginShutdown() {
  if (stopping_.exchange(true)) return;
  ErrorCode ec;
  acceptor_.close(ec);
  plain_acceptor_.close(ec);
  if (signals_) signals_->cancel(ec);
  const auto live = LiveSessions();
  for (const auto& session : live) {
    net::post(session->executor(), [session] { session->CloseIfWaiting(); });
  }
  if (live.empty()) return;
  // Unregister() cancels this timer once the last session is gone.
  grace_timer_.expires_after(options_.shutdown_grace);
  grace_timer_.async_wait([this](const ErrorCode& wait_ec) {
    if (wait_ec) return;
    const auto stragglers = LiveSessions();
    if (!stragglers.empty()) {
      LogError("shutdown grace period over; closing " + std::to_string(stragglers.size()) +
               " connection(s)");
    }
    for (const auto& session : stragglers) {
      net::post(session->executor(), [session] { session->ForceClose(); });
    }
  });
}

void Server::Impl::Unregister(Session* session) {
  bool drained;
  {
    std::lock_guard lock(mu_);
    sessions_.erase(session);
    drained = sessions_.empty();
  }
  if (drained && stopping_) net::post(control_, [this] { grace_timer_.cancel(); });
}

std::vector<std::shared_ptr<Server::Impl::Session>> Server::Impl::LiveSessions() {
  std::vector<std::shared_ptr<Session>> live;
  std::lock_guard lock(mu_);
  live.reserve(sessions_.size());
  for (const auto& [raw, weak] : sessions_) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  return live;
}

std::size_t Server::Impl::BodyLimitFor(const Request& head) const {
  if (!options_.body_limit) return options_.max_body_bytes;
  try {
    const std::size_t limit = options_.body_limit(head);
    return limit == 0 ? options_.max_body_bytes : limit;
  } catch (const std::exception& e) {
    LogError(std::string("body_limit hook threw: ") + e.what());
  } catch (...) {
    LogError("body_limit hook threw an unknown exception");
  }
  return options_.max_body_bytes;
}

Response Server::Impl::Invoke(const Request& request) const {
  const auto what = [&request] { return request.method + " " + request.target; };
  Response response;
  try {
    response = handler_(request);
    if (response.status < 200 || response.status > 599) {
      LogError("handler returned status " + std::to_string(response.status) + " for " + what());
      response = Response::Text(500, ReasonText(500));
    }
  } catch (const std::exception& e) {
    LogError("handler threw on " + what() + ": " + e.what());
    response = Response::Text(500, ReasonText(500));
  } catch (...) {
    LogError("handler threw an unknown exception on " + what());
    response = Response::Text(500, ReasonText(500));
  }
  Finish(&request, response);
  return response;
}

void Server::Impl::Finish(const Request* request, Response& response) const {
  if (!options_.finish) return;
  try {
    options_.finish(request, response);
  } catch (const std::exception& e) {
    LogError(std::string("finish hook threw: ") + e.what());
  } catch (...) {
    LogError("finish hook threw an unknown exception");
  }
}

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
Server::~Server() = default;
Status Server::Start() { return impl_->Start(); }
uint16_t Server::port() const { return impl_->port(); }
std::size_t Server::connections() const { return impl_->connections(); }
uint16_t Server::plain_port() const { return impl_->plain_port(); }
void Server::Run() { impl_->Run(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace samizdat::http
