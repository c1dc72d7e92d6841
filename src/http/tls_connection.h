// One TLS connection (internal to src/http): OpenSSL's SSL object reading and writing the
// connection's non-blocking socket itself (a socket BIO), and waiting through Asio for
// the socket when OpenSSL wants to read or write. Records go straight between OpenSSL's
// buffers and the kernel: no copy through a BIO pair, as Asio's ssl::stream would make.
//
// Errors: every call answers an error_code: net::error::eof when the peer closed (with or
// without close_notify), operation_aborted when the socket was cancelled (a deadline), an
// error of boost::asio::error::get_ssl_category() for a TLS failure.
//
// Thread safety: none; the connection's strand makes every call, one at a time.
#pragma once

#include <openssl/ssl.h>

#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>

#include "core/openssl.h"
#include "http/asio_types.h"

namespace samizdat::http::internal {

class TlsConnection {
 public:
  // A server-side connection over `socket` (which must outlive it and be non-blocking),
  // starting from `context`, whose callbacks choose the certificate (tls_certificates.h).
  TlsConnection(SSL_CTX* context, Socket& socket);

  // The server's side of the handshake.
  net::awaitable<ErrorCode> Handshake();
  // The protocol ALPN chose ("http/1.1", "acme-tls/1"), or "" without ALPN.
  std::string_view alpn() const;
  // Reads what is available (at least one byte) into `buffer`.
  net::awaitable<std::pair<ErrorCode, std::size_t>> ReadSome(net::mutable_buffer buffer);
  // Writes all of `first` and then all of `second`.
  net::awaitable<ErrorCode> Write(std::string_view first, std::string_view second = {});
  // Sends close_notify (not waiting for the peer's).
  net::awaitable<void> Shutdown();

 private:
  // After an SSL call returned `result`: waits for the socket when OpenSSL wants it (an
  // empty error_code: call again), else the error that ends the call.
  net::awaitable<ErrorCode> WaitOrFail(int result);

  Socket& socket_;
  OpenSslPtr<SSL, SSL_free> ssl_;
};

}  // namespace samizdat::http::internal
