// TrustedProxies (networks parsed by Boost.Asio) and ResolveClient (Forwarded's
// parameters read by Beast's param_list, hosts checked by Boost.URL).
#include "http/trusted_proxies.h"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <boost/url/parse.hpp>
#include <optional>
#include <utility>

#include "core/strings.h"

namespace samizdat::http {

namespace ip = boost::asio::ip;

struct TrustedProxies::Networks {
  std::vector<ip::network_v4> v4;
  std::vector<ip::network_v6> v6;
};

namespace {

// `text` as an address, an IPv4-mapped IPv6 one as its IPv4 address.
std::optional<ip::address> AddressOf(std::string_view text) {
  boost::system::error_code ec;
  ip::address address = ip::make_address(text, ec);
  if (ec) return std::nullopt;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::address(ip::make_address_v4(ip::v4_mapped, address.to_v6()));
  }
  return address;
}

// The address of a forwarded-for node: "192.0.2.1", "192.0.2.1:4711", "[2001:db8::1]",
// "[2001:db8::1]:4711" or a bare "2001:db8::1"; nullopt for "unknown", an obfuscated
// name or anything else.
std::optional<ip::address> NodeAddress(std::string_view node) {
  node = TrimBlank(node);
  if (node.starts_with('[')) {
    const auto close = node.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return AddressOf(node.substr(1, close - 1));
  }
  if (const auto colon = node.find(':');
      colon != std::string_view::npos && node.find(':', colon + 1) == std::string_view::npos) {
    node = node.substr(0, colon);  // IPv4 with a port
  }
  return AddressOf(node);
}

// One hop of the forwarded list, as the proxy that received it recorded it.
struct Hop {
  std::string node;   // for=
  std::string proto;  // proto=, "" if not said
  std::string host;   // host=, "" if not said
};

// Splits a header value at the commas outside quoted strings.
std::vector<std::string_view> SplitList(std::string_view value) {
  std::vector<std::string_view> items;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (quoted && c == '\\') {
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      items.push_back(TrimBlank(value.substr(start, i - start)));
      start = i + 1;
    }
  }
  items.push_back(TrimBlank(value.substr(start)));
  return items;
}

// Forwarded (RFC 7239): one hop per element, its pairs read as a Beast param-list.
std::vector<Hop> ForwardedHops(std::string_view value) {
  std::vector<Hop> hops;
  for (std::string_view element : SplitList(value)) {
    const std::string params = ";" + std::string(element);
    Hop hop;
    for (const auto& [name, param] : boost::beast::http::param_list(params)) {
      if (boost::beast::iequals(name, "for")) hop.node = std::string(param);
      if (boost::beast::iequals(name, "proto")) hop.proto = AsciiLower(param);
      if (boost::beast::iequals(name, "host")) hop.host = std::string(param);
    }
    hops.push_back(std::move(hop));
  }
  return hops;
}

// X-Forwarded-For: one hop per address.
std::vector<Hop> XForwardedForHops(std::string_view value) {
  std::vector<Hop> hops;
  for (std::string_view node : SplitList(value)) hops.push_back({std::string(node), "", ""});
  return hops;
}

// The right-most value of an X-Forwarded-Proto or -Host list (the nearest proxy's).
std::string_view LastValue(std::string_view list) { return SplitList(list).back(); }

// A Host value: host[:port], nothing more.
bool IsHost(std::string_view host) {
  auto authority = boost::urls::parse_authority(host);
  return authority && !authority->has_userinfo() && !authority->host().empty();
}

}  // namespace

TrustedProxies::TrustedProxies() : networks_(std::make_shared<const Networks>()) {}

TrustedProxies::TrustedProxies(std::shared_ptr<const Networks> networks)
    : networks_(std::move(networks)) {}

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& cidrs) {
  auto networks = std::make_shared<Networks>();
  for (const std::string& cidr : cidrs) {
    boost::system::error_code ec;
    const bool has_prefix = cidr.find('/') != std::string::npos;
    if (cidr.find(':') == std::string::npos) {
      networks->v4.push_back(has_prefix ? ip::make_network_v4(cidr, ec).canonical()
                                        : ip::network_v4(ip::make_address_v4(cidr, ec), 32));
    } else {
      networks->v6.push_back(has_prefix ? ip::make_network_v6(cidr, ec).canonical()
                                        : ip::network_v6(ip::make_address_v6(cidr, ec), 128));
    }
    if (ec) {
      return Status::InvalidArgument("--trusted-proxy: \"" + cidr +
                                     "\" is not an IP network (such as 10.0.0.0/8 or "
                                     "fd00::/8) nor an IP address");
    }
  }
  return TrustedProxies(std::move(networks));
}

bool TrustedProxies::empty() const { return networks_->v4.empty() && networks_->v6.empty(); }

bool TrustedProxies::Trusts(std::string_view text) const {
  const auto address = AddressOf(text);
  if (!address) return false;
  if (address->is_v4()) {
    for (const ip::network_v4& network : networks_->v4) {
      if (ip::network_v4(address->to_v4(), network.prefix_length()).canonical() == network) {
        return true;
      }
    }
    return false;
  }
  for (const ip::network_v6& network : networks_->v6) {
    if (ip::network_v6(address->to_v6(), network.prefix_length()).canonical() == network) {
      return true;
    }
  }
  return false;
}

void ResolveClient(const TrustedProxies& proxies, Request& request) {
  if (proxies.empty() || !proxies.Trusts(request.remote_address)) return;
  const std::string_view forwarded = request.GetHeader("Forwarded");
  std::vector<Hop> hops = forwarded.empty()
                              ? XForwardedForHops(request.GetHeader("X-Forwarded-For"))
                              : ForwardedHops(forwarded);
  // The right-most hop whose node is not a trusted proxy, else the left-most.
  std::size_t client = hops.size() - 1;
  const auto trusted = [&proxies](const Hop& hop) {
    const auto address = NodeAddress(hop.node);
    return address && proxies.Trusts(address->to_string());
  };
  while (client > 0 && trusted(hops[client])) --client;
  Hop& hop = hops[client];
  if (forwarded.empty()) {
    hop.proto = AsciiLower(LastValue(request.GetHeader("X-Forwarded-Proto")));
    hop.host = std::string(LastValue(request.GetHeader("X-Forwarded-Host")));
  }
  if (auto address = NodeAddress(hop.node)) request.remote_address = address->to_string();
  if (hop.proto == "https" || hop.proto == "http") request.secure = hop.proto == "https";
  if (!hop.host.empty() && IsHost(hop.host)) request.host = hop.host;
}

}  // namespace samizdat::http
