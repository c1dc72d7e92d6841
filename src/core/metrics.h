// Counters and histograms for Prometheus's /metrics, cheap enough for every request:
// a bump is one relaxed atomic add on a cache line of the calling thread's own shard
// (threads are spread over kShards shards), and a read sums the shards. Plus the text
// exposition format 0.0.4 they are written in.
//
//   metrics::Counters hits(1);   hits.Add(0);  hits.Value(0);
//   metrics::Histogram latency(metrics::kLatencyBuckets);  latency.Observe(elapsed);
//   metrics::TextWriter out;  out.Family("x_total", "Xs seen.", "counter");
//   out.Sample("x_total", {{"route", "/"}}, 3);  out.text();
//
// Thread safety: Add, Observe and the reads may run concurrently from any threads; a
// read sees each counter's value at some moment during the read (counters only grow).
// TextWriter is not thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samizdat::metrics {

inline constexpr std::size_t kShards = 8;

// The shard of the calling thread: threads take shards round-robin as they first ask.
std::size_t ThisThreadShard();

// `size` counters starting at 0, each only growing.
class Counters {
 public:
  explicit Counters(std::size_t size);
  std::size_t size() const { return size_; }
  void Add(std::size_t index, uint64_t n = 1) {
    cells_[ThisThreadShard() * stride_ + index].fetch_add(n, std::memory_order_relaxed);
  }
  uint64_t Value(std::size_t index) const;

 private:
  std::size_t size_;
  std::size_t stride_;  // size_ rounded up to whole cache lines, so shards share none
  std::unique_ptr<std::atomic<uint64_t>[]> cells_;
};

// Upper bounds, in seconds, of latency buckets: 100 µs (a store read from memory) to
// 10 s.
inline constexpr double kLatencyBuckets[] = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                             0.01,   0.025,   0.05,   0.1,   0.25,   0.5,
                                             1,      2.5,     5,      10};

// Observations counted into buckets by upper bound (Prometheus's "le"), with their count
// and sum.
class Histogram {
 public:
  explicit Histogram(std::span<const double> bounds);  // ascending, in seconds
  void Observe(std::chrono::nanoseconds elapsed);
  std::span<const double> bounds() const { return bounds_; }
  // Observations <= bounds()[i], cumulative; i == bounds().size() counts all of them.
  uint64_t CumulativeCount(std::size_t i) const;
  double SumSeconds() const;

 private:
  std::vector<double> bounds_;
  std::vector<int64_t> bound_nanos_;
  Counters counts_;  // one per bucket (not cumulative), then +Inf, then the sum in ns
};

using Labels = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// The text exposition format 0.0.4 (text/plain; version=0.0.4): each family's # HELP
// and # TYPE lines, then its samples, label values and help text escaped.
class TextWriter {
 public:
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";
  // `type`: "counter", "gauge" or "histogram".
  void Family(std::string_view name, std::string_view help, std::string_view type);
  void Sample(std::string_view name, Labels labels, uint64_t value);
  void Sample(std::string_view name, Labels labels, double value);
  // A histogram's _bucket (le="…", cumulative, then +Inf), _sum and _count samples.
  void Samples(std::string_view name, Labels labels, const Histogram& histogram);
  const std::string& text() const { return text_; }

 private:
  void Head(std::string_view name, Labels labels, std::string_view le);
  std::string text_;
};

}  // namespace samizdat::metrics
