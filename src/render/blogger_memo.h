// Internal: a small per-thread memo of Blogger data values, keyed by everything they are
// made of (a byte string the caller writes), so that the parts every page of a blog
// repeats (the archive's intervals, the label cloud, the popular posts) are made once
// and shared while their inputs stay the same. A key holds all the inputs: a hit is
// exact, never a guess; nothing needs invalidating.
//
// Thread safety: each thread has its own memo; the values are immutable and may be
// shared with other threads.
#pragma once

#include <functional>
#include <string>

#include "blogger/value.h"

namespace samizdat::render::internal {

// The value memoized under `key`, made by `make` when absent (then kept, the oldest of
// the thread's entries giving way).
blogger::Value Memoized(const std::string& key, const std::function<blogger::Value()>& make);

// Appends `s` to a key with its length, so that fields cannot run into each other.
void AppendKeyField(std::string& key, std::string_view s);
void AppendKeyField(std::string& key, int64_t n);

}  // namespace samizdat::render::internal
