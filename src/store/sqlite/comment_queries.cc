// SqliteStore: comments, the spam classifier's counts and instance secrets.
//
// Every comment write bumps the blog's comment_seq (not its generation), sets its
// comments_updated_ms, stamps each post it touched with the new comment_seq and recounts
// that post's published comments, all in the write's transaction.
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace samizdat::store::sqlite {
namespace {

Result<bool> CommentIdTaken(Connection& conn, int64_t id) {
  Result<Statement> query = conn.Prepare("SELECT 1 FROM comments WHERE id = ?1");
  if (!query.ok()) return query.status();
  return query->Bind(1, id).Step();
}

Result<Comment> SelectComment(Connection& conn, int64_t blog_id, int64_t comment_id) {
  static const std::string kSql =
      "SELECT " + std::string(kCommentColumns) + " FROM comments WHERE id = ?1 AND blog_id = ?2";
  Result<Statement> query = conn.Prepare(kSql);
  if (!query.ok()) return query.status();
  Result<bool> row = query->Bind(1, comment_id).Bind(2, blog_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return Status::NotFound("no comment with id " + std::to_string(comment_id) + " in blog " +
                            std::to_string(blog_id));
  }
  return ReadComment(*query);
}

// Within a write: NotFound unless the post is in the blog.
Status CheckPostInBlog(Connection& conn, int64_t blog_id, int64_t post_id) {
  Result<Statement> query = conn.Prepare("SELECT 1 FROM posts WHERE id = ?1 AND blog_id = ?2");
  if (!query.ok()) return query.status();
  Result<bool> row = query->Bind(1, post_id).Bind(2, blog_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return Status::NotFound("no post with id " + std::to_string(post_id) + " in blog " +
                            std::to_string(blog_id));
  }
  return Status::Ok();
}

// Within a write: InvalidArgument unless `parent_id` is a comment of the post.
Status CheckParent(Connection& conn, const Comment& comment) {
  Result<Statement> query =
      conn.Prepare("SELECT 1 FROM comments WHERE id = ?1 AND post_id = ?2 AND blog_id = ?3");
  if (!query.ok()) return query.status();
  Result<bool> row =
      query->Bind(1, comment.parent_id).Bind(2, comment.post_id).Bind(3, comment.blog_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return Status::InvalidArgument("comment " + std::to_string(comment.parent_id) +
                                   " is not a comment of post " + std::to_string(comment.post_id));
  }
  return Status::Ok();
}

// Parameter numbers of the comment listing statements.
enum Param : int { kBlog = 1, kPost, kPublishedBefore, kLimit, kOffset };

// "FROM … WHERE …" for `q`. The statuses are written into the SQL as the schema's
// words (a fixed set, never user text), so the indexes on status apply. With a post, the
// unary + keeps SQLite (which has no statistics) off comments_blog: the post's own index,
// comments_post, reads only that post's comments.
std::string CommentFilterSql(const CommentQuery& q) {
  std::string sql = q.post_id ? " FROM comments WHERE +blog_id = ?1 AND post_id = ?2"
                              : " FROM comments WHERE blog_id = ?1";
  if (!q.statuses.empty()) {
    sql += " AND status IN (";
    for (size_t i = 0; i < q.statuses.size(); ++i) {
      if (i > 0) sql += ", ";
      sql += "'" + std::string(CommentStatusName(q.statuses[i])) + "'";
    }
    sql += ")";
  }
  if (q.published_before) sql += " AND published_ms < ?3";
  if (q.readable_posts_only) {
    sql +=
        " AND post_id IN (SELECT id FROM posts WHERE blog_id = ?1 AND status = 'published'"
        " AND comments_mode <> 'hidden')";
  }
  return sql;
}

void BindCommentFilter(Statement& stmt, const CommentQuery& q) {
  stmt.Bind(kBlog, q.blog_id);
  if (q.post_id) stmt.Bind(kPost, *q.post_id);
  if (q.published_before) stmt.Bind(kPublishedBefore, Millis(*q.published_before));
}

// The distinct non-empty tokens, in first-seen order: a comment counts once per token.
std::vector<std::string> DistinctTokens(const std::vector<std::string>& tokens) {
  std::vector<std::string> distinct;
  std::unordered_set<std::string_view> seen;
  for (const std::string& token : tokens) {
    if (!token.empty() && seen.insert(token).second) distinct.push_back(token);
  }
  return distinct;
}

// The count column of a trained class: "spam" or "ham".
std::string_view ClassColumn(SpamTraining training) {
  return training == SpamTraining::kSpam ? "spam" : "ham";
}

// Within a write: takes one comment with `tokens` out of class `training`'s counts (never
// below zero; token rows left at zero in both classes are removed).
Status Untrain(Connection& conn, int64_t blog_id, SpamTraining training,
               const std::vector<std::string>& tokens) {
  const std::string column(ClassColumn(training));
  Result<Statement> total = conn.Prepare("UPDATE spam_totals SET " + column + "_comments = MAX(" +
                                         column + "_comments - 1, 0) WHERE blog_id = ?1");
  if (!total.ok()) return total.status();
  SAMIZDAT_RETURN_IF_ERROR(total->Bind(1, blog_id).Run());
  for (const std::string& token : tokens) {
    Result<Statement> lower = conn.Prepare("UPDATE spam_tokens SET " + column + " = MAX(" + column +
                                           " - 1, 0) WHERE blog_id = ?1 AND token = ?2");
    if (!lower.ok()) return lower.status();
    SAMIZDAT_RETURN_IF_ERROR(lower->Bind(1, blog_id).Bind(2, token).Run());
    Result<Statement> drop = conn.Prepare(
        "DELETE FROM spam_tokens WHERE blog_id = ?1 AND token = ?2 AND spam = 0 AND ham = 0");
    if (!drop.ok()) return drop.status();
    SAMIZDAT_RETURN_IF_ERROR(drop->Bind(1, blog_id).Bind(2, token).Run());
  }
  return Status::Ok();
}

// Within a write: adds one comment with `tokens` to class `training`'s counts.
Status Train(Connection& conn, int64_t blog_id, SpamTraining training,
             const std::vector<std::string>& tokens) {
  const std::string column(ClassColumn(training));
  Result<Statement> total = conn.Prepare("INSERT INTO spam_totals (blog_id, " + column +
                                         "_comments) VALUES (?1, 1) "
                                         "ON CONFLICT (blog_id) DO UPDATE SET " +
                                         column + "_comments = " + column + "_comments + 1");
  if (!total.ok()) return total.status();
  SAMIZDAT_RETURN_IF_ERROR(total->Bind(1, blog_id).Run());
  for (const std::string& token : tokens) {
    Result<Statement> raise = conn.Prepare("INSERT INTO spam_tokens (blog_id, token, " + column +
                                           ") VALUES (?1, ?2, 1) "
                                           "ON CONFLICT (blog_id, token) DO UPDATE SET " +
                                           column + " = " + column + " + 1");
    if (!raise.ok()) return raise.status();
    SAMIZDAT_RETURN_IF_ERROR(raise->Bind(1, blog_id).Bind(2, token).Run());
  }
  return Status::Ok();
}

// The comments a purge removes: (blog, post, comment) ids.
struct Purged {
  int64_t blog_id;
  int64_t post_id;
  int64_t id;
};

// Within a read: the numbers of spam and ham comments the blog's classifier learnt, into
// `counts` (left at 0 before it learnt any).
Status ReadSpamTotals(Connection& conn, int64_t blog_id, SpamCounts& counts) {
  Result<Statement> totals =
      conn.Prepare("SELECT spam_comments, ham_comments FROM spam_totals WHERE blog_id = ?1");
  if (!totals.ok()) return totals.status();
  Result<bool> row = totals->Bind(1, blog_id).Step();
  if (!row.ok()) return row.status();
  if (*row) {
    counts.spam_comments = totals->Int(0);
    counts.ham_comments = totals->Int(1);
  }
  return Status::Ok();
}

}  // namespace

Status SqliteStore::TouchPosts(Connection& conn, int64_t blog_id, const std::set<int64_t>& post_ids,
                               std::optional<int> added) {
  Result<Statement> bump = conn.Prepare(
      "UPDATE blogs SET comment_seq = comment_seq + 1, comments_updated_ms = ?2 WHERE id = ?1");
  if (!bump.ok()) return bump.status();
  SAMIZDAT_RETURN_IF_ERROR(bump->Bind(1, blog_id).Bind(2, NowMillis()).Run());
  if (conn.Changes() == 0) return Status::NotFound("no blog with id " + std::to_string(blog_id));
  Result<Statement> seq = conn.Prepare("SELECT comment_seq FROM blogs WHERE id = ?1");
  if (!seq.ok()) return seq.status();
  Result<bool> row = seq->Bind(1, blog_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("the blog vanished within its write");
  const int64_t comment_seq = seq->Int64(0);
  for (int64_t post_id : post_ids) {
    // A recount reads every comment of the post: a new comment only adds to the count.
    Result<Statement> stamp =
        added ? conn.Prepare(
                    "UPDATE posts SET comment_seq = ?2, comment_count = comment_count "
                    "+ ?3 WHERE id = ?1")
              : conn.Prepare(
                    "UPDATE posts SET comment_seq = ?2, comment_count = (SELECT "
                    "COUNT(*) FROM comments WHERE post_id = ?1 AND status = "
                    "'published') WHERE id = ?1");
    if (!stamp.ok()) return stamp.status();
    stamp->Bind(1, post_id).Bind(2, comment_seq);
    if (added) stamp->Bind(3, *added);
    SAMIZDAT_RETURN_IF_ERROR(stamp->Run());
  }
  return Status::Ok();
}

Status SqliteStore::InsertComment(Connection& conn, const Comment& comment) {
  Result<Statement> insert = conn.Prepare(
      "INSERT INTO comments (id, blog_id, post_id, parent_id, status, author_name, "
      "author_url, body_html, body_text, body_digest, ip_hash, spam_score, trained, "
      "published_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  if (!insert.ok()) return insert.status();
  return insert->Bind(1, comment.id)
      .Bind(2, comment.blog_id)
      .Bind(3, comment.post_id)
      .Bind(4, comment.parent_id)
      .Bind(5, CommentStatusName(comment.status))
      .Bind(6, comment.author_name)
      .Bind(7, comment.author_url)
      .Bind(8, comment.body_html)
      .Bind(9, comment.body_text)
      .Bind(10, comment.body_digest)
      .Bind(11, comment.ip_hash)
      .Bind(12, comment.spam_score)
      .Bind(13, TrainingWord(comment.trained))
      .Bind(14, Millis(comment.published))
      .Run();
}

Result<Comment> SqliteStore::CreateComment(const Comment& comment) {
  SAMIZDAT_RETURN_IF_ERROR(CheckNewComment(comment));
  return Write([&](Connection& conn) -> Result<Comment> {
    SAMIZDAT_RETURN_IF_ERROR(CheckPostInBlog(conn, comment.blog_id, comment.post_id));
    if (comment.parent_id != 0) SAMIZDAT_RETURN_IF_ERROR(CheckParent(conn, comment));
    Comment stored = comment;
    if (stored.id == 0) {
      Result<int64_t> drawn = ids_.DrawFree(
          "comment", [&](int64_t candidate) { return CommentIdTaken(conn, candidate); });
      if (!drawn.ok()) return drawn.status();
      stored.id = *drawn;
    } else {
      Result<bool> taken = CommentIdTaken(conn, stored.id);
      if (!taken.ok()) return taken.status();
      if (*taken) {
        return Status::Conflict("a comment with id " + std::to_string(stored.id) + " exists");
      }
    }
    if (Millis(stored.published) == 0) stored.published = FromMillis(NowMillis());

    SAMIZDAT_RETURN_IF_ERROR(InsertComment(conn, stored));
    SAMIZDAT_RETURN_IF_ERROR(TouchPosts(conn, stored.blog_id, {stored.post_id},
                                        stored.status == CommentStatus::kPublished ? 1 : 0));
    return stored;
  });
}

Result<Comment> SqliteStore::GetComment(int64_t blog_id, int64_t comment_id) {
  return Read([&](Connection& conn) { return SelectComment(conn, blog_id, comment_id); });
}

Result<std::vector<Comment>> SqliteStore::ListComments(const CommentQuery& q) {
  return Read([&](Connection& conn) -> Result<std::vector<Comment>> {
    const char* dir = q.newest_first ? " DESC" : "";
    std::string sql = "SELECT " + std::string(kCommentColumns) + CommentFilterSql(q) +
                      " ORDER BY published_ms" + dir + ", id" + dir + " LIMIT ?4 OFFSET ?5";
    Result<Statement> query = conn.Prepare(sql);
    if (!query.ok()) return query.status();
    BindCommentFilter(*query, q);
    query->Bind(kLimit, q.limit < 0 ? -1 : q.limit).Bind(kOffset, q.offset < 0 ? 0 : q.offset);
    std::vector<Comment> comments;
    for (;;) {
      Result<bool> row = query->Step();
      if (!row.ok()) return row.status();
      if (!*row) return comments;
      comments.push_back(ReadComment(*query));
    }
  });
}

Result<int> SqliteStore::CountComments(const CommentQuery& q) {
  return Read([&](Connection& conn) -> Result<int> {
    Result<Statement> query = conn.Prepare("SELECT COUNT(*)" + CommentFilterSql(q));
    if (!query.ok()) return query.status();
    BindCommentFilter(*query, q);
    Result<bool> row = query->Step();
    if (!row.ok()) return row.status();
    return query->Int(0);
  });
}

Status SqliteStore::ModerateComment(int64_t blog_id, int64_t comment_id, CommentStatus status,
                                    SpamTraining training, const std::vector<std::string>& tokens) {
  return Write([&](Connection& conn) -> Status {
    Result<Comment> old = SelectComment(conn, blog_id, comment_id);
    if (!old.ok()) return old.status();
    // Nothing changes: no write, so no cache is dropped.
    if (old->status == status && old->trained == training) return Status::Ok();
    Result<Statement> update =
        conn.Prepare("UPDATE comments SET status = ?2, trained = ?3 WHERE id = ?1");
    if (!update.ok()) return update.status();
    SAMIZDAT_RETURN_IF_ERROR(update->Bind(1, comment_id)
                                 .Bind(2, CommentStatusName(status))
                                 .Bind(3, TrainingWord(training))
                                 .Run());
    if (old->trained != training) {
      std::vector<std::string> distinct = DistinctTokens(tokens);
      if (old->trained != SpamTraining::kNone) {
        SAMIZDAT_RETURN_IF_ERROR(Untrain(conn, blog_id, old->trained, distinct));
      }
      if (training != SpamTraining::kNone) {
        SAMIZDAT_RETURN_IF_ERROR(Train(conn, blog_id, training, distinct));
      }
    }
    return TouchPosts(conn, blog_id, {old->post_id});
  });
}

Result<int> SqliteStore::PurgeComments(CommentStatus status, Time before) {
  return Write([&](Connection& conn) -> Result<int> {
    Result<Statement> select = conn.Prepare(
        "SELECT blog_id, post_id, id FROM comments WHERE status = ?1 AND published_ms < ?2");
    if (!select.ok()) return select.status();
    select->Bind(1, CommentStatusName(status)).Bind(2, Millis(before));
    std::vector<Purged> purged;
    for (;;) {
      Result<bool> row = select->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      purged.push_back(Purged{select->Int64(0), select->Int64(1), select->Int64(2)});
    }
    if (purged.empty()) return 0;  // nothing changed: no comment write

    std::map<int64_t, std::set<int64_t>> posts_by_blog;
    for (const Purged& p : purged) {
      Result<Statement> remove = conn.Prepare("DELETE FROM comments WHERE id = ?1");
      if (!remove.ok()) return remove.status();
      SAMIZDAT_RETURN_IF_ERROR(remove->Bind(1, p.id).Run());
      // A reply is on its parent's post, so the post's index finds the replies.
      Result<Statement> orphan =
          conn.Prepare("UPDATE comments SET parent_id = 0 WHERE post_id = ?1 AND parent_id = ?2");
      if (!orphan.ok()) return orphan.status();
      SAMIZDAT_RETURN_IF_ERROR(orphan->Bind(1, p.post_id).Bind(2, p.id).Run());
      posts_by_blog[p.blog_id].insert(p.post_id);
    }
    for (const auto& [blog_id, post_ids] : posts_by_blog) {
      SAMIZDAT_RETURN_IF_ERROR(TouchPosts(conn, blog_id, post_ids));
    }
    return static_cast<int>(purged.size());
  });
}

Result<std::vector<int64_t>> SqliteStore::PostsWithCommentsChangedSince(int64_t blog_id,
                                                                        int64_t since) {
  return Read([&](Connection& conn) -> Result<std::vector<int64_t>> {
    Result<Statement> query = conn.Prepare(
        "SELECT id FROM posts WHERE blog_id = ?1 AND comment_seq > ?2 ORDER BY comment_seq, id");
    if (!query.ok()) return query.status();
    query->Bind(1, blog_id).Bind(2, since);
    std::vector<int64_t> ids;
    for (;;) {
      Result<bool> row = query->Step();
      if (!row.ok()) return row.status();
      if (!*row) return ids;
      ids.push_back(query->Int64(0));
    }
  });
}

Result<int> SqliteStore::CountCommentsFromIp(int64_t blog_id, std::string_view ip_hash,
                                             Time since) {
  if (ip_hash.empty()) return 0;  // no IP known (imported comments): nothing to limit
  return Read([&](Connection& conn) -> Result<int> {
    // "ip_hash <> ''" lets SQLite use the partial index comments_ip.
    Result<Statement> query = conn.Prepare(
        "SELECT COUNT(*) FROM comments WHERE blog_id = ?1 AND ip_hash = ?2 AND ip_hash <> '' "
        "AND published_ms >= ?3");
    if (!query.ok()) return query.status();
    Result<bool> row = query->Bind(1, blog_id).Bind(2, ip_hash).Bind(3, Millis(since)).Step();
    if (!row.ok()) return row.status();
    return query->Int(0);
  });
}

Result<bool> SqliteStore::CommentDigestExists(int64_t blog_id, int64_t post_id,
                                              std::string_view digest) {
  return Read([&](Connection& conn) -> Result<bool> {
    Result<Statement> query = conn.Prepare(
        "SELECT 1 FROM comments WHERE post_id = ?2 AND body_digest = ?3 AND blog_id = ?1 "
        "AND status <> 'deleted' LIMIT 1");
    if (!query.ok()) return query.status();
    return query->Bind(1, blog_id).Bind(2, post_id).Bind(3, digest).Step();
  });
}

Result<SpamCounts> SqliteStore::GetSpamCounts(int64_t blog_id,
                                              const std::vector<std::string>& tokens) {
  return Read([&](Connection& conn) -> Result<SpamCounts> {
    SpamCounts counts;
    SAMIZDAT_RETURN_IF_ERROR(ReadSpamTotals(conn, blog_id, counts));
    // One primary-key probe per token: a comment has a few hundred at most.
    for (const std::string& token : DistinctTokens(tokens)) {
      Result<Statement> probe =
          conn.Prepare("SELECT spam, ham FROM spam_tokens WHERE blog_id = ?1 AND token = ?2");
      if (!probe.ok()) return probe.status();
      Result<bool> found = probe->Bind(1, blog_id).Bind(2, token).Step();
      if (!found.ok()) return found.status();
      if (*found) counts.tokens[token] = SpamCounts::Token{probe->Int(0), probe->Int(1)};
    }
    return counts;
  });
}

Result<SpamCounts> SqliteStore::GetAllSpamCounts(int64_t blog_id) {
  return Read([&](Connection& conn) -> Result<SpamCounts> {
    SpamCounts counts;
    SAMIZDAT_RETURN_IF_ERROR(ReadSpamTotals(conn, blog_id, counts));
    Result<Statement> tokens =
        conn.Prepare("SELECT token, spam, ham FROM spam_tokens WHERE blog_id = ?1");
    if (!tokens.ok()) return tokens.status();
    tokens->Bind(1, blog_id);
    for (;;) {
      Result<bool> token = tokens->Step();
      if (!token.ok()) return token.status();
      if (!*token) return counts;
      counts.tokens.emplace(tokens->Text(0), SpamCounts::Token{tokens->Int(1), tokens->Int(2)});
    }
  });
}

}  // namespace samizdat::store::sqlite
