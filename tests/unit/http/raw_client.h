// A tiny blocking HTTP client over POSIX sockets for the server tests: it sends raw
// bytes and reads raw responses, so tests can send what no real client would.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace samizdat::http::testing {

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  bool HasHeader(const std::string& lower_name) const { return headers.count(lower_name) > 0; }
};

class RawClient {
 public:
  RawClient() = default;
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // Connects to 127.0.0.1:port; false if refused. A receive_buffer > 0 is set as the
  // socket's SO_RCVBUF first (a small one makes the server wait for the client to read).
  bool Connect(uint16_t port, int receive_buffer = 0);
  // How many bytes each read takes at most (4096 unless set).
  void set_read_chunk(std::size_t bytes) { read_chunk_ = bytes; }
  // Sends all of `bytes`; false on error (e.g. the server closed the connection).
  bool Send(std::string_view bytes);
  // Reads one response. `head_only`: the request was HEAD, so no body follows despite
  // Content-Length. Empty on close, error, or no complete response within 10 s.
  std::optional<RawResponse> ReadResponse(bool head_only = false);
  // Reads until the server closes (or 10 s pass); returns everything unread so far.
  std::string ReadUntilClose();
  // True if the server has closed the connection (reads EOF or reset within 10 s).
  bool WaitForClose();
  // Sends a FIN (shutdown(SHUT_WR)); the connection stays open for reading.
  void ShutdownSend();
  void Close();

 private:
  // Appends what arrives within the deadline to buffer_; false on EOF/error/timeout.
  bool Fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buffer_;  // received, not yet consumed
  std::size_t read_chunk_ = 4096;
};

}  // namespace samizdat::http::testing
