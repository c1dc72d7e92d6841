// The Beast/Asio side of http::Server: the listener, one coroutine session per
// connection on its own strand, per-request limits and deadlines, graceful shutdown.
// This is the only translation unit of samizdat that includes Beast and Asio.
//
// Design notes:
// (1) Every socket operation runs under a deadline armed just before it and disarmed
//     right after (Session::Arm/Disarm). An expired deadline cancels the socket rather
//     than closing it, so a 408 can still be written; a generation counter keeps a stale
//     expiry from cancelling a later operation.
// (2) A session is "waiting" while it reads the next request's head (or idles for it),
//     and "busy" from a complete head until its response is written. Shutdown cancels
//     waiting sessions; busy ones finish their response with Connection: close.
// (3) Requests on a connection are handled strictly one after another (read, handle,
//     write), so pipelined requests queue in the read buffer and cannot pile up
//     responses: that is the backpressure.
// (4) After an error response, or any response that closes the connection, the send
//     side is shut down and unread input is drained briefly before closing ("lingering
//     close"), so the client sees the response rather than a reset.
#include "http/server.h"

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
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/span_body.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <csignal>
#include <cstdio>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/log_format.h"

namespace samizdat::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using ErrorCode = boost::system::error_code;
using Strand = net::strand<net::io_context::executor_type>;
using Socket = net::basic_stream_socket<tcp, Strand>;
using Acceptor = net::basic_socket_acceptor<tcp, Strand>;
using Timer = net::basic_waitable_timer<std::chrono::steady_clock,
                                        net::wait_traits<std::chrono::steady_clock>, Strand>;
using SignalSet = net::basic_signal_set<Strand>;

constexpr auto kAsTuple = net::as_tuple(net::use_awaitable);
constexpr std::size_t kReadChunk = 4096;
// Lingering close: how long and how much unread input is drained before closing.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr std::size_t kMaxLingerBytes = 1 << 20;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

void LogError(std::string_view what) {
  std::fprintf(stderr, "samizdat http: %.*s\n", static_cast<int>(what.size()), what.data());
}

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

bool IsToken(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool IsSafeValue(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
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
  void Run();
  void Stop() {
    net::post(control_, [this] { BeginShutdown(); });
  }

 private:
  class Session;

  net::awaitable<void> AcceptLoop();
  void RunWorker();
  // On control_: stop accepting, close waiting sessions, arm the grace timer.
  void BeginShutdown();
  // Any thread: called as a registered session ends.
  void Unregister(Session* session);
  std::vector<std::shared_ptr<Session>> LiveSessions();
  // The body limit for a request head: the hook's answer, or max_body_bytes.
  std::size_t BodyLimitFor(const Request& head) const;
  // Runs the handler; exceptions and invalid statuses become a 500.
  Response Invoke(const Request& request) const;

  const ServerOptions options_;
  const Handler handler_;
  const int threads_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;  // guarded by mu_
  uint16_t port_ = 0;
  // Declared last so that it is destroyed first, together with any pending handlers.
  net::io_context io_context_;
  Strand control_;  // serializes the acceptor, signals, grace timer and BeginShutdown
  Acceptor acceptor_;
  Timer grace_timer_;
  std::optional<SignalSet> signals_;  // exists while Run() runs
};

// One connection. All members are touched only on the connection's strand.
class Server::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Impl& server, Socket socket)
      : server_(server), socket_(std::move(socket)), deadline_(socket_.get_executor()) {
    ErrorCode ec;
    const tcp::endpoint peer = socket_.remote_endpoint(ec);
    if (!ec) remote_address_ = peer.address().to_string();
  }
  ~Session() {
    if (registered_) server_.Unregister(this);
  }

  Strand executor() { return socket_.get_executor(); }

  static net::awaitable<void> Serve(std::shared_ptr<Session> self) {
    co_await self->ServeRequests();
  }

  // Answers 503 and closes: the connection limit is reached.
  static net::awaitable<void> Reject(std::shared_ptr<Session> self) {
    Response response = Response::Text(503, ReasonText(503));
    response.headers.push_back({"Retry-After", "5"});
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
  net::awaitable<void> ServeRequests();
  // Writes `response` (HEAD: without its body) and logs it; false if the write failed.
  net::awaitable<bool> Send(const Request* request, unsigned version, const Response& response,
                            bool keep_alive);
  // Answers `status` with its reason as text, then closes.
  net::awaitable<void> Fail(int status, const Request* request, unsigned version);
  net::awaitable<void> LingeringClose();

  void Arm(std::chrono::milliseconds timeout) {
    timed_out_ = false;
    deadline_.expires_after(timeout);
    deadline_.async_wait([self = shared_from_this(), generation = ++generation_](ErrorCode ec) {
      if (ec || generation != self->generation_) return;
      self->timed_out_ = true;
      ErrorCode ignored;
      self->socket_.cancel(ignored);
    });
  }
  void Disarm() {
    ++generation_;
    deadline_.cancel();
  }

  Impl& server_;
  Socket socket_;
  Timer deadline_;
  uint64_t generation_ = 0;  // of the armed deadline; see design note (1)
  bool timed_out_ = false;   // the last armed deadline expired
  bool waiting_ = true;      // see design note (2)
  beast::flat_buffer buffer_;
  std::string remote_address_;
  std::chrono::system_clock::time_point received_;  // when the current head arrived
};

net::awaitable<void> Server::Impl::Session::ServeRequests() {
  const ServerOptions& options = server_.options_;
  for (bool first = true;; first = false) {
    if (server_.stopping_) co_return;
    waiting_ = true;
    if (!first && buffer_.size() == 0) {
      // Idle keep-alive: wait for the first byte of the next request.
      Arm(options.idle_timeout);
      auto [ec, n] = co_await socket_.async_read_some(buffer_.prepare(kReadChunk), kAsTuple);
      Disarm();
      if (ec) co_return;  // idle timeout, peer gone or shutdown: close silently
      buffer_.commit(n);
    }

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(
        static_cast<std::uint32_t>(std::min<std::size_t>(options.max_header_bytes, UINT32_MAX)));
    parser.body_limit(boost::none);  // the route's limit is applied once the head is known
    Arm(options.header_timeout);
    auto [head_ec, head_n] = co_await bhttp::async_read_header(socket_, buffer_, parser, kAsTuple);
    Disarm();
    waiting_ = false;
    received_ = std::chrono::system_clock::now();
    if (head_ec) {
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
    Request request;
    request.is_head = head.method() == bhttp::verb::head;
    request.method = request.is_head ? std::string("GET") : std::string(head.method_string());
    request.target = std::string(head.target());
    request.host = std::string(head[bhttp::field::host]);
    request.remote_address = remote_address_;
    for (const auto& field : head) {
      request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }

    const std::size_t limit = server_.BodyLimitFor(request);
    if (auto length = parser.content_length(); length && *length > limit) {
      co_await Fail(413, &request, version);
      co_return;
    }
    if (!parser.is_done()) {
      parser.body_limit(limit);  // enforced while chunks arrive
      if (version >= 11 && beast::iequals(head[bhttp::field::expect], "100-continue")) {
        Arm(options.write_timeout);
        auto [ec, n] = co_await net::async_write(socket_, net::buffer(kContinue), kAsTuple);
        Disarm();
        if (ec) co_return;
      }
      Arm(options.body_timeout);
      auto [body_ec, body_n] = co_await bhttp::async_read(socket_, buffer_, parser, kAsTuple);
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
    request.body = std::move(parser.get().body());

    const Response response = server_.Invoke(request);
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
  static const std::string kEmpty;
  const std::string& body = response.body ? *response.body : kEmpty;  // alive until we return
  const int status = response.status;

  bhttp::response<bhttp::span_body<const char>> message;
  message.result(static_cast<unsigned>(status));
  message.version(version == 10 ? 10 : 11);
  message.set(bhttp::field::server, "samizdat");
  message.set(bhttp::field::date, CachedHttpDate());
  for (const Header& header : response.headers) {
    if (!IsToken(header.name) || !IsSafeValue(header.value)) {
      LogError("dropped an invalid response header: " + header.name);
      continue;
    }
    if (beast::iequals(header.name, "Content-Length") ||
        beast::iequals(header.name, "Transfer-Encoding") ||
        beast::iequals(header.name, "Connection")) {
      continue;  // framing is the server's business
    }
    if (beast::iequals(header.name, "Server") || beast::iequals(header.name, "Date")) {
      message.set(header.name, header.value);
    } else {
      message.insert(header.name, header.value);
    }
  }
  message.keep_alive(keep_alive);
  const bool bodiless = status == 204 || status == 304;
  const bool is_head = request != nullptr && request->is_head;
  if (!bodiless) message.content_length(body.size());
  if (!bodiless && !is_head) message.body() = {body.data(), body.size()};

  Arm(server_.options_.write_timeout);
  auto [ec, n] = co_await bhttp::async_write(socket_, message, kAsTuple);
  Disarm();

  if (server_.options_.access_log) {
    AccessLogEntry entry;
    entry.remote_address = remote_address_;
    entry.time = received_;
    entry.status = status;
    entry.body_bytes = message.body().size();
    if (request != nullptr) {
      entry.method = request->is_head ? std::string_view("HEAD") : request->method;
      entry.target = request->target;
      entry.version = version;
      entry.referer = request->GetHeader("Referer");
      entry.user_agent = request->GetHeader("User-Agent");
    }
    server_.options_.access_log(FormatAccessLogLine(entry));
  }
  co_return !ec;
}

net::awaitable<void> Server::Impl::Session::Fail(int status, const Request* request,
                                                 unsigned version) {
  const Response response = Response::Text(status, ReasonText(status));
  const bool sent = co_await Send(request, version, response, /*keep_alive=*/false);
  if (sent) co_await LingeringClose();
}

net::awaitable<void> Server::Impl::Session::LingeringClose() {
  ErrorCode ec;
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
      control_(net::make_strand(io_context_)),
      acceptor_(control_),
      grace_timer_(control_) {}

Status Server::Impl::Start() {
  if (acceptor_.is_open()) return Status::InvalidArgument("the server is already started");
  ErrorCode ec;
  const net::ip::address address = net::ip::make_address(options_.address, ec);
  if (ec) return Status::InvalidArgument("not an IP address: \"" + options_.address + "\"");
  const tcp::endpoint endpoint(address, options_.port);
  const std::string where = options_.address + " port " + std::to_string(options_.port);

  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (!ec) port_ = acceptor_.local_endpoint(ec).port();
  if (ec) {
    ErrorCode ignored;
    acceptor_.close(ignored);
    if (ec == net::error::address_in_use) {
      return Status::Unavailable(where + " is already in use");
    }
    if (ec == boost::system::errc::address_not_available) {
      return Status::InvalidArgument(options_.address + " is not an address of this host");
    }
    return Status::Unavailable("cannot listen on " + where + ": " + ec.message());
  }
  return Status::Ok();
}

void Server::Impl::Run() {
  signals_.emplace(control_, SIGINT, SIGTERM);
  signals_->async_wait([this](const ErrorCode& ec, int /*signal*/) {
    if (!ec) BeginShutdown();
  });
  if (acceptor_.is_open()) net::co_spawn(control_, AcceptLoop(), LogEscapedException);

  std::vector<std::thread> workers;
  for (int i = 1; i < threads_; ++i) workers.emplace_back([this] { RunWorker(); });
  RunWorker();
  for (std::thread& worker : workers) worker.join();
  signals_.reset();
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

net::awaitable<void> Server::Impl::AcceptLoop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(net::make_strand(io_context_), kAsTuple);
    if (stopping_) co_return;  // the socket, if any, closes as it goes out of scope
    if (ec) {
      // Out of descriptors and the like: say so, pause, and keep serving.
      LogError("accept failed: " + ec.message());
      Timer pause(control_);
      pause.expires_after(std::chrono::milliseconds(50));
      co_await pause.async_wait(kAsTuple);
      continue;
    }
    auto session = std::make_shared<Session>(*this, std::move(socket));
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
  const std::string what = request.method + " " + request.target;
  try {
    Response response = handler_(request);
    if (response.status >= 200 && response.status <= 599) return response;
    LogError("handler returned status " + std::to_string(response.status) + " for " + what);
  } catch (const std::exception& e) {
    LogError("handler threw on " + what + ": " + e.what());
  } catch (...) {
    LogError("handler threw an unknown exception on " + what);
  }
  return Response::Text(500, ReasonText(500));
}

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
Server::~Server() = default;
Status Server::Start() { return impl_->Start(); }
uint16_t Server::port() const { return impl_->port(); }
void Server::Run() { impl_->Run(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace samizdat::http
