// samizdat's extension namespace in its own exports: what Blogger's Atom and WXR have no
// place for, written beside their own elements so that an export read back by samizdat
// gives the same blog, and ignored by every other reader (an unknown namespace).
// Internal to transfer/.
//
// The elements (prefix "samizdat", namespace kSamizdatNs):
//   feed or channel:  <samizdat:blog> with one child per setting of Blog (id, title, …)
//                     <samizdat:redirect from="/old" to="/new"/>, one per redirect
//   a post's entry or item:
//                     <samizdat:post path="/2020/01/a.html" feed-id="…" comments="hidden"
//                                    published="…" updated="…">[<samizdat:source format="markdown">
//                                    …</samizdat:source>]</samizdat:post>
//                     (the path a draft keeps once unpublished, which the formats give
//                     live posts only; the source when it is not the body the format
//                     holds: Markdown, or HTML the sanitizer changed)
//   a comment's entry or wp:comment:
//                     <samizdat:comment status="spam" kind="pingback" parent="ID"
//                                       published="…">[<samizdat:content>…</…>]</…>
//   Blogger's feed:   a pending or spam comment's entry has the kind kHeldCommentKind
//                     instead of Blogger's comment kind, so that other readers, which
//                     know an entry by its kind, pass over it rather than publish it
// Times are RFC 3339 with milliseconds. An attribute or setting that is absent leaves the
// reader's value (or Blog's default) as it is; unknown elements and attributes, from a
// later version, are ignored.
//
// Readers take the expanded element and the stream it came from, for errors that say
// where: InvalidArgument "FILE:LINE:COLUMN: reason" for a value that is not what the
// element promises (a setting "posts_per_page" of "many"). Functions are pure.
#pragma once

#include <libxml/tree.h>

#include <string_view>
#include <utility>

#include "core/model.h"
#include "core/status.h"
#include "text/xml_writer.h"
#include "transfer/source.h"

namespace samizdat::transfer {

class XmlStream;  // transfer/xml_stream.h

inline constexpr std::string_view kSamizdatNs = "https://samizdat.blog/ns/export/1";
// Blogger's kind category term (scheme http://schemas.google.com/g/2005#kind) for a
// comment that is not shown (pending or spam).
inline constexpr std::string_view kHeldCommentKind =
    "https://samizdat.blog/ns/export/1#held-comment";
// The attribute that declares the namespace on the document's root element.
inline constexpr std::pair<std::string_view, std::string_view> kSamizdatXmlns = {"xmlns:samizdat",
                                                                                 kSamizdatNs};

// --- writing ------------------------------------------------------------------------------

// <samizdat:blog>: every setting of `blog` a user sets, its id and creation time.
void WriteBlogExtension(text::XmlWriter& xml, const Blog& blog);
// <samizdat:redirect from=… to=…/>
void WriteRedirectExtension(text::XmlWriter& xml, std::string_view old_path, std::string_view to);
// <samizdat:post …>: the post's path (a draft's too), feed id, comments switch, exact
// times and, when it is not its body, what its author wrote.
void WritePostExtension(text::XmlWriter& xml, const Post& post);
// <samizdat:comment …>: its status, kind, parent and exact time; with `body`, its body
// too (for a deleted comment, whose body the format replaces).
void WriteCommentExtension(text::XmlWriter& xml, const Comment& comment, bool body);

// --- reading ------------------------------------------------------------------------------

// True for an element of kSamizdatNs.
bool IsSamizdatExtension(const xmlNode* element);

// A feed's or channel's extension element: <samizdat:blog> becomes blog.settings (and
// its id blog.original_id), <samizdat:redirect> goes to sink.OnRedirect; others (a later
// version's) are ignored.
Status ReadBlogExtension(const XmlStream& stream, const xmlNode* element, SourceBlog& blog,
                         ImportSink& sink);
// Applies a <samizdat:post> (nullptr: none) to the post a reader made.
Status ApplyPostExtension(const XmlStream& stream, const xmlNode* element, SourcePost& post);
// Applies a <samizdat:comment> (nullptr: none) to the comment a reader made.
Status ApplyCommentExtension(const XmlStream& stream, const xmlNode* element,
                             SourceComment& comment);

}  // namespace samizdat::transfer
