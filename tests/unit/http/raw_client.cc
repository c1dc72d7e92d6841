// RawClient: blocking POSIX-socket HTTP client for tests (no Beast, to compile fast).
#include "raw_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace samizdat::http::testing {
namespace {

constexpr std::chrono::seconds kTimeout{10};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

RawClient::~RawClient() { Close(); }

void RawClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void RawClient::ShutdownSend() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

bool RawClient::Connect(uint16_t port, int receive_buffer) {
  Close();
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return false;
  if (receive_buffer > 0 &&
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer) != 0) {
    Close();
    return false;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    Close();
    return false;
  }
  return true;
}

bool RawClient::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool RawClient::Fill(std::chrono::steady_clock::time_point deadline) {
  if (fd_ < 0) return false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + read_chunk_);
    const ssize_t n = ::recv(fd_, buffer_.data() + old_size, read_chunk_, 0);
    buffer_.resize(old_size + static_cast<std::size_t>(n > 0 ? n : 0));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    return true;
  }
}

std::optional<RawResponse> RawClient::ReadResponse(bool head_only) {
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  std::size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill(deadline)) return std::nullopt;
  }
  RawResponse response;
  const std::string head = buffer_.substr(0, head_end);
  std::size_t line_end = head.find("\r\n");
  const std::string status_line = head.substr(0, line_end);
  if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) return std::nullopt;
  response.status = std::atoi(status_line.c_str() + 9);
  while (line_end != std::string::npos) {
    const std::size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    const std::string line =
        head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    response.headers[Lower(line.substr(0, colon))] = value;
  }
  std::size_t length = 0;
  if (!head_only && response.HasHeader("content-length")) {
    length = std::strtoul(response.headers["content-length"].c_str(), nullptr, 10);
  }
  const std::size_t body_start = head_end + 4;
  while (buffer_.size() < body_start + length) {
    if (!Fill(deadline)) return std::nullopt;
  }
  response.body = buffer_.substr(body_start, length);
  buffer_.erase(0, body_start + length);
  return response;
}

std::string RawClient::ReadUntilClose() {
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (Fill(deadline)) {
  }
  std::string all;
  all.swap(buffer_);
  return all;
}

bool RawClient::WaitForClose() {
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (Fill(deadline)) {
  }
  if (fd_ < 0) return true;
  // Fill stopped: either EOF/reset (closed) or the deadline passed (still open).
  return std::chrono::steady_clock::now() < deadline;
}

}  // namespace samizdat::http::testing
