// The per-thread memo of Blogger data values: a few entries, the oldest replaced first.
#include "render/blogger_memo.h"

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

namespace samizdat::render::internal {
namespace {

// Enough for the memoized parts of a few blogs served by one thread; a key is a few KB.
constexpr size_t kEntries = 32;

struct Memo {
  std::array<std::pair<std::string, blogger::Value>, kEntries> entries;
  size_t next = 0;  // the slot to replace next
};

}  // namespace

blogger::Value Memoized(const std::string& key, const std::function<blogger::Value()>& make) {
  thread_local Memo memo;
  for (const auto& [k, value] : memo.entries) {
    if (k == key) return value;
  }
  blogger::Value value = make();
  memo.entries[memo.next] = {key, value};
  memo.next = (memo.next + 1) % kEntries;
  return value;
}

void AppendKeyField(std::string& key, std::string_view s) {
  AppendKeyField(key, static_cast<int64_t>(s.size()));
  key += s;
}

void AppendKeyField(std::string& key, int64_t n) {
  key.append(reinterpret_cast<const char*>(&n), sizeof n);
}

}  // namespace samizdat::render::internal
