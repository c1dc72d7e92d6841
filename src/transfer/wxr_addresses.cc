// WxrOldAddresses: a WordPress blog's category, tag, author and attachment pages as
// redirects, each old path once (see wxr_addresses.h).
#include "transfer/wxr_addresses.h"

#include <algorithm>
#include <utility>

#include "core/strings.h"
#include "text/slug.h"
#include "text/utf8.h"

namespace samizdat::transfer {
namespace {}  // namespace

UrlParts SplitUrl(std::string_view url) {
  UrlParts parts;
  size_t rest = 0;
  if (url.starts_with("http://")) {
    rest = 7;
  } else if (url.starts_with("https://")) {
    rest = 8;
  } else {
    return parts;
  }
  parts.http = true;
  url.remove_prefix(rest);
  const size_t hash = url.find('#');
  if (hash != std::string_view::npos) url = url.substr(0, hash);
  const size_t slash = url.find_first_of("/?");
  parts.host = AsciiLower(url.substr(0, slash));
  if (slash == std::string_view::npos) return parts;
  std::string_view tail = url.substr(slash);
  const size_t question = tail.find('?');
  if (question != std::string_view::npos) {
    parts.query = std::string(tail.substr(question + 1));
    tail = tail.substr(0, question);
  }
  parts.path = std::string(tail);
  return parts;
}

Status WxrOldAddresses::SetBlog(std::string_view url, bool own_export) {
  blog_known_ = true;
  own_export_ = own_export;
  UrlParts base = SplitUrl(url);
  host_ = std::move(base.host);
  base_path_ = std::move(base.path);
  while (base_path_.ends_with('/')) base_path_.pop_back();
  for (const WxrTerm& term : waiting_) SAMIZDAT_RETURN_IF_ERROR(TermRedirects(term));
  waiting_.clear();
  return Status::Ok();
}

Status WxrOldAddresses::AddChannelTerm(WxrTerm term) {
  if (term.kind == WxrTerm::kCategory && !term.slug.empty()) {
    category_parents_.emplace(term.slug, term.parent);
  }
  return Add(std::move(term));
}

Status WxrOldAddresses::AddItemTerm(WxrTerm term) { return Add(std::move(term)); }

Status WxrOldAddresses::AddAuthor(const SourceLocation& where, std::string id, std::string login) {
  return Add({where, WxrTerm::kAuthor, std::move(id), std::move(login), "", ""});
}

Status WxrOldAddresses::AddAttachment(const SourceLocation& where, const std::string& id,
                                      std::string_view link, const std::string& file_url) {
  if (own_export_ || file_url.empty() || !IsAsciiDigits(id)) return Status::Ok();
  const UrlParts page_url = SplitUrl(link);
  if (page_url.http && (host_.empty() || page_url.host == host_)) {
    std::string page = page_url.path.empty() ? "/" : page_url.path;
    if (!page_url.query.empty()) page += "?" + page_url.query;
    if (page != "/") SAMIZDAT_RETURN_IF_ERROR(HandOver(where, std::move(page), file_url));
  }
  return Redirect(where, "/?attachment_id=" + id, file_url);
}

// Before the blog is known (the channel's terms come before its items), a term waits.
Status WxrOldAddresses::Add(WxrTerm term) {
  if (!blog_known_) {
    waiting_.push_back(std::move(term));
    return Status::Ok();
  }
  return TermRedirects(term);
}

// "/category/a/b/c/" for c, whose parent is b, whose parent is a (as the channel's
// categories say); "" when c has no known parent.
std::string WxrOldAddresses::CategoryChainPath(const std::string& slug) const {
  std::vector<std::string> chain{slug};
  for (auto it = category_parents_.find(slug);
       it != category_parents_.end() && !it->second.empty() && chain.size() < 16 &&
       std::find(chain.begin(), chain.end(), it->second) == chain.end();
       it = category_parents_.find(it->second)) {
    chain.push_back(it->second);
  }
  if (chain.size() < 2) return "";
  std::string path = "/category";
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) path += "/" + *it;
  return path + "/";
}

Status WxrOldAddresses::TermRedirects(const WxrTerm& term) {
  if (own_export_ || term.slug.empty()) return Status::Ok();
  if (term.kind == WxrTerm::kAuthor) {
    SAMIZDAT_RETURN_IF_ERROR(Redirect(term.where, "/author/" + term.slug + "/", "/"));
    SAMIZDAT_RETURN_IF_ERROR(Redirect(term.where, "/author/" + AsciiLower(term.slug) + "/", "/"));
    if (IsAsciiDigits(term.id)) return Redirect(term.where, "/?author=" + term.id, "/");
    return Status::Ok();
  }
  const std::string label(TrimBlank(text::ToValidUtf8(term.name)));
  if (label.empty()) return Status::Ok();
  const std::string to = text::LabelUrl(label);
  if (term.kind == WxrTerm::kTag) {
    SAMIZDAT_RETURN_IF_ERROR(Redirect(term.where, "/tag/" + term.slug + "/", to));
    return Redirect(term.where, "/?tag=" + term.slug, to);
  }
  SAMIZDAT_RETURN_IF_ERROR(Redirect(term.where, "/category/" + term.slug + "/", to));
  if (const std::string chain = CategoryChainPath(term.slug); !chain.empty()) {
    SAMIZDAT_RETURN_IF_ERROR(Redirect(term.where, chain, to));
  }
  if (IsAsciiDigits(term.id)) return Redirect(term.where, "/?cat=" + term.id, to);
  return Status::Ok();
}

// A redirect from `old_path` below the blog's base path.
Status WxrOldAddresses::Redirect(const SourceLocation& where, const std::string& old_path,
                                 std::string to) {
  return HandOver(where, base_path_ + old_path, std::move(to));
}

// Hands over a redirect from `path` (below the host), once per path.
Status WxrOldAddresses::HandOver(const SourceLocation& where, std::string path, std::string to) {
  if (!handed_over_.insert(path).second) return Status::Ok();
  return sink_.OnRedirect(SourceRedirect{where, std::move(path), std::move(to)});
}

}  // namespace samizdat::transfer
