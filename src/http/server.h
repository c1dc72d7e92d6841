// An asynchronous HTTP/1.1 server on Boost.Beast that knows nothing about blogs: it
// parses requests under limits, hands each to a Handler, and writes the Response.
//
//   http::Server server(options, [](const http::Request& r) { return ...; });
//   if (auto st = server.Start(); !st.ok()) ...;   // binds the port
//   server.Run();                                   // until Stop() or SIGTERM/SIGINT
//
// Limits, each answered with its status and a short plain-text reason, then the
// connection is closed: a request head over max_header_bytes -> 431; a body over the
// limit -> 413; a head not complete within header_timeout -> 408; a malformed request
// -> 400; more than max_connections open -> 503. Keep-alive and pipelining are
// supported; HEAD is answered by running the handler as GET and sending no body.
// A Response whose file_body is set goes out with sendfile(2); since a peer that resets
// the connection would then raise SIGPIPE, Run() ignores SIGPIPE if its disposition is
// still the default. Accepted sockets have TCP_NODELAY set.
// Shutdown (Stop(), SIGTERM, SIGINT) stops accepting, closes connections idle between
// requests, lets requests in flight finish (their responses carry Connection: close)
// within shutdown_grace, then closes every connection.
//
// Thread safety: the Handler is called concurrently from `threads` worker threads (GET
// and HEAD) and `write_threads` write threads (every other method).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sealed_bytes.h"
#include "core/status.h"

namespace samizdat::http {

class TlsCertificates;  // tls_certificates.h
class TrustedProxies;   // trusted_proxies.h

struct Header {
  std::string name;
  std::string value;
};

struct Request {
  std::string method;    // "GET", "POST", ...; HEAD reaches handlers as "GET"
  bool is_head = false;  // the client asked with HEAD
  std::string target;    // as sent: "/search?q=x"
  // The client's, as the server sees it or, from a trusted proxy, as the proxy says
  // (ServerOptions::trusted_proxies, trusted_proxies.h):
  std::string host;            // the Host header, as sent (may carry a port)
  std::string remote_address;  // the client's IP address
  bool secure = false;         // the client spoke HTTPS (to our TLS port, or to the proxy)
  std::vector<Header> headers;
  std::string body;

  // The first header of that name, compared case-insensitively; "" if absent.
  std::string_view GetHeader(std::string_view name) const;
};

struct Response {
  int status = 200;
  // Content-Type and the like. The server adds Date and Server unless given here, and
  // frames the message itself: Content-Length, Transfer-Encoding and Connection given
  // here are dropped, as are headers with an invalid name or a CR, LF or NUL in the value.
  std::vector<Header> headers;
  // Headers many responses share (precomputed once, e.g. the security headers), sent
  // after `headers` without a copy. Checked as `headers` are. May be null.
  std::shared_ptr<const std::vector<Header>> shared_headers;
  // Shared, so that cached bytes go out without a copy. Never null by default (an empty
  // string shared by all responses; no allocation).
  std::shared_ptr<const std::string> body = EmptyBody();
  // When set, this is the body and `body` is ignored: the server writes the head
  // (Content-Length = file_body->size()) and then hands the bytes to the kernel with
  // sendfile(2), so they are not copied through user space. For cached pages. HEAD,
  // 204 and 304 send no body, as with `body`.
  std::shared_ptr<const SealedBytes> file_body;

  static Response Text(int status, std::string text,
                       std::string content_type = "text/plain; charset=utf-8");
  // The shared empty body `body` starts as.
  static std::shared_ptr<const std::string> EmptyBody();
};

using Handler = std::function<Response(const Request&)>;

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: the system picks a free port (see port())
  // HTTPS: when set, `port` speaks TLS (1.2 and 1.3) with these certificates, chosen by
  // SNI (tls_certificates.h), and its requests are Request::secure.
  std::shared_ptr<const TlsCertificates> tls;
  // With tls: a second port on `address` speaking plain HTTP (usually 80, for ACME's
  // HTTP-01 challenges and redirects to https, which the handler decides); 0: a free
  // port (see plain_port()). Bound by Start() as `port` is.
  std::optional<uint16_t> plain_port;
  int threads = 0;  // worker threads; 0: one per core
  // Threads that run the handler for requests other than GET and HEAD (writes, which
  // may wait for the disk), so that the worker threads keep serving reads meanwhile.
  // A write thread mostly sleeps, waiting for its write's group commit; the writes in
  // flight at once, hence a group's size, are at most this many.
  int write_threads = 16;
  std::size_t max_header_bytes = 16 * 1024;  // 431 beyond
  std::size_t max_body_bytes = 1024 * 1024;  // 413 beyond (default for all routes)
  // Per-request body limit from the request head (method, target, headers), e.g. from a
  // route table; returns 0 to use max_body_bytes. May be empty.
  std::function<std::size_t(const Request& head)> body_limit;
  std::chrono::milliseconds header_timeout{10'000};  // 408 when the head is this late
  std::chrono::milliseconds body_timeout{30'000};    // 408 when the body is this late
  std::chrono::milliseconds idle_timeout{60'000};    // keep-alive connection closed
  std::chrono::milliseconds write_timeout{30'000};   // a response this slow is dropped
  std::size_t max_connections = 4096;                // 503 beyond
  std::chrono::milliseconds shutdown_grace{10'000};
  // Peers whose Forwarded / X-Forwarded-* headers are believed (trusted_proxies.h):
  // the handler and the access log see the client's address, scheme and host.
  std::shared_ptr<const TrustedProxies> trusted_proxies;  // null: none
  // Called on every response before it is written, the server's own answers (400, 408,
  // 413, 431, 503) included; `request` is null when no request head was read. For headers
  // every answer carries. May be empty; called concurrently.
  std::function<void(const Request* request, Response& response)> finish;
  // Receives one line per request in the combined log format (no newline), after its
  // response is written; called concurrently from the worker threads. May be empty.
  std::function<void(std::string_view line)> access_log;
  // Called while Run() runs, on the server's control thread, when the process receives
  // SIGHUP (reload certificates, reopen logs: the server keeps serving), SIGINT or SIGTERM
  // (the server then shuts down gracefully). Must not block for long. May be empty.
  std::function<void(int signal)> on_signal;
};

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. InvalidArgument for a bad address; Unavailable when the port is
  // taken (the message says which).
  Status Start();
  // The bound port, after Start().
  uint16_t port() const;
  // The bound plain-HTTP port beside a TLS one (ServerOptions::plain_port), after Start();
  // 0 when there is none.
  uint16_t plain_port() const;
  // The connections open now (counted from accept to close). Thread-safe.
  std::size_t connections() const;
  // Serves on the worker threads (the calling thread is one of them) until Stop() or
  // SIGTERM/SIGINT, then shuts down gracefully and returns. Call at most once. A handler
  // that never returns keeps Run() from returning.
  void Run();
  // Begins a graceful shutdown. Thread-safe; may be called from any thread or before Run().
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samizdat::http
