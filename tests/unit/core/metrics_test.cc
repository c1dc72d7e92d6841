// Counters, histograms and the Prometheus text format (core/metrics.h); the error log's
// line format and levels (core/log.h).
#include "core/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/log.h"

namespace samizdat::metrics {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

TEST(CountersTest, AddsFromManyThreadsWithoutLosingACount) {
  Counters counters(3);
  std::vector<std::thread> threads;
  for (int t = 0; t < 12; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) counters.Add(1);
      counters.Add(2, 5);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(counters.Value(0), 0u);
  EXPECT_EQ(counters.Value(1), 120000u);
  EXPECT_EQ(counters.Value(2), 60u);
}

TEST(HistogramTest, CountsEachObservationInItsBucketCumulatively) {
  const double bounds[] = {0.001, 0.01, 0.1};
  Histogram histogram(bounds);
  histogram.Observe(microseconds(500));   // <= 0.001
  histogram.Observe(milliseconds(1));     // on the bound: still <= 0.001
  histogram.Observe(milliseconds(50));    // <= 0.1
  histogram.Observe(milliseconds(2000));  // +Inf only
  EXPECT_EQ(histogram.CumulativeCount(0), 2u);
  EXPECT_EQ(histogram.CumulativeCount(1), 2u);
  EXPECT_EQ(histogram.CumulativeCount(2), 3u);
  EXPECT_EQ(histogram.CumulativeCount(3), 4u);
  EXPECT_DOUBLE_EQ(histogram.SumSeconds(), 2.0515);
}

TEST(TextWriterTest, WritesTheExpositionFormat) {
  TextWriter out;
  out.Family("x_total", "Xs seen,\nby route.", "counter");
  out.Sample("x_total", {{"route", "GET /a\"b\\c"}, {"status", "200"}}, uint64_t{7});
  out.Sample("x_total", {}, uint64_t{0});
  EXPECT_EQ(out.text(),
            "# HELP x_total Xs seen,\\nby route.\n"
            "# TYPE x_total counter\n"
            "x_total{route=\"GET /a\\\"b\\\\c\",status=\"200\"} 7\n"
            "x_total 0\n");
}

TEST(TextWriterTest, WritesAHistogramsBucketsSumAndCount) {
  const double bounds[] = {0.0001, 2.5};
  Histogram histogram(bounds);
  histogram.Observe(milliseconds(1));
  TextWriter out;
  out.Samples("t_seconds", {{"kind", "read"}}, histogram);
  EXPECT_EQ(out.text(),
            "t_seconds_bucket{kind=\"read\",le=\"0.0001\"} 0\n"
            "t_seconds_bucket{kind=\"read\",le=\"2.5\"} 1\n"
            "t_seconds_bucket{kind=\"read\",le=\"+Inf\"} 1\n"
            "t_seconds_sum{kind=\"read\"} 0.001\n"
            "t_seconds_count{kind=\"read\"} 1\n");
}

TEST(LogTest, LinesCarryTheTimeAndTheLevel) {
  EXPECT_EQ(log::FormatLine("2026-12-07T12:57:40.123Z", log::Level::kWarn, "samizdat: x"),
            "2026-12-07T12:57:40.123Z warn samizdat: x\n");
}

TEST(LogTest, LevelsByNameAndWhatTheyLetThrough) {
  EXPECT_EQ(log::ParseLevel("debug"), log::Level::kDebug);
  EXPECT_EQ(log::ParseLevel("error"), log::Level::kError);
  EXPECT_EQ(log::ParseLevel("loud"), std::nullopt);
  EXPECT_EQ(log::ParseLevel("WARN"), std::nullopt);
  log::SetLevel(log::Level::kWarn);
  EXPECT_TRUE(log::Enabled(log::Level::kError));
  EXPECT_TRUE(log::Enabled(log::Level::kWarn));
  EXPECT_FALSE(log::Enabled(log::Level::kInfo));
  log::SetLevel(log::Level::kInfo);
}

}  // namespace
}  // namespace samizdat::metrics
