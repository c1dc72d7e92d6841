// RunPipeline: a reader thread, body workers, and the caller storing in file order,
// joined by one mutex-guarded set of queues (import_pipeline.h).
#include "service/import_pipeline.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace samizdat::service::importing {
namespace {

// Items per chunk: enough that the queues' locking costs nothing next to the bodies.
constexpr std::size_t kChunkItems = 256;

struct Chunk {
  std::size_t seq = 0;
  std::vector<Item> items;
  std::size_t bytes_read = 0;  // of the export, when its last item was read
};

// The state the threads share, under one mutex.
class Queues {
 public:
  explicit Queues(unsigned workers) : max_in_flight_(2 * static_cast<std::size_t>(workers) + 2) {}

  // The reader's: waits for room, then queues `chunk` for the workers. False once the
  // pipeline stops.
  bool PushRead(std::vector<Item> items, std::size_t bytes_read) {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return stopped_ || in_flight_ < max_in_flight_; });
    if (stopped_) return false;
    read_.push_back({next_read_++, std::move(items), bytes_read});
    ++in_flight_;
    changed_.notify_all();
    return true;
  }
  void EndRead(Status status) {
    std::lock_guard lock(mu_);
    read_status_ = std::move(status);
    reading_ = false;
    changed_.notify_all();
  }

  // A worker's: the next chunk whose bodies are to be made; false when there is none to
  // come.
  bool PopRead(Chunk& chunk) {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return stopped_ || !read_.empty() || !reading_; });
    if (stopped_ || read_.empty()) return false;
    chunk = std::move(read_.front());
    read_.pop_front();
    return true;
  }
  void PushMade(Chunk chunk) {
    std::lock_guard lock(mu_);
    made_.emplace(chunk.seq, std::move(chunk));
    changed_.notify_all();
  }

  // The storer's: the next chunk in file order once its bodies are made; false at the
  // end of the file (`status` OK) or when the read failed (`status` says why).
  bool PopMade(Chunk& chunk, Status& status) {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] {
      return stopped_ || (!made_.empty() && made_.begin()->first == next_store_) ||
             (!reading_ && (!read_status_.ok() || in_flight_ == 0));
    });
    if (!reading_ && !read_status_.ok()) {
      status = read_status_;
      return false;
    }
    if (made_.empty() || made_.begin()->first != next_store_) return false;
    chunk = std::move(made_.begin()->second);
    made_.erase(made_.begin());
    ++next_store_;
    return true;
  }
  // The storer has stored a chunk: room for another.
  void Stored() {
    std::lock_guard lock(mu_);
    --in_flight_;
    changed_.notify_all();
  }

  // Every thread stops at its next step.
  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    changed_.notify_all();
  }

 private:
  const std::size_t max_in_flight_;  // chunks read and not yet stored
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Chunk> read_;             // bodies not made yet, in file order
  std::map<std::size_t, Chunk> made_;  // bodies made, by place in the file
  std::size_t next_read_ = 0;
  std::size_t next_store_ = 0;
  std::size_t in_flight_ = 0;
  bool reading_ = true;
  Status read_status_;
  bool stopped_ = false;
};

// The reader's sink: queues what the export holds, a chunk at a time.
class QueueingSink final : public transfer::ImportSink {
 public:
  explicit QueueingSink(Queues& queues) : queues_(queues) {}

  Status OnBlog(const SourceBlog& blog) override {
    Item& item = Add(Item::Kind::kBlog);
    item.blog = blog;
    return FlushIfFull();
  }
  Status OnPost(SourcePost post) override {
    Item& item = Add(Item::Kind::kPost);
    item.post = std::move(post);
    return FlushIfFull();
  }
  Status OnComment(SourceComment comment) override {
    Item& item = Add(Item::Kind::kComment);
    item.comment = std::move(comment);
    return FlushIfFull();
  }
  Status OnRedirect(SourceRedirect redirect) override {
    Item& item = Add(Item::Kind::kRedirect);
    item.redirect = std::move(redirect);
    return FlushIfFull();
  }
  Status OnTheme(SourceTheme theme) override {
    Item& item = Add(Item::Kind::kTheme);
    item.theme = std::move(theme);
    return FlushIfFull();
  }
  void OnSkipped(const SourceLocation& where, std::string what) override {
    Item& item = Add(Item::Kind::kSkipped);
    item.where = where;
    item.skipped = std::move(what);
  }
  void OnProgress(const std::string& file, std::size_t bytes_read) override {
    if (file != file_) {  // the next file of the export
      bytes_before_ += bytes_in_file_;
      file_ = file;
    }
    bytes_in_file_ = bytes_read;
  }

  // Queues what is left; an error once the pipeline has stopped.
  Status Flush() {
    if (items_.empty()) return Status::Ok();
    if (!queues_.PushRead(std::exchange(items_, {}), bytes_before_ + bytes_in_file_)) {
      return Stopped();
    }
    return Status::Ok();
  }

 private:
  static Status Stopped() { return Status::Internal("the import stopped"); }
  Item& Add(Item::Kind kind) {
    if (items_.empty()) items_.reserve(kChunkItems);
    items_.emplace_back().kind = kind;
    return items_.back();
  }
  Status FlushIfFull() { return items_.size() >= kChunkItems ? Flush() : Status::Ok(); }

  Queues& queues_;
  std::vector<Item> items_;
  std::string file_;              // the file being read
  std::size_t bytes_before_ = 0;  // the size of the files read before it
  std::size_t bytes_in_file_ = 0;
};

void MakeBodies(std::vector<Item>& items) {
  for (Item& item : items) {
    if (item.kind == Item::Kind::kPost) {
      item.body = MakeBody(item.post.content_html, text::SanitizePolicy::kPostBody);
    } else if (item.kind == Item::Kind::kComment) {
      item.body = MakeBody(item.comment.content_html, text::SanitizePolicy::kComment);
    }
  }
}

}  // namespace

Status RunPipeline(const std::function<Status(transfer::ImportSink&)>& read,
                   const StoreChunk& store, unsigned workers) {
  if (workers == 0) workers = 1;
  Queues queues(workers);
  Status result;
  {
    // Declared before the guard: the threads are joined after it has stopped them.
    std::vector<std::jthread> threads;
    struct StopOnExit {
      Queues& queues;
      ~StopOnExit() { queues.Stop(); }
    } stop_on_exit{queues};

    threads.emplace_back([&queues, &read] {
      QueueingSink sink(queues);
      Status status = read(sink);
      if (status.ok()) status = sink.Flush();
      queues.EndRead(std::move(status));
    });
    for (unsigned i = 0; i < workers; ++i) {
      threads.emplace_back([&queues] {
        Chunk chunk;
        while (queues.PopRead(chunk)) {
          MakeBodies(chunk.items);
          queues.PushMade(std::move(chunk));
        }
      });
    }
    Chunk chunk;
    while (queues.PopMade(chunk, result)) {
      result = store(chunk.items, chunk.bytes_read);
      if (!result.ok()) break;
      chunk.items.clear();
      queues.Stored();
    }
  }
  return result;
}

}  // namespace samizdat::service::importing
