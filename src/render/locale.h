// Locale: a blog's language (Blogger's Settings -> Language, Blog::locale): the theme
// texts both kinds of theme show ("Posted by", "Newer Post", "No comments:", Blogger's
// data:messages.*) and dates whose month and day names come from ICU.
//
// Languages with their own texts: en, id, es, pt-BR, fr, de, ru, ja. Any other tag falls
// back to its language ("pt-PT" -> pt-BR's texts, "de-AT" -> de), then to English;
// dates are formatted by ICU in the tag as given, so any language ICU knows gets its
// own month names.
//
// Thread safety: Locale objects are immutable and live for the whole process; For may
// be called from any thread.
#pragma once

#include <string>
#include <string_view>

#include "blogger/value.h"
#include "core/time.h"

namespace samizdat::render {

class Locale {
 public:
  // The locale for a BCP 47 tag ("en", "pt-BR", "ja"); never fails (English at worst).
  static const Locale& For(std::string_view tag);

  // The tag as normalized ("pt-BR"), and "ltr" or "rtl".
  const std::string& tag() const;
  std::string_view direction() const;

  // data:messages.NAME by Blogger's names (postedBy, newerPosts, olderPosts, home,
  // postAComment, numberOfComments, readMore, labels, shareToTwitter, …): every name
  // the fixture themes and the built-in markup read, in this language; "" for a name
  // it does not know.
  std::string_view Message(std::string_view name) const;
  // All of them as one map, for a Blogger theme's data:messages (made once).
  const blogger::Value& Messages() const;

  // "No comments", "1 comment", "5 comments" in this language (plural rules by ICU).
  std::string CommentCountText(int n) const;

  // `t` in `zone` with a Blogger date pattern (Java SimpleDateFormat letters, as
  // Blog::date_format holds: "EEEE, MMMM d, yyyy"), month and day names from ICU in this
  // language.
  std::string FormatDate(Time t, const TimeZone& zone, std::string_view pattern) const;

  struct Impl;

 private:
  explicit Locale(const Impl* impl) : impl_(impl) {}
  const Impl* impl_;
};

}  // namespace samizdat::render
