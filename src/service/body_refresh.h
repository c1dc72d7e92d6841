// RefreshBodies: every stored post body made anew from its source when the body renderer
// (the Markdown renderer and the post sanitizer) has changed what it keeps since the
// bodies were made: the data migration that follows a renderer change, as the numbered
// SQL migrations follow a schema change.
#pragma once

#include <functional>

#include "core/status.h"
#include "store/store.h"

namespace samizdat::service {

// The body renderer's version. Raise it whenever a change to text::MarkdownToHtml or to
// text::SanitizeHtml's post policy changes the body a source gives: the next start makes
// every stored body anew.
//   1: the first policy (before versions were recorded, stores say 0).
//   2: embeds, media, figures, classes and a CSS-checked style kept; jump breaks in one
//      form; Markdown raw text elements shown as text, footnotes, task lists.
//   3: valid HTML5 for every input: URLs written anew through Boost.URL, links without
//      href lose rel and target, obsolete elements in their HTML5 form, control
//      characters and noncharacters removed.
inline constexpr int kBodyRenderVersion = 3;

// If the store's body version is older than kBodyRenderVersion, renders every post and
// page of every blog (drafts too) from its stored source and format, stores the bodies
// that changed (one transaction per batch, so pages are cached anew) and records the
// version. Each batch is committed as it goes: a refresh that stops half way (a crash,
// an error) is begun again by the next call and ends in the same bodies. `progress`, if
// given, is called after each batch with the posts looked at so far. Returns how many
// bodies changed (0 when the store was up to date). Errors: the store's. Safe to run on
// several nodes at once: each makes the same bodies.
Result<int> RefreshBodies(store::Store& store, const std::function<void(int)>& progress = {});

}  // namespace samizdat::service
