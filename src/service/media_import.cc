// MediaImportService: find the old files (posts, pages, redirects), fetch them, store
// them as uploads, then point the posts and redirects home.
#include "service/media_import.h"

#include <boost/url/parse.hpp>
#include <cstdio>
#include <map>
#include <string_view>
#include <utility>

#include "auth/form_token.h"
#include "service/blog_posts.h"
#include "service/media.h"
#include "service/media_urls.h"

namespace samizdat::service {
namespace {

constexpr int kPageSize = 200;

// The name a file had: the last segment of its URL, decoded ("x.jpg").
std::string FileNameOf(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->segments().empty()) return "";
  return parsed->segments().back();
}

// What the blog holds that points to old files.
struct OldFiles {
  std::vector<std::string> urls;           // fetch URLs, each once, in the order first seen
  std::vector<int64_t> posts;              // posts and pages that name one of them
  std::vector<store::Redirect> redirects;  // redirects that lead to one of them
};

Result<OldFiles> FindOldFiles(store::Store& store, const Blog& blog, const OldMediaHosts& hosts) {
  OldFiles found;
  std::map<std::string, bool, std::less<>> seen;
  auto note = [&](std::string_view written) {
    std::string url = hosts.FetchUrl(written);
    if (url.empty()) return false;
    if (seen.emplace(url, true).second) found.urls.push_back(std::move(url));
    return true;
  };
  SAMIZDAT_RETURN_IF_ERROR(
      ForEachPostBatch(store, blog.id, kPageSize, [&](std::vector<Post>& posts) {
        for (const Post& post : posts) {
          // A Markdown source is no HTML to rewrite; its body is made from it anew.
          if (post.format != BodyFormat::kHtml) continue;
          bool names = false;
          for (const std::string* html : {&post.source, &post.body_html}) {
            if (!MayNameOldFile(*html)) continue;
            for (const std::string& url : MediaUrlsIn(*html)) names = note(url) || names;
          }
          if (names) found.posts.push_back(post.id);
        }
        return Status::Ok();
      }));
  auto redirects = store.ListRedirects(blog.id);
  if (!redirects.ok()) return redirects.status();
  for (store::Redirect& redirect : *redirects) {
    if (note(redirect.new_path)) found.redirects.push_back(std::move(redirect));
  }
  return found;
}

}  // namespace

Result<MediaImportSummary> MediaImportService::Run(const Blog& blog,
                                                   const MediaImportOptions& options) {
  const OldMediaHosts hosts(blog.host, blog.imported_from);
  auto old = FindOldFiles(store_, blog, hosts);
  if (!old.ok()) return old.status();
  MediaImportSummary summary;
  if (old->urls.empty()) return summary;

  // Fetch and store each file; `home` maps its URL to its /media/ path.
  std::map<std::string, std::string, std::less<>> home;
  MediaService media(store_);
  Status store_error;
  MediaProgress progress;
  progress.files_total = static_cast<int>(old->urls.size());
  FetchOptions fetch = options.fetch;
  fetch.max_bytes = kMaxMediaBytes;
  SAMIZDAT_RETURN_IF_ERROR(FetchAll(old->urls, fetch, [&](Fetched fetched) {
    const std::string& url = old->urls[fetched.index];
    ++progress.files_done;
    if (!fetched.ok) {
      summary.failed.push_back({url, std::move(fetched.error)});
    } else {
      const auto size = static_cast<int64_t>(fetched.bytes.size());
      const bool here = store_.GetMedia(blog.id, auth::ContentHash(fetched.bytes)).ok();
      auto stored = media.Upload(blog, FileNameOf(url), std::move(fetched.bytes));
      if (stored.ok()) {
        home.emplace(url, MediaPath(*stored));
        if (here) {
          ++summary.already_here;
        } else {
          ++summary.downloaded;
          summary.bytes += size;
        }
      } else if (stored.status().IsInvalidArgument()) {  // not an image, in words
        summary.failed.push_back({url, stored.status().message()});
      } else if (store_error.ok()) {
        store_error = stored.status();
      }
      progress.bytes += size;
    }
    if (options.progress) options.progress(progress);
  }));
  SAMIZDAT_RETURN_IF_ERROR(store_error);
  if (home.empty()) return summary;

  const auto to_home = [&](std::string_view written) -> std::string {
    auto found = home.find(hosts.FetchUrl(written));
    return found == home.end() ? "" : found->second;
  };
  for (int64_t id : old->posts) {
    auto post = store_.GetPost(blog.id, id);
    if (post.status().IsNotFound()) continue;  // deleted meanwhile
    if (!post.ok()) return post.status();
    std::string source = ReplaceMediaUrls(post->source, to_home);
    std::string body = ReplaceMediaUrls(post->body_html, to_home);
    if (source == post->source && body == post->body_html) continue;
    post->source = std::move(source);
    post->body_html = std::move(body);
    SAMIZDAT_RETURN_IF_ERROR(store_.UpdatePost(*post));
    ++summary.posts_updated;
  }

  std::vector<store::Redirect> redirects;
  for (const store::Redirect& redirect : old->redirects) {
    if (std::string to = to_home(redirect.new_path); !to.empty()) {
      redirects.push_back({redirect.old_path, std::move(to)});
    }
  }
  for (const auto& [url, path] : home) {
    if (std::string old_path = hosts.OldUploadPath(url); !old_path.empty()) {
      redirects.push_back({std::move(old_path), path});
    }
  }
  if (!redirects.empty()) {
    auto batch = store_.BeginImport();
    if (!batch.ok()) return batch.status();
    for (const store::Redirect& redirect : redirects) {
      SAMIZDAT_RETURN_IF_ERROR(
          (*batch)->AddRedirect(blog.id, redirect.old_path, redirect.new_path));
    }
    SAMIZDAT_RETURN_IF_ERROR((*batch)->Commit(nullptr));
    summary.redirects = static_cast<int>(redirects.size());
  }
  return summary;
}

std::string DescribeMediaImport(const MediaImportSummary& summary, std::size_t listed) {
  if (summary.downloaded + summary.already_here == 0 && summary.failed.empty()) {
    return "nothing to fetch from the old blog's hosts";
  }
  char megabytes[32];
  std::snprintf(megabytes, sizeof megabytes, "%.1f", static_cast<double>(summary.bytes) / 1e6);
  std::string out = std::to_string(summary.downloaded) +
                    (summary.downloaded == 1 ? " file" : " files") + " downloaded (" + megabytes +
                    " MB), " + std::to_string(summary.already_here) + " already here, " +
                    std::to_string(summary.failed.size()) + " failed";
  for (std::size_t i = 0; i < summary.failed.size() && i < listed; ++i) {
    out += (i == 0 ? ": " : ", ") + summary.failed[i].url + " (" + summary.failed[i].reason + ")";
  }
  if (summary.failed.size() > listed) {
    out += " and " + std::to_string(summary.failed.size() - listed) + " more";
  }
  return out;
}

}  // namespace samizdat::service
