// ReadBloggerAtom: Blogger's classic "Back up content" export (blogger.md §4.1) and
// Google Takeout's feed.atom (§4.3), streamed one <entry> at a time.
//
// The decisions this reader makes:
// - Each entry is read in the schema it shows: one with <blogger:type> (namespace
//   http://schemas.google.com/blogger/2018) is a Takeout entry, any other a classic one.
// - Classic: the kind category says what an entry is. Settings BLOG_NAME, BLOG_DESCRIPTION
//   and BLOG_TIME_ZONE become the blog's title, description and time zone; the other
//   settings are reported once, as a count, at the end; the template entry's text is
//   handed over as the blog's theme (ImportSink::OnTheme). A post
//   whose <app:control><app:draft> is "yes" is a draft; one that is not a draft and whose
//   published time is later than the start of the read is scheduled (Blogger lists
//   scheduled posts among the published ones, dated in the future); others are
//   published. The permalink is the rel=alternate link (drafts have none). A comment's
//   post is its <thr:in-reply-to ref>, else the post id in its self/edit link; the
//   comment it replies to is its rel=related link (…/comments/default/PARENTID). Classic
//   comments carry no status: they are published.
// - Takeout: blogger:status LIVE, DRAFT and SCHEDULED give published, draft and
//   scheduled; any other status (SOFT_TRASHED, …) or a non-empty <blogger:trashed> is a
//   trashed item, skipped and reported one by one. Comments: LIVE published, PENDING
//   pending, SPAM spam, EMPTIED deleted; other statuses are skipped and reported. The
//   permalink is <blogger:filename> ("" for a draft never published).
// - Times: <published> as the file says. Takeout often cuts a published time to the
//   minute while <blogger:created> keeps milliseconds, and Blogger's comment permalinks
//   (?showComment=MS) use the published instant's milliseconds; we still keep
//   <published>: it is the date Blogger showed and sorted by, <blogger:created> is when
//   the item was first saved (for posts, minutes away from the publication), and an old
//   ?showComment= link keeps working whatever its number, as the post's page answers it
//   and the #cID anchor names the comment.
// - Text titles are trimmed, and character references left in them after XML decoding
//   (Blogger writes some titles escaped twice: "It&amp;#39;s") are decoded once more.
//   Content of type html is kept as the file has it; text content is escaped into HTML.
// - The blog (OnBlog) is reported before the first post or page, and again at the end
//   if settings read after that changed it. A file with neither (a Takeout comments
//   feed, whose title is its author's name for the blog and can differ from the blog's)
//   reports it at the end; a Takeout one reports only the blog's id.
// - samizdat's own exports carry what Blogger's format cannot say in samizdat's extension
//   namespace (samizdat_extension.h): the blog's settings and redirects, each item's
//   <samizdat:post> or <samizdat:comment>, and held (pending, spam) comments, whose kind
//   is samizdat's kHeldCommentKind so that other readers pass over them.
// - Unknown elements are no error: each kind is reported once at the end with a count.
//   Elements that are known and carry nothing samizdat keeps (gd:, georss:, media:,
//   thr:total, edit links, …) are passed over in silence.
#include <libxml/tree.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "text/escape.h"
#include "text/html_text.h"
#include "transfer/blogger_ids.h"
#include "transfer/readers.h"
#include "transfer/samizdat_extension.h"
#include "transfer/xml_stream.h"

namespace samizdat::transfer {
namespace {

constexpr std::string_view kBloggerNs = "http://schemas.google.com/blogger/2018";
constexpr std::string_view kAppNamespaces[] = {"http://purl.org/atom/app#",
                                               "http://www.w3.org/2007/app"};
// Namespaces whose elements carry nothing samizdat keeps: passed over without a report.
constexpr std::string_view kQuietNamespaces[] = {
    "http://schemas.google.com/g/2005",         // gd: images, extended properties
    "http://www.georss.org/georss",             // locations
    "http://search.yahoo.com/mrss/",            // media:thumbnail
    "http://a9.com/-/spec/opensearchrss/1.0/",  // openSearch: paging
    "http://a9.com/-/spec/opensearch/1.1/",
};
// Distinct unknown element names reported; more are counted together.
constexpr std::size_t kMaxUnknownNames = 50;

bool IsAppElement(const xmlNode* element, std::string_view local) {
  const ElementName name = NameOf(element);
  if (name.local != local) return false;
  if (name.undeclared_prefix == "app") return true;
  return std::find(std::begin(kAppNamespaces), std::end(kAppNamespaces), name.ns) !=
         std::end(kAppNamespaces);
}

bool IsQuiet(std::string_view ns) {
  return std::find(std::begin(kQuietNamespaces), std::end(kQuietNamespaces), ns) !=
         std::end(kQuietNamespaces);
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string Plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

void AppendUtf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// One more round of character references, for titles Blogger escaped twice: numeric
// references and the named ones a title is likely to hold. Anything else stays.
std::string DecodeLeftoverReferences(std::string_view s) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"}};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::size_t semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back(s[i]);
      continue;
    }
    const std::string_view ref = s.substr(i + 1, semi - i - 1);
    bool decoded = false;
    if (ref.size() >= 2 && ref[0] == '#') {
      const bool hex = ref[1] == 'x' || ref[1] == 'X';
      const std::string digits(ref.substr(hex ? 2 : 1));
      if (!digits.empty() && digits.find_first_not_of(hex ? "0123456789abcdefABCDEF"
                                                          : "0123456789") == std::string::npos) {
        const unsigned long cp = std::stoul(digits, nullptr, hex ? 16 : 10);
        if (cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
          AppendUtf8(out, cp);
          decoded = true;
        }
      }
    } else {
      for (const auto& [name, text] : kNamed) {
        if (ref == name) {
          out += text;
          decoded = true;
          break;
        }
      }
    }
    if (decoded) {
      i = semi;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// What one <entry> says, before deciding what it is.
struct Entry {
  SourceLocation where;
  std::string id;
  // Classic: the kind category's fragment ("post", "comment", …).
  std::string kind;
  // Takeout: <blogger:type>, <blogger:status>, …
  bool takeout = false;
  std::string type;
  std::string status;
  std::string parent;
  std::string in_reply_to;
  std::string filename;
  std::string trashed;
  const xmlNode* title = nullptr;
  const xmlNode* content = nullptr;
  const xmlNode* published = nullptr;
  const xmlNode* updated = nullptr;
  std::vector<std::string> labels;
  std::string alternate;  // link rel=alternate
  std::string related;    // link rel=related (a comment's parent comment)
  std::string self;       // link rel=self, else rel=edit
  std::string author_name;
  std::string author_uri;
  bool draft = false;
  std::string thread_ref;             // <thr:in-reply-to ref>
  bool content_removed = false;       // gd:extendedProperty blogger.contentRemoved (deleted)
  const xmlNode* samizdat = nullptr;  // <samizdat:post> or <samizdat:comment>, ours only
};

class BloggerReader {
 public:
  BloggerReader(XmlStream& stream, ImportSink& sink) : stream_(stream), sink_(sink), now_(Now()) {}

  Status Run();

 private:
  struct Tally {
    std::string what;  // "settings entry" / "settings entries"
    std::string plural;
    std::size_t count = 0;
    SourceLocation first;
    std::vector<std::string> names;  // the first few, for settings
  };

  Status ReadRoot();
  void ReportTallies();
  Status FeedChild(const xmlNode* element);
  Status ReadEntry(const xmlNode* element);
  Status ParseEntry(const xmlNode* element, Entry& entry);
  Status ClassicEntry(const Entry& entry);
  Status TakeoutEntry(const Entry& entry);
  Status ClassicComment(const Entry& entry);
  Status Setting(const Entry& entry);
  Status HandOverPost(const Entry& entry, PostKind kind, PostStatus status, std::string permalink);
  Status HandOverComment(const Entry& entry, std::string post_id, std::string parent_id,
                         CommentStatus status);
  Status ReportBlog();

  Result<std::string> ItemId(const Entry& entry, std::string_view what) const;
  Result<std::optional<Time>> TimeOf(const xmlNode* element) const;
  std::string TitleOf(const xmlNode* title) const;
  std::string ContentOf(const xmlNode* content) const;
  void Count(const std::string& key, std::string_view one, std::string_view many,
             const SourceLocation& where, std::string name = "");
  void Unknown(const xmlNode* element);
  std::string Label(const Entry& entry) const;

  XmlStream& stream_;
  ImportSink& sink_;
  const Time now_;
  SourceBlog blog_;
  bool blog_reported_ = false;
  bool blog_changed_ = false;  // after it was reported
  bool takeout_ = false;       // the file has Takeout entries
  std::vector<Tally> tallies_;
  std::map<std::string, std::size_t, std::less<>> tally_index_;
  std::size_t unknown_names_ = 0;
};

Status BloggerReader::Run() {
  SAMIZDAT_RETURN_IF_ERROR(ReadRoot());
  auto more = stream_.Read();
  while (more.ok() && *more) {
    if (stream_.depth() == 1 && stream_.AtElement()) {
      auto element = stream_.Expand();
      if (!element.ok()) return element.status();
      SAMIZDAT_RETURN_IF_ERROR(FeedChild(*element));
      sink_.OnProgress(stream_.path(), stream_.bytes_read());
      more = stream_.Next();
    } else {
      more = stream_.Read();
    }
  }
  if (!more.ok()) return more.status();

  if (!blog_reported_) {
    if (takeout_) {  // no post or page: a comments feed (see the top of the file)
      blog_.title.clear();
      blog_.description.clear();
    }
    SAMIZDAT_RETURN_IF_ERROR(ReportBlog());
  } else if (blog_changed_) {
    SAMIZDAT_RETURN_IF_ERROR(ReportBlog());
  }
  ReportTallies();
  return Status::Ok();
}

// Moves to the root element, which must be Atom's <feed>.
Status BloggerReader::ReadRoot() {
  for (;;) {
    auto more = stream_.Read();
    if (!more.ok()) return more.status();
    if (!*more) return stream_.ErrorAt({stream_.path(), 0, 0}, "no root element");
    if (stream_.AtElement()) break;
  }
  const xmlNode* root = stream_.node();
  if (!Is(root, kAtomNs, "feed")) {
    const std::string name = QualifiedName(root);
    return stream_.ErrorAt(stream_.Where(), "not a Blogger export: the document is <" + name +
                                                (name == "rss" ? "> (an RSS feed)" : ">") +
                                                ", not an Atom <feed>");
  }
  for (const xmlNs* ns = root->nsDef; ns != nullptr; ns = ns->next) {
    if (ns->href != nullptr && reinterpret_cast<const char*>(ns->href) == kBloggerNs) {
      takeout_ = true;
    }
  }
  return Status::Ok();
}

// One line per kind of thing not imported, with its count, where it first appeared.
void BloggerReader::ReportTallies() {
  for (const Tally& t : tallies_) {
    std::string what = Plural(t.count, t.what, t.plural);
    if (!t.names.empty()) {
      what += " (";
      for (std::size_t i = 0; i < t.names.size(); ++i) {
        if (i > 0) what += i + 1 == t.names.size() && t.count == t.names.size() ? " and " : ", ";
        what += t.names[i];
      }
      if (t.count > t.names.size()) {
        what += " and " + std::to_string(t.count - t.names.size()) + " more";
      }
      what += ")";
    }
    sink_.OnSkipped(t.first, std::move(what));
  }
}

Status BloggerReader::ReportBlog() {
  blog_reported_ = true;
  blog_changed_ = false;
  return sink_.OnBlog(blog_);
}

Status BloggerReader::FeedChild(const xmlNode* element) {
  if (IsSamizdatExtension(element)) {
    if (NameOf(element).local == "blog" && blog_reported_) blog_changed_ = true;
    return ReadBlogExtension(stream_, element, blog_, sink_);
  }
  const ElementName name = NameOf(element);
  if (name.ns == kAtomNs) {
    if (name.local == "entry") return ReadEntry(element);
    if (name.local == "id") {
      blog_.original_id = BlogIdOf(TrimmedTextOf(element)).value_or("");
    } else if (name.local == "title") {
      blog_.title = TitleOf(element);
    } else if (name.local == "subtitle") {
      blog_.description = TitleOf(element);
    } else if (name.local == "link") {
      if (AttributeOf(element, "rel") == "alternate") {
        blog_.url = std::string(TrimWhite(AttributeOf(element, "href")));
      }
    } else if (name.local == "generator") {
      blog_.generator = TrimmedTextOf(element);
    } else if (name.local != "updated" && name.local != "author" && name.local != "category" &&
               name.local != "contributor" && name.local != "icon" && name.local != "logo" &&
               name.local != "rights") {
      Unknown(element);
    }
    return Status::Ok();
  }
  if (!IsQuiet(name.ns)) Unknown(element);
  return Status::Ok();
}

Status BloggerReader::ReadEntry(const xmlNode* element) {
  Entry entry;
  SAMIZDAT_RETURN_IF_ERROR(ParseEntry(element, entry));
  if (entry.takeout) {
    takeout_ = true;
    return TakeoutEntry(entry);
  }
  return ClassicEntry(entry);
}

Status BloggerReader::ParseEntry(const xmlNode* element, Entry& entry) {
  entry.where = stream_.Where(element);
  bool has_id = false;
  for (const xmlNode* child : ChildElements(element)) {
    const ElementName name = NameOf(child);
    if (name.ns == kAtomNs) {
      const std::string_view local = name.local;
      if (local == "id") {
        entry.id = TrimmedTextOf(child);
        has_id = true;
      } else if (local == "title") {
        entry.title = child;
      } else if (local == "content") {
        entry.content = child;
      } else if (local == "published") {
        entry.published = child;
      } else if (local == "updated") {
        entry.updated = child;
      } else if (local == "category") {
        const std::string scheme = AttributeOf(child, "scheme");
        const std::string term(TrimWhite(AttributeOf(child, "term")));
        if (scheme == kKindScheme) {
          if (term.starts_with(kKindTermPrefix)) entry.kind = term.substr(kKindTermPrefix.size());
          if (term == kHeldCommentKind) entry.kind = "comment";  // its status: <samizdat:comment>
        } else if (!term.empty() &&
                   (scheme == kLabelScheme || scheme.starts_with("tag:blogger.com,") ||
                    scheme.empty()) &&
                   std::find(entry.labels.begin(), entry.labels.end(), term) ==
                       entry.labels.end()) {
          entry.labels.push_back(term);
        }
      } else if (local == "link") {
        const std::string rel = AttributeOf(child, "rel");
        std::string href(TrimWhite(AttributeOf(child, "href")));
        if (rel == "alternate") {
          entry.alternate = std::move(href);
        } else if (rel == "related") {
          entry.related = std::move(href);
        } else if (rel == "self" || (rel == "edit" && entry.self.empty())) {
          entry.self = std::move(href);
        }
      } else if (local == "author") {
        if (entry.author_name.empty() && entry.author_uri.empty()) {
          for (const xmlNode* part : ChildElements(child)) {
            if (Is(part, kAtomNs, "name")) entry.author_name = TrimmedTextOf(part);
            if (Is(part, kAtomNs, "uri")) entry.author_uri = TrimmedTextOf(part);
          }
        }
      } else if (local != "summary" && local != "contributor" && local != "rights" &&
                 local != "source" && local != "enclosure") {
        Unknown(child);
      }
    } else if (name.ns == kBloggerNs) {
      const std::string_view local = name.local;
      if (local == "type") {
        entry.takeout = true;
        entry.type = Upper(TrimmedTextOf(child));
      } else if (local == "status") {
        entry.status = Upper(TrimmedTextOf(child));
      } else if (local == "parent") {
        entry.parent = TrimmedTextOf(child);
      } else if (local == "inReplyTo") {
        entry.in_reply_to = TrimmedTextOf(child);
      } else if (local == "filename") {
        entry.filename = TrimmedTextOf(child);
      } else if (local == "trashed") {
        entry.trashed = TrimmedTextOf(child);
      } else if (local == "metaDescription") {
        if (!TrimmedTextOf(child).empty()) {
          Count("metaDescription", "search description (blogger:metaDescription)",
                "search descriptions (blogger:metaDescription)", stream_.Where(child));
        }
      } else if (local == "location") {
        if (!TrimmedTextOf(child).empty()) {
          Count("location", "location (blogger:location)", "locations (blogger:location)",
                stream_.Where(child));
        }
      } else if (local != "created") {
        Unknown(child);
      }
    } else if (name.ns == kThreadNs) {
      if (name.local == "in-reply-to") {
        entry.thread_ref = std::string(TrimWhite(AttributeOf(child, "ref")));
      } else if (name.local != "total") {
        Unknown(child);
      }
    } else if (IsSamizdatExtension(child)) {
      entry.samizdat = child;
    } else if (name.ns == kGDataNs && name.local == "extendedProperty" &&
               AttributeOf(child, "name") == "blogger.contentRemoved") {
      entry.content_removed = true;
    } else if (IsAppElement(child, "control")) {
      for (const xmlNode* part : ChildElements(child)) {
        if (IsAppElement(part, "draft") && Upper(TrimmedTextOf(part)) == "YES") {
          entry.draft = true;
        }
      }
    } else if (!IsQuiet(name.ns)) {
      Unknown(child);
    }
  }
  if (!has_id || entry.id.empty()) {
    return stream_.ErrorAt(entry.where,
                           "an <entry> without an <id>: every post, page and "
                           "comment of an export has one");
  }
  return Status::Ok();
}

Status BloggerReader::ClassicEntry(const Entry& entry) {
  std::string kind = entry.kind;
  if (kind.empty()) {  // no kind category: what the id and links say
    if (!entry.thread_ref.empty()) {
      kind = "comment";
    } else if (entry.id.find(".settings.") != std::string::npos) {
      kind = "settings";
    } else if (entry.id.ends_with(".layout")) {
      kind = "template";
    } else if (entry.id.find(".page-") != std::string::npos) {
      kind = "page";
    } else if (entry.id.find(".post-") != std::string::npos) {
      kind = "post";
    }
  }
  if (kind == "post" || kind == "page") {
    const PostStatus status =
        entry.draft ? PostStatus::kDraft : PostStatus::kPublished;  // scheduled: below
    return HandOverPost(entry, kind == "page" ? PostKind::kPage : PostKind::kPost, status,
                        entry.draft ? "" : entry.alternate);
  }
  if (kind == "comment") return ClassicComment(entry);
  if (kind == "settings") return Setting(entry);
  if (kind == "template") {
    return sink_.OnTheme(
        {entry.where, entry.content ? TextOf(entry.content) : std::string(), "template.xml"});
  }
  sink_.OnSkipped(entry.where, "an entry of unknown kind '" +
                                   (kind.empty() ? std::string("none") : kind) + "' (" + entry.id +
                                   ")");
  return Status::Ok();
}

Status BloggerReader::Setting(const Entry& entry) {
  const auto dot = entry.id.rfind(".settings.");
  const std::string name = dot == std::string::npos ? entry.id : entry.id.substr(dot + 10);
  const std::string value = entry.content ? TrimmedTextOf(entry.content) : "";
  std::string* field = nullptr;
  if (name == "BLOG_NAME") field = &blog_.title;
  if (name == "BLOG_DESCRIPTION") field = &blog_.description;
  if (name == "BLOG_TIME_ZONE") field = &blog_.time_zone;
  if (field == nullptr) {
    Count("settings", "settings entry", "settings entries", entry.where, name);
    return Status::Ok();
  }
  if (name == "BLOG_NAME" && value.empty()) return Status::Ok();  // keep the feed's title
  if (*field != value) {
    *field = value;
    if (blog_reported_) blog_changed_ = true;
  }
  return Status::Ok();
}

Status BloggerReader::ClassicComment(const Entry& entry) {
  std::string post_id;
  if (!entry.thread_ref.empty()) {
    auto id = ItemIdOf(entry.thread_ref);
    if (!id) {
      return stream_.ErrorAt(entry.where, "the comment " + entry.id + " replies to '" +
                                              entry.thread_ref + "', which is not a post id");
    }
    post_id = *id;
  } else {
    // …/feeds/BLOGID/POSTID/comments/default/CID
    const auto at = entry.self.find("/comments/default/");
    if (at != std::string::npos) {
      const std::string head = entry.self.substr(0, at);
      post_id = ItemIdOf(head.substr(head.rfind('/') + 1)).value_or("");
    }
    if (post_id.empty()) {
      return stream_.ErrorAt(entry.where, "the comment " + entry.id +
                                              " does not say which post it is on (no "
                                              "<thr:in-reply-to>)");
    }
  }
  std::string parent_id;
  if (const auto at = entry.related.find("/comments/default/"); at != std::string::npos) {
    std::string_view tail = std::string_view(entry.related).substr(at + 18);
    tail = tail.substr(0, tail.find_first_of("?#/"));
    parent_id = ItemIdOf(tail).value_or("");
  }
  // Blogger (and samizdat) write a removed comment with this property and a placeholder
  // body: it stays in its thread as deleted, never shown.
  return HandOverComment(
      entry, std::move(post_id), std::move(parent_id),
      entry.content_removed ? CommentStatus::kDeleted : CommentStatus::kPublished);
}

Status BloggerReader::TakeoutEntry(const Entry& entry) {
  if (entry.type == "POST" || entry.type == "PAGE") {
    const PostKind kind = entry.type == "PAGE" ? PostKind::kPage : PostKind::kPost;
    std::optional<PostStatus> status;
    if (entry.status == "LIVE" || entry.status.empty()) status = PostStatus::kPublished;
    if (entry.status == "DRAFT") status = PostStatus::kDraft;
    if (entry.status == "SCHEDULED") status = PostStatus::kScheduled;
    if (!status || !entry.trashed.empty()) {
      sink_.OnSkipped(entry.where, "trashed " + Label(entry) + " (status " +
                                       (entry.status.empty() ? "none" : entry.status) + ")");
      return Status::Ok();
    }
    return HandOverPost(entry, kind, *status, entry.filename);
  }
  if (entry.type == "COMMENT") {
    std::optional<CommentStatus> status;
    if (entry.status == "LIVE" || entry.status.empty()) status = CommentStatus::kPublished;
    if (entry.status == "PENDING") status = CommentStatus::kPending;
    if (entry.status == "SPAM") status = CommentStatus::kSpam;
    if (entry.status == "EMPTIED") status = CommentStatus::kDeleted;
    if (!status || !entry.trashed.empty()) {
      sink_.OnSkipped(entry.where, "trashed " + Label(entry) + " (status " +
                                       (entry.status.empty() ? "none" : entry.status) + ")");
      return Status::Ok();
    }
    if (entry.parent.empty()) {
      return stream_.ErrorAt(entry.where, "the comment " + entry.id +
                                              " does not say which post it is on (no "
                                              "<blogger:parent>)");
    }
    auto post_id = ItemIdOf(entry.parent);
    if (!post_id) {
      return stream_.ErrorAt(entry.where, "the comment " + entry.id + " is on '" + entry.parent +
                                              "', which is not a post id");
    }
    std::string parent_id;
    if (!entry.in_reply_to.empty()) {
      auto id = ItemIdOf(entry.in_reply_to);
      if (!id) {
        return stream_.ErrorAt(entry.where, "the comment " + entry.id + " replies to '" +
                                                entry.in_reply_to + "', which is not a comment id");
      }
      parent_id = *id;
    }
    return HandOverComment(entry, *post_id, parent_id, *status);
  }
  sink_.OnSkipped(entry.where, "an entry of unknown type '" + entry.type + "' (" + entry.id + ")");
  return Status::Ok();
}

Status BloggerReader::HandOverPost(const Entry& entry, PostKind kind, PostStatus status,
                                   std::string permalink) {
  SourcePost post;
  post.where = entry.where;
  post.kind = kind;
  auto id = ItemId(entry, kind == PostKind::kPage ? "page" : "post");
  if (!id.ok()) return id.status();
  post.original_id = std::move(*id);
  auto published = TimeOf(entry.published);
  if (!published.ok()) return published.status();
  auto updated = TimeOf(entry.updated);
  if (!updated.ok()) return updated.status();
  post.published = *published;
  post.updated = *updated;
  if (!entry.takeout && status == PostStatus::kPublished && post.published &&
      *post.published > now_) {
    status = PostStatus::kScheduled;
  }
  post.status = status;
  post.title = TitleOf(entry.title);
  post.content_html = ContentOf(entry.content);
  post.labels = entry.labels;
  post.author = entry.author_name;
  post.permalink = std::move(permalink);
  SAMIZDAT_RETURN_IF_ERROR(ApplyPostExtension(stream_, entry.samizdat, post));
  if (!blog_reported_) SAMIZDAT_RETURN_IF_ERROR(ReportBlog());
  return sink_.OnPost(std::move(post));
}

Status BloggerReader::HandOverComment(const Entry& entry, std::string post_id,
                                      std::string parent_id, CommentStatus status) {
  SourceComment comment;
  comment.where = entry.where;
  auto id = ItemId(entry, "comment");
  if (!id.ok()) return id.status();
  comment.original_id = std::move(*id);
  comment.post_original_id = std::move(post_id);
  comment.parent_original_id = std::move(parent_id);
  comment.status = status;
  comment.author_name = entry.author_name;
  comment.author_url = entry.author_uri;
  comment.content_html = ContentOf(entry.content);
  auto published = TimeOf(entry.published);
  if (!published.ok()) return published.status();
  comment.published = *published;
  SAMIZDAT_RETURN_IF_ERROR(ApplyCommentExtension(stream_, entry.samizdat, comment));
  return sink_.OnComment(std::move(comment));
}

Result<std::string> BloggerReader::ItemId(const Entry& entry, std::string_view what) const {
  auto id = ItemIdOf(entry.id);
  if (!id) {
    return stream_.ErrorAt(entry.where, "the " + std::string(what) + " id '" + entry.id +
                                            "' is not a Blogger id "
                                            "(tag:blogger.com,1999:blog-BLOG.post-NUMBER)");
  }
  return *id;
}

Result<std::optional<Time>> BloggerReader::TimeOf(const xmlNode* element) const {
  if (element == nullptr) return std::optional<Time>();
  const std::string text = TrimmedTextOf(element);
  if (text.empty()) return std::optional<Time>();
  auto t = ParseRfc3339(text);
  if (!t.ok()) {
    return stream_.ErrorAt(stream_.Where(element), "<" + QualifiedName(element) + "> '" + text +
                                                       "' is not a date and time");
  }
  return std::optional<Time>(*t);
}

std::string BloggerReader::TitleOf(const xmlNode* title) const {
  if (title == nullptr) return "";
  const std::string type = AttributeOf(title, "type");
  const std::string text = TextOf(title);
  if (type == "html") return text::HtmlToText(text);
  if (type == "xhtml") return std::string(TrimWhite(text));
  return std::string(TrimWhite(DecodeLeftoverReferences(text)));
}

std::string BloggerReader::ContentOf(const xmlNode* content) const {
  if (content == nullptr) return "";
  const std::string type = AttributeOf(content, "type");
  if (type == "text") return text::EscapeHtml(TextOf(content));
  if (type == "xhtml") {
    // The markup inside the xhtml <div>, as written.
    std::string html;
    for (const xmlNode* div : ChildElements(content)) {
      std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buffer(xmlBufferCreate(),
                                                                  &xmlBufferFree);
      for (xmlNode* c = div->children; c != nullptr; c = c->next) {
        xmlNodeDump(buffer.get(), div->doc, c, 0, 0);
      }
      html.append(reinterpret_cast<const char*>(xmlBufferContent(buffer.get())),
                  static_cast<std::size_t>(xmlBufferLength(buffer.get())));
    }
    return html;
  }
  return TextOf(content);
}

std::string BloggerReader::Label(const Entry& entry) const {
  const std::string kind = entry.type == "COMMENT" ? "comment"
                           : entry.type == "PAGE"  ? "page"
                                                   : "post";
  const std::string title = TitleOf(entry.title);
  return kind + " " + ItemIdOf(entry.id).value_or(entry.id) +
         (title.empty() ? "" : " '" + title + "'");
}

void BloggerReader::Count(const std::string& key, std::string_view one, std::string_view many,
                          const SourceLocation& where, std::string name) {
  auto it = tally_index_.find(key);
  if (it == tally_index_.end()) {
    it = tally_index_.emplace(key, tallies_.size()).first;
    tallies_.push_back({std::string(one), std::string(many), 0, where, {}});
  }
  Tally& tally = tallies_[it->second];
  ++tally.count;
  if (!name.empty() && tally.names.size() < 3) tally.names.push_back(std::move(name));
}

void BloggerReader::Unknown(const xmlNode* element) {
  std::string name = QualifiedName(element);
  const std::string key = "unknown " + name;
  if (!tally_index_.contains(key)) {
    if (unknown_names_ == kMaxUnknownNames) {
      Count("unknown", "other unknown element", "other unknown elements", stream_.Where(element));
      return;
    }
    ++unknown_names_;
  }
  Count(key, "unknown element <" + name + ">", "unknown elements <" + name + ">",
        stream_.Where(element));
}

}  // namespace

Status ReadBloggerAtom(const std::string& path, ImportSink& sink) {
  auto stream = XmlStream::Open(path);
  if (!stream.ok()) return stream.status();
  BloggerReader reader(**stream, sink);
  return reader.Run();
}

}  // namespace samizdat::transfer
