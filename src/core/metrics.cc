// Sharded counters, histograms over them, and the Prometheus text format.
#include "core/metrics.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace samizdat::metrics {
namespace {

constexpr std::size_t kCellsPerLine = 64 / sizeof(std::atomic<uint64_t>);

// A label value or help text as the format wants it: backslash and newline escaped, and
// in label values the double quote too.
void AppendEscaped(std::string& out, std::string_view text, bool quote) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// The shortest form that reads back as the same double, as %g would lay it out
// (0.0001, 2.5, 1e-05), as Prometheus's own clients write it.
std::string FormatDouble(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (std::isnan(value)) return "NaN";
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

}  // namespace

std::size_t ThisThreadShard() {
  static std::atomic<std::size_t> next{0};
  thread_local const std::size_t shard = next.fetch_add(1, std::memory_order_relaxed) % kShards;
  return shard;
}

Counters::Counters(std::size_t size)
    : size_(size),
      stride_((size + kCellsPerLine - 1) / kCellsPerLine * kCellsPerLine),
      cells_(std::make_unique<std::atomic<uint64_t>[]>(stride_ * kShards)) {}

uint64_t Counters::Value(std::size_t index) const {
  uint64_t sum = 0;
  for (std::size_t shard = 0; shard < kShards; ++shard) {
    sum += cells_[shard * stride_ + index].load(std::memory_order_relaxed);
  }
  return sum;
}

Histogram::Histogram(std::span<const double> bounds)
    : bounds_(bounds.begin(), bounds.end()), counts_(bounds.size() + 2) {
  for (double bound : bounds_) bound_nanos_.push_back(std::llround(bound * 1e9));
}

void Histogram::Observe(std::chrono::nanoseconds elapsed) {
  const int64_t nanos = std::max<int64_t>(elapsed.count(), 0);
  std::size_t bucket = 0;
  while (bucket < bound_nanos_.size() && nanos > bound_nanos_[bucket]) ++bucket;
  counts_.Add(bucket);
  counts_.Add(bounds_.size() + 1, static_cast<uint64_t>(nanos));
}

uint64_t Histogram::CumulativeCount(std::size_t i) const {
  uint64_t sum = 0;
  for (std::size_t bucket = 0; bucket <= i; ++bucket) sum += counts_.Value(bucket);
  return sum;
}

double Histogram::SumSeconds() const {
  return static_cast<double>(counts_.Value(bounds_.size() + 1)) / 1e9;
}

void TextWriter::Family(std::string_view name, std::string_view help, std::string_view type) {
  text_.append("# HELP ").append(name).append(" ");
  AppendEscaped(text_, help, /*quote=*/false);
  text_.append("\n# TYPE ").append(name).append(" ").append(type).append("\n");
}

void TextWriter::Head(std::string_view name, Labels labels, std::string_view le) {
  text_.append(name);
  if (labels.size() == 0 && le.empty()) return;
  char separator = '{';
  for (const auto& [label, value] : labels) {
    text_.push_back(separator);
    text_.append(label).append("=\"");
    AppendEscaped(text_, value, /*quote=*/true);
    text_.push_back('"');
    separator = ',';
  }
  if (!le.empty()) {
    text_.push_back(separator);
    text_.append("le=\"").append(le).append("\"");
  }
  text_.push_back('}');
}

void TextWriter::Sample(std::string_view name, Labels labels, uint64_t value) {
  Head(name, labels, "");
  text_.append(" ").append(std::to_string(value)).append("\n");
}

void TextWriter::Sample(std::string_view name, Labels labels, double value) {
  Head(name, labels, "");
  text_.append(" ").append(FormatDouble(value)).append("\n");
}

void TextWriter::Samples(std::string_view name, Labels labels, const Histogram& histogram) {
  const std::string bucket = std::string(name) + "_bucket";
  const auto bounds = histogram.bounds();
  for (std::size_t i = 0; i <= bounds.size(); ++i) {
    const std::string le = i < bounds.size()
                               ? FormatDouble(bounds[i])
                               : FormatDouble(std::numeric_limits<double>::infinity());
    Head(bucket, labels, le);
    text_.append(" ").append(std::to_string(histogram.CumulativeCount(i))).append("\n");
  }
  Sample(std::string(name) + "_sum", labels, histogram.SumSeconds());
  Sample(std::string(name) + "_count", labels, histogram.CumulativeCount(bounds.size()));
}

}  // namespace samizdat::metrics
