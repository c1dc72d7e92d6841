// Which URLs of a blog's bodies name files on the old blog's hosts (Blogger's image
// hosts, WordPress's uploads), the one address each file is fetched from, and bodies
// with those URLs replaced. Pure: no I/O. Used by service/media_import.h.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace samizdat::service {

// The hosts a blog's old files live on: Blogger's (*.bp.blogspot.com,
// blogger.googleusercontent.com, and the older bpN.blogger.com, photosN.blogger.com) and
// WordPress.com's (*.files.wordpress.com) for any blog, and for paths under
// /wp-content/uploads/ the blog's own host and the host of the address it was imported
// from ("www." or not). Immutable; thread-safe.
class OldMediaHosts {
 public:
  // `host`: the blog's host; `imported_from`: the old blog's address
  // ("https://x.wordpress.com/"), or "".
  OldMediaHosts(std::string_view host, std::string_view imported_from);

  // The absolute http(s) URL the file that `url` names is fetched from, at its full size
  // (Blogger's size variants "/s1600/", "/w640-h480/", "/s72-c/", "=s1600" become "/s0/"
  // and "=s0"; a WordPress upload loses its query, "?w=640"; fragments go); "" when
  // `url` names no file on an old host. `url` is as written in a body: absolute, or
  // relative to the old blog's address (else to https://HOST/).
  std::string FetchUrl(std::string_view url) const;

  // The path of the blog's own domain where the file fetched from `fetch_url` was
  // served ("/wp-content/uploads/2020/01/x.jpg"; for "https://x.files.wordpress.com/
  // 2020/01/x.jpg" the same path), to redirect to the file; "" for other URLs.
  std::string OldUploadPath(std::string_view fetch_url) const;

 private:
  bool IsOwnHost(std::string_view host) const;

  std::string base_;                    // what relative URLs resolve against
  std::vector<std::string> own_hosts_;  // lower case, without "www."
};

// False when no URL of `html` can name a file on an old host: its text holds none of
// those hosts' names, nor "wp-content/uploads" (ASCII case ignored). Much cheaper than
// parsing, so most bodies of a blog are never parsed. (A host name written with
// character references, "&#98;p.blogspot.com", is not seen, and not fetched.)
bool MayNameOldFile(std::string_view html);

// The URLs of an HTML fragment that may name a file (img src and srcset, a href, video
// src and poster, audio src, source src and srcset), decoded, in source order, each
// srcset candidate on its own. gumbo parses the fragment as a browser parses a <body>'s
// innerHTML; never fails (unparsable input yields what gumbo recovered).
std::vector<std::string> MediaUrlsIn(std::string_view html);

// `html` with every URL MediaUrlsIn finds for which `replace` gives a non-empty string
// written as that string (the attribute's value written anew, in double quotes); every
// other byte as it was. `html` itself when nothing is replaced.
std::string ReplaceMediaUrls(std::string_view html,
                             const std::function<std::string(std::string_view)>& replace);

}  // namespace samizdat::service
