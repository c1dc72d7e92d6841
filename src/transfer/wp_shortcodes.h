// WordPress's own markup in a post's stored content (shortcodes, embeds by URL, page
// breaks) turned into the HTML WordPress showed for it, before the content is
// paragraphed (wp_autop.h) and sanitized like any other HTML. Internal to transfer/.
#pragma once

#include <string>
#include <string_view>

#include "transfer/readers.h"

namespace samizdat::transfer {

// `content` (an item's content:encoded, before wpautop) with, in WordPress's order:
//   - <!--nextpage--> (a post in several pages) -> <hr class="nextpage">, shown in place;
//   - a URL of a known provider (wp_embeds.h) alone on its line, or alone in a <p>, as
//     WordPress's autoembed finds them -> the provider's iframe; any other URL stays;
//   - the shortcodes, found outside HTML tags and comments by WordPress's rules
//     (wp_shortcode_syntax.h):
//     [caption align=A width=W class=C caption=T]IMAGE T[/caption] (and [wp_caption])
//        -> <figure class="wp-caption A C" style="width: Wpx">IMAGE<figcaption>T
//           </figcaption></figure>; the caption is T= or the text after the image; just
//           the image when there is no caption or no width;
//     [gallery ids="1,2" columns=N link=none|file|…] -> <div class="gallery
//        gallery-columns-N"> of <figure class="gallery-item"> images (linked to their
//        file unless link=none, captioned with the attachment's caption), in the order
//        of ids; without ids, `post_id`'s attached images (by extension) in menu order,
//        then id order (order=DESC reverses; exclude= leaves some out). Attachments
//        not in `media` are left out; nothing is shown when none is left;
//     [embed width=W height=H]URL[/embed] -> the provider's iframe, else a link to URL;
//     [youtube URL-or-id], [vimeo URL-or-id] (Jetpack's) -> the provider's iframe;
//     [video src= mp4= m4v= webm= ogv= flv= poster= width= height= loop=] ->
//        <video controls src=…> with one source, <source src type> children with
//        several (a YouTube or Vimeo src: that provider's iframe);
//     [audio src= mp3= ogg= flac= m4a= wav= loop=] -> <audio controls …>, alike;
//     "[[name]]" shows "[name]"; other shortcodes, and these when they lack what they
//     need (a [video] without a source, [youtube] of no YouTube URL), stay as written.
// Attribute values are HTML (as the content is): the result still goes through the
// sanitizer.
std::string ExpandWordPressMarkup(std::string_view content, const WxrMedia& media,
                                  std::string_view post_id);

}  // namespace samizdat::transfer
