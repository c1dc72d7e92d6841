// Internal to render/locale: the theme texts of the languages samizdat speaks, by
// Blogger's data:messages names.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace samizdat::render::internal {

// The languages with their own texts, in the order of MessageTexts::texts.
inline constexpr std::array<std::string_view, 8> kMessageLanguages = {"en", "id", "es", "pt-BR",
                                                                      "fr", "de", "ru", "ja"};

// One message in every language. Parameters keep Blogger's syntax, which is ICU
// MessageFormat: named ("{numComments,plural, …}", "{authorName}") or positional ("{0}").
// Texts are plain text except those marked `html`, which hold markup (or, for the
// status lines, are meant to have escaped markup put in their "{0}").
struct MessageTexts {
  std::string_view name;
  std::array<std::string_view, kMessageLanguages.size()> texts;
  bool html = false;
};

// Every message, each name once.
std::span<const MessageTexts> AllMessages();

}  // namespace samizdat::render::internal
