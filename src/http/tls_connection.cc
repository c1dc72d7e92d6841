// TlsConnection: OpenSSL's non-blocking calls, each retried once Asio says the socket is
// ready for what OpenSSL wanted.
#include "http/tls_connection.h"

#include <openssl/err.h>

#include <boost/asio/ssl/error.hpp>

namespace samizdat::http::internal {

TlsConnection::TlsConnection(SSL_CTX* context, Socket& socket)
    : socket_(socket), ssl_(SSL_new(context)) {
  if (!ssl_) return;
  SSL_set_fd(ssl_.get(), socket_.native_handle());  // the fd stays Asio's
  SSL_set_accept_state(ssl_.get());
}

net::awaitable<ErrorCode> TlsConnection::WaitOrFail(int result) {
  const int error = SSL_get_error(ssl_.get(), result);
  if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
    auto [ec] = co_await socket_.async_wait(
        error == SSL_ERROR_WANT_READ ? tcp::socket::wait_read : tcp::socket::wait_write, kAsTuple);
    co_return ec;
  }
  const unsigned long queued = ERR_peek_last_error();
  ERR_clear_error();
  if (error == SSL_ERROR_ZERO_RETURN || (error == SSL_ERROR_SYSCALL && queued == 0)) {
    co_return net::error::eof;  // close_notify, or the peer closed or reset the connection
  }
  co_return ErrorCode(static_cast<int>(queued != 0 ? queued : SSL_R_UNEXPECTED_EOF_WHILE_READING),
                      net::error::get_ssl_category());
}

net::awaitable<ErrorCode> TlsConnection::Handshake() {
  if (!ssl_) co_return ErrorCode(net::error::no_memory);
  for (;;) {
    ERR_clear_error();
    const int result = SSL_do_handshake(ssl_.get());
    if (result == 1) co_return ErrorCode();
    if (ErrorCode ec = co_await WaitOrFail(result)) co_return ec;
  }
}

std::string_view TlsConnection::alpn() const {
  const unsigned char* protocol = nullptr;
  unsigned int length = 0;
  SSL_get0_alpn_selected(ssl_.get(), &protocol, &length);
  return {reinterpret_cast<const char*>(protocol), length};
}

net::awaitable<std::pair<ErrorCode, std::size_t>> TlsConnection::ReadSome(
    net::mutable_buffer buffer) {
  for (;;) {
    ERR_clear_error();
    std::size_t n = 0;
    const int result = SSL_read_ex(ssl_.get(), buffer.data(), buffer.size(), &n);
    if (result == 1) co_return std::pair(ErrorCode(), n);
    if (ErrorCode ec = co_await WaitOrFail(result)) co_return std::pair(ec, std::size_t{0});
  }
}

net::awaitable<ErrorCode> TlsConnection::Write(std::string_view first, std::string_view second) {
  for (std::string_view bytes : {first, second}) {
    while (!bytes.empty()) {
      ERR_clear_error();
      std::size_t n = 0;
      const int result = SSL_write_ex(ssl_.get(), bytes.data(), bytes.size(), &n);
      if (result == 1) {
        bytes.remove_prefix(n);
      } else if (ErrorCode ec = co_await WaitOrFail(result)) {
        co_return ec;
      }
    }
  }
  co_return ErrorCode();
}

net::awaitable<void> TlsConnection::Shutdown() {
  for (int tries = 0; tries < 4; ++tries) {
    ERR_clear_error();
    const int result = SSL_shutdown(ssl_.get());
    if (result >= 0) co_return;  // close_notify sent (0: the peer's not awaited)
    if (co_await WaitOrFail(result)) co_return;
  }
}

}  // namespace samizdat::http::internal
