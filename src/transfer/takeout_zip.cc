// Takeout .zip files read with libzip, member by member, in 64 KiB pieces.
#include "transfer/takeout_zip.h"

#include <zip.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

namespace samizdat::transfer {
namespace {

namespace fs = std::filesystem;

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct FileClose {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

struct Member {
  zip_uint64_t index;
  std::string folder;  // "Blogs" or "Comments"
  std::string name;    // the blog's folder name
  std::string file;    // "feed.atom", or a blog's theme ("theme-layouts.xml", "Theme.xml")
};

// ".../Blogger/Blogs/NAME/feed.atom" -> {"Blogs", NAME, "feed.atom"} (a blog's theme
// files likewise); false for anything else.
bool ParseMember(std::string_view path, std::string& folder, std::string& name, std::string& file) {
  const auto last = path.rfind('/');
  if (last == std::string_view::npos) return false;
  file = std::string(path.substr(last + 1));
  if (file != "feed.atom" && file != "theme-layouts.xml" && file != "Theme.xml") return false;
  path = path.substr(0, last);
  const auto slash = path.rfind('/');
  if (slash == std::string_view::npos) return false;
  name = std::string(path.substr(slash + 1));
  path = path.substr(0, slash);
  for (std::string_view kind : {"Blogs", "Comments"}) {
    const std::string tail = "Blogger/" + std::string(kind);
    if (path == tail || path.ends_with("/" + tail)) {
      folder = std::string(kind);
      if (folder == "Comments" && file != "feed.atom") return false;
      return !name.empty() && name != "." && name != "..";
    }
  }
  return false;
}

Status Extract(zip_t* zip, const Member& member, const fs::path& to, const std::string& zip_path) {
  std::error_code ec;
  fs::create_directories(to.parent_path(), ec);
  if (ec) return Status::Internal(to.parent_path().string() + ": " + ec.message());
  std::unique_ptr<zip_file_t, ZipFileClose> in(zip_fopen_index(zip, member.index, 0));
  if (in == nullptr) {
    return Status::InvalidArgument(zip_path + ": cannot read its member " + member.folder + "/" +
                                   member.name + "/" + member.file + " (" + zip_strerror(zip) +
                                   ")");
  }
  std::unique_ptr<std::FILE, FileClose> out(std::fopen(to.c_str(), "wb"));
  if (out == nullptr) return Status::Internal(to.string() + ": " + std::strerror(errno));
  std::vector<char> buffer(64 * 1024);
  for (;;) {
    const zip_int64_t got = zip_fread(in.get(), buffer.data(), buffer.size());
    if (got < 0) {
      return Status::InvalidArgument(zip_path + ": its member " + member.folder + "/" +
                                     member.name + "/" + member.file + " is damaged (" +
                                     zip_file_strerror(in.get()) + ")");
    }
    if (got == 0) break;
    if (std::fwrite(buffer.data(), 1, static_cast<std::size_t>(got), out.get()) !=
        static_cast<std::size_t>(got)) {
      return Status::Internal(to.string() + ": " + std::strerror(errno));
    }
  }
  if (std::fclose(out.release()) != 0)
    return Status::Internal(to.string() + ": " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace

bool LooksLikeZip(const std::string& path) {
  std::unique_ptr<std::FILE, FileClose> f(std::fopen(path.c_str(), "rb"));
  char magic[4] = {};
  if (f == nullptr || std::fread(magic, 1, 4, f.get()) != 4) return false;
  return magic[0] == 'P' && magic[1] == 'K' &&
         ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
}

Status ExtractTakeoutFeeds(const std::string& zip_path, const std::string& scratch_dir) {
  int code = 0;
  std::unique_ptr<zip_t, ZipDiscard> zip(zip_open(zip_path.c_str(), ZIP_RDONLY, &code));
  if (zip == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status::InvalidArgument(zip_path + ": not a readable .zip (" + why + ")");
  }
  std::vector<Member> blogs;
  std::vector<Member> comments;
  std::vector<Member> themes;
  const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(zip.get(), static_cast<zip_uint64_t>(i), 0);
    Member member{static_cast<zip_uint64_t>(i), "", "", ""};
    if (name == nullptr || !ParseMember(name, member.folder, member.name, member.file)) continue;
    if (member.file != "feed.atom") {
      themes.push_back(std::move(member));
    } else {
      (member.folder == "Blogs" ? blogs : comments).push_back(std::move(member));
    }
  }
  if (blogs.empty()) {
    return Status::InvalidArgument(zip_path +
                                   ": not an export: the .zip holds no Blogger/Blogs/*/"
                                   "feed.atom (a Google Takeout of Blogger has one per blog)");
  }
  if (blogs.size() > 1) {
    std::string names;
    for (const Member& b : blogs) names += (names.empty() ? "" : ", ") + ("'" + b.name + "'");
    return Status::InvalidArgument(zip_path + ": this Takeout holds " +
                                   std::to_string(blogs.size()) + " blogs (" + names +
                                   "); unpack it and import one blog at a time, by its "
                                   "Blogger/Blogs/NAME/feed.atom");
  }
  const fs::path root = fs::path(scratch_dir) / "Blogger";
  for (const std::vector<Member>* list : {&blogs, &comments, &themes}) {
    for (const Member& m : *list) {
      if (list == &themes && m.name != blogs.front().name) continue;
      const Status s = Extract(zip.get(), m, root / m.folder / m.name / m.file, zip_path);
      if (!s.ok()) return s;
    }
  }
  return Status::Ok();
}

}  // namespace samizdat::transfer
