// The Asio types the server's translation units share (internal to src/http): one strand
// per connection, its socket, and the coroutine completion token.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace samizdat::http::internal {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using ErrorCode = boost::system::error_code;
using Strand = net::strand<net::io_context::executor_type>;
using Socket = net::basic_stream_socket<tcp, Strand>;

// co_await op(..., kAsTuple) gives (error_code, result...) rather than throwing.
inline constexpr auto kAsTuple = net::as_tuple(net::use_awaitable);

}  // namespace samizdat::http::internal
