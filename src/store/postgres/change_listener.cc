// ChangeListener: LISTEN on one connection, poll(2) on its socket, reconnect when lost.
#include "store/postgres/change_listener.h"

#include <poll.h>

#include <chrono>
#include <memory>

#include "store/postgres/connection.h"

namespace samizdat::store::postgres {
namespace {

// How long the thread sleeps in poll(2) before looking at the stop token again.
constexpr int kPollMillis = 100;

// Sleeps up to `duration`, waking early when asked to stop.
void SleepUnlessStopped(std::stop_token stop, std::chrono::milliseconds duration) {
  const auto until = std::chrono::steady_clock::now() + duration;
  while (!stop.stop_requested() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

ChangeListener::ChangeListener(std::string conninfo)
    : conninfo_(std::move(conninfo)), thread_([this](std::stop_token stop) { Run(stop); }) {}

void ChangeListener::Run(std::stop_token stop) {
  int failures = 0;
  while (!stop.stop_requested()) {
    Result<std::unique_ptr<Connection>> conn = Connection::Open(conninfo_);
    if (!conn.ok() || !(*conn)->Exec(std::string("LISTEN ") + kChangeChannel).ok()) {
      ++failures;
      SleepUnlessStopped(stop, std::chrono::milliseconds(failures < 8 ? 250 : 1000));
      continue;
    }
    // Whatever was written while no one listened (before the first LISTEN too, when a
    // request may already have read the blogs) is unknown: count it as a change.
    counter_.fetch_add(1, std::memory_order_release);
    failures = 0;
    PGconn* handle = (*conn)->handle();
    while (!stop.stop_requested()) {
      pollfd waiting{PQsocket(handle), POLLIN, 0};
      if (waiting.fd < 0) break;
      const int ready = poll(&waiting, 1, kPollMillis);
      if (ready <= 0) continue;                // nothing yet, or EINTR
      if (PQconsumeInput(handle) == 0) break;  // the connection is gone
      bool changed = false;
      while (PGnotify* note = PQnotifies(handle)) {
        changed = true;
        PQfreemem(note);
      }
      if (changed) counter_.fetch_add(1, std::memory_order_release);
      if ((*conn)->Broken()) break;
    }
  }
}

}  // namespace samizdat::store::postgres
