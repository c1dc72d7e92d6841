// MetricsPage: the router's request counts, the access rule and the exposition text.
#include "web/metrics_page.h"

#include <sodium.h>

#include <array>
#include <boost/url/grammar/parse.hpp>
#include <boost/url/rfc/ipv4_address_rule.hpp>
#include <boost/url/rfc/ipv6_address_rule.hpp>
#include <string_view>

#include "core/process_metrics.h"

namespace samizdat::web {
namespace {

// The statuses counted apart; any other is counted as "other".
constexpr std::array<int, 30> kStatuses = {200, 201, 202, 204, 206, 301, 302, 303, 304, 307,
                                           308, 400, 401, 403, 404, 405, 406, 408, 409, 410,
                                           411, 413, 414, 415, 422, 429, 431, 500, 502, 503};
constexpr std::size_t kSlots = kStatuses.size() + 1;

// The slot of `status` in a row's counters: a table from 100..599 to slots, made once.
std::size_t SlotOf(int status) {
  static const auto kSlotOf = [] {
    std::array<unsigned char, 500> slots;
    slots.fill(static_cast<unsigned char>(kStatuses.size()));
    for (std::size_t i = 0; i < kStatuses.size(); ++i) {
      slots[kStatuses[i] - 100] = static_cast<unsigned char>(i);
    }
    return slots;
  }();
  if (status < 100 || status > 599) return kStatuses.size();
  return kSlotOf[status - 100];
}

bool IsLoopback(std::string_view address) {
  if (auto v4 = boost::urls::grammar::parse(address, boost::urls::ipv4_address_rule)) {
    return v4->is_loopback();
  }
  if (auto v6 = boost::urls::grammar::parse(address, boost::urls::ipv6_address_rule)) {
    if (v6->is_v4_mapped()) {  // ::ffff:127.0.0.1
      const auto bytes = v6->to_bytes();
      return boost::urls::ipv4_address({bytes[12], bytes[13], bytes[14], bytes[15]}).is_loopback();
    }
    return v6->is_loopback();
  }
  return false;
}

bool SameToken(std::string_view given, std::string_view token) {
  return given.size() == token.size() &&
         sodium_memcmp(given.data(), token.data(), token.size()) == 0;
}

}  // namespace

MetricsPage::MetricsPage(std::span<const Route> table, std::string token)
    : table_(table), token_(std::move(token)), requests_((table.size() + 1) * kSlots) {}

void MetricsPage::Count(const Route* route, int status) {
  const std::size_t row = route == nullptr ? table_.size() : route - table_.data();
  requests_.Add(row * kSlots + SlotOf(status));
}

bool MetricsPage::MayRead(const http::Request& request, bool* wrong_token) const {
  *wrong_token = false;
  const std::string_view authorization = request.GetHeader("Authorization");
  if (!token_.empty() && !authorization.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization.starts_with(kBearer) &&
        SameToken(authorization.substr(kBearer.size()), token_)) {
      return true;
    }
    *wrong_token = true;
    return false;
  }
  // Without a trusted proxy's headers remote_address is the TCP peer itself.
  const bool relayed =
      !request.GetHeader("Forwarded").empty() || !request.GetHeader("X-Forwarded-For").empty();
  return !relayed && IsLoopback(request.remote_address);
}

http::Response MetricsPage::Handle(const http::Request& request) const {
  bool wrong_token = false;
  if (!MayRead(request, &wrong_token)) {
    if (wrong_token) return http::Response::Text(403, "The metrics token is not this one.\n");
    return http::Response::Text(404, "Not found.\n");
  }
  http::Response response =
      http::Response::Text(200, Text(), std::string(metrics::TextWriter::kContentType));
  response.headers.push_back({"Cache-Control", "no-store"});
  return response;
}

std::string MetricsPage::Text() const {
  metrics::TextWriter out;
  out.Family("samizdat_http_requests_total",
             "Requests answered by the router, by route (the route table's row: methods and "
             "pattern; \"none\" when no row matched) and status.",
             "counter");
  for (std::size_t row = 0; row <= table_.size(); ++row) {
    const std::string route = row < table_.size() ? std::string(table_[row].methods) + " " +
                                                        std::string(table_[row].pattern)
                                                  : "none";
    for (std::size_t slot = 0; slot < kSlots; ++slot) {
      const uint64_t n = requests_.Value(row * kSlots + slot);
      if (n == 0) continue;
      const std::string status =
          slot < kStatuses.size() ? std::to_string(kStatuses[slot]) : "other";
      out.Sample("samizdat_http_requests_total", {{"route", route}, {"status", status}}, n);
    }
  }

  const metrics::ProcessMetrics& process = metrics::Process();
  out.Family("samizdat_cache_hits_total", "Pages and feeds answered from the page cache.",
             "counter");
  out.Sample("samizdat_cache_hits_total", {}, process.cache_hits.Value(0));
  out.Family("samizdat_cache_misses_total",
             "Pages and feeds looked for in the page cache and not found there.", "counter");
  out.Sample("samizdat_cache_misses_total", {}, process.cache_misses.Value(0));
  out.Family("samizdat_cache_served_bytes_total",
             "Body bytes of the answers given from the page cache.", "counter");
  out.Sample("samizdat_cache_served_bytes_total", {}, process.cache_bytes.Value(0));

  out.Family("samizdat_render_seconds",
             "Time to make a page or feed that was not cached: its store reads and rendering.",
             "histogram");
  out.Samples("samizdat_render_seconds", {}, process.render_seconds);
  out.Family("samizdat_store_seconds",
             "Time of one store call: a read, or a write until it is durable.", "histogram");
  out.Samples("samizdat_store_seconds", {{"kind", "read"}}, process.store_read_seconds);
  out.Samples("samizdat_store_seconds", {{"kind", "write"}}, process.store_write_seconds);
  out.Family("samizdat_store_errors_total",
             "Store calls that failed for the store's sake: the database away, an I/O or SQL "
             "error.",
             "counter");
  out.Sample("samizdat_store_errors_total", {}, process.store_errors.Value(0));

  out.Family("samizdat_comments_total",
             "Comments sent through the comment form, by what became of them: accepted "
             "(published), held (for moderation or as spam) or refused.",
             "counter");
  constexpr std::array<std::string_view, 3> kFates = {"accepted", "held", "refused"};
  for (std::size_t fate = 0; fate < kFates.size(); ++fate) {
    out.Sample("samizdat_comments_total", {{"result", kFates[fate]}}, process.comments.Value(fate));
  }
  return out.text();
}

}  // namespace samizdat::web
