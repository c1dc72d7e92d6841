// WriteQueue's group commit, with a committer that records the groups it is given: writes
// that queue while a group commits form the next group, in their order; each caller gets
// its own write's outcome; no group is larger than kMaxGroup.
#include "store/sql/write_queue.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sqlite/connection.h"

namespace samizdat::store::sql {
namespace {

// A committer that runs each write's body on an in-memory database (the bodies here do
// not use it), records the group's size, and can be held at its start until released.
class RecordingCommitter {
 public:
  void operator()(std::span<PendingWrite* const> group) {
    {
      std::unique_lock lock(mu_);
      sizes_.push_back(group.size());
      entered_.notify_all();
      released_.wait(lock, [&] { return !held_; });
    }
    for (PendingWrite* write : group) write->status = write->body(*connection_);
  }

  void Hold() {
    std::lock_guard lock(mu_);
    held_ = true;
  }
  void Release() {
    std::lock_guard lock(mu_);
    held_ = false;
    released_.notify_all();
  }
  // Waits until `n` groups have started.
  void AwaitGroups(std::size_t n) {
    std::unique_lock lock(mu_);
    entered_.wait(lock, [&] { return sizes_.size() >= n; });
  }
  std::vector<std::size_t> Sizes() {
    std::lock_guard lock(mu_);
    return sizes_;
  }

 private:
  std::unique_ptr<sqlite::Connection> connection_ = sqlite::Connection::Open(":memory:").value();
  std::mutex mu_;
  std::condition_variable entered_, released_;
  bool held_ = false;
  std::vector<std::size_t> sizes_;
};

TEST(WriteQueueTest, WritesQueuedDuringACommitFormTheNextGroupAndGetTheirOwnOutcome) {
  RecordingCommitter committer;
  WriteQueue queue([&](std::span<PendingWrite* const> group) { committer(group); });
  committer.Hold();

  std::mutex order_mu;
  std::vector<int> order;  // the order the bodies ran in
  auto write = [&](int n) {
    auto body = [&, n](sql::Connection&) -> Status {
      std::lock_guard lock(order_mu);
      order.push_back(n);
      return n == 3 ? Status::Conflict("write 3 fails") : Status::Ok();
    };
    return queue.Submit(body);
  };
  // Write 0 leads a group of its own and is held inside the committer.
  std::future<Status> first = std::async(std::launch::async, write, 0);
  committer.AwaitGroups(1);
  // Writes 1…5 queue behind it, one after the other.
  std::vector<std::future<Status>> rest;
  for (int n = 1; n <= 5; ++n) {
    rest.push_back(std::async(std::launch::async, write, n));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  committer.Release();

  EXPECT_TRUE(first.get().ok());
  for (int n = 1; n <= 5; ++n) {
    Status status = rest[n - 1].get();
    EXPECT_EQ(status.IsConflict(), n == 3) << n << ": " << status.ToString();
    EXPECT_EQ(status.ok(), n != 3) << n;
  }
  EXPECT_EQ(committer.Sizes(), (std::vector<std::size_t>{1, 5}));
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
}

TEST(WriteQueueTest, NoGroupIsLargerThanTheLimit) {
  RecordingCommitter committer;
  WriteQueue queue([&](std::span<PendingWrite* const> group) { committer(group); });
  committer.Hold();
  auto body = [](sql::Connection&) { return Status::Ok(); };
  std::future<Status> first = std::async(std::launch::async, [&] { return queue.Submit(body); });
  committer.AwaitGroups(1);
  const std::size_t queued = WriteQueue::kMaxGroup + 10;
  std::vector<std::future<Status>> rest;
  for (std::size_t i = 0; i < queued; ++i) {
    rest.push_back(std::async(std::launch::async, [&] { return queue.Submit(body); }));
  }
  // Every one of them waiting in the queue before the first group ends.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  committer.Release();
  EXPECT_TRUE(first.get().ok());
  for (auto& result : rest) EXPECT_TRUE(result.get().ok());
  std::vector<std::size_t> sizes = committer.Sizes();
  ASSERT_GE(sizes.size(), 3u);
  std::size_t total = 0;
  for (std::size_t size : sizes) {
    EXPECT_LE(size, WriteQueue::kMaxGroup);
    total += size;
  }
  EXPECT_EQ(total, queued + 1);
  EXPECT_EQ(sizes[1], WriteQueue::kMaxGroup);
}

}  // namespace
}  // namespace samizdat::store::sql
