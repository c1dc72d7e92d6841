// SqlStore: comments and the spam classifier's counts.
//
// Every comment write bumps the blog's comment_seq (not its generation), sets its
// comments_updated_ms, stamps each post it touched with the new comment_seq and recounts
// that post's published comments, all in the write's transaction. The UPDATE of the blog
// row is what serializes comment writes of one blog across PostgreSQL nodes: a write that
// must read a comment's state and change it (moderation, purge) takes that lock first.
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "store/checks.h"
#include "store/row_mapping.h"
#include "store/sql/sql_store.h"

namespace samizdat::store::sql {
namespace {

constexpr int kIdAttempts = 8;

Result<Comment> SelectComment(Connection& conn, int64_t blog_id, int64_t comment_id) {
  static const std::string kSql =
      "SELECT " + std::string(kCommentColumns) + " FROM comments WHERE id = $1 AND blog_id = $2";
  bool found = false;
  Result<Rows> row = conn.First(kSql, Params().Add(comment_id).Add(blog_id), &found);
  if (!row.ok()) return row.status();
  if (!found) {
    return Status::NotFound("no comment with id " + std::to_string(comment_id) + " in blog " +
                            std::to_string(blog_id));
  }
  return ReadComment(*row);
}

// Within a write: InvalidArgument unless `parent_id` is a comment of the post.
Status CheckParent(Connection& conn, const Comment& comment) {
  Result<bool> found =
      conn.Exists("SELECT 1 FROM comments WHERE id = $1 AND post_id = $2 AND blog_id = $3",
                  Params().Add(comment.parent_id).Add(comment.post_id).Add(comment.blog_id));
  if (!found.ok()) return found.status();
  if (!*found) {
    return Status::InvalidArgument("comment " + std::to_string(comment.parent_id) +
                                   " is not a comment of post " + std::to_string(comment.post_id));
  }
  return Status::Ok();
}

// Within a write: inserts `comment` if its post is in its blog and its id is free; false
// (nothing inserted) otherwise. The checks ride on the INSERT, which ON CONFLICT leaves
// usable in the transaction, so a comment costs no round trip of its own for them.
Result<bool> InsertComment(Connection& conn, const Comment& comment) {
  static const std::string kSql =
      "INSERT INTO comments (" + std::string(kCommentColumns) +
      ") SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 "
      "WHERE EXISTS (SELECT 1 FROM posts WHERE id = $3 AND blog_id = $2) "
      "ON CONFLICT (id) DO NOTHING";
  Result<int64_t> inserted = conn.Run(kSql, CommentFields(comment));
  if (!inserted.ok()) return inserted.status();
  return *inserted == 1;
}

// "FROM … WHERE …" for `q`, adding its values to `params` ($1 is the blog). The statuses
// are written into the SQL as the schema's words (a fixed set, never user text), so the
// indexes on status apply. With a post, the unary + keeps SQLite (which has no
// statistics) off comments_blog: the post's own index, comments_post, reads only that
// post's comments.
std::string CommentFilterSql(const CommentQuery& q, Params& params) {
  params.Add(q.blog_id);
  std::string sql = " FROM comments WHERE blog_id = $1";
  if (q.post_id) {
    params.Add(*q.post_id);
    sql = " FROM comments WHERE +blog_id = $1 AND post_id = $2";
  }
  if (!q.statuses.empty()) {
    sql += " AND status IN (";
    for (size_t i = 0; i < q.statuses.size(); ++i) {
      if (i > 0) sql += ", ";
      sql += "'" + std::string(CommentStatusName(q.statuses[i])) + "'";
    }
    sql += ")";
  }
  if (q.published_before) {
    params.Add(Millis(*q.published_before));
    sql += " AND published_ms < $" + std::to_string(params.size());
  }
  if (q.readable_posts_only) {
    sql +=
        " AND post_id IN (SELECT id FROM posts WHERE blog_id = $1 AND status = 'published'"
        " AND comments_mode <> 'hidden')";
  }
  return sql;
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
std::string ClassColumn(SpamTraining training) {
  return training == SpamTraining::kSpam ? "spam" : "ham";
}

// Within a write: takes one comment with `tokens` out of class `training`'s counts (never
// below zero; token rows left at zero in both classes are removed).
Status Untrain(Connection& conn, int64_t blog_id, SpamTraining training,
               const std::vector<std::string>& tokens) {
  const std::string column = ClassColumn(training);
  SAMIZDAT_RETURN_IF_ERROR(conn.Execute("UPDATE spam_totals SET " + column +
                                            "_comments = GREATEST(" + column +
                                            "_comments - 1, 0) WHERE blog_id = $1",
                                        Params().Add(blog_id)));
  if (tokens.empty()) return Status::Ok();
  SAMIZDAT_RETURN_IF_ERROR(conn.Execute("UPDATE spam_tokens SET " + column + " = GREATEST(" +
                                            column +
                                            " - 1, 0) WHERE blog_id = $1 AND token = ANY($2)",
                                        Params().Add(blog_id).AddList(tokens)));
  return conn.Execute(
      "DELETE FROM spam_tokens WHERE blog_id = $1 AND token = ANY($2) AND spam = 0 "
      "AND ham = 0",
      Params().Add(blog_id).AddList(tokens));
}

// Within a write: adds one comment with `tokens` (distinct) to class `training`'s counts.
Status Train(Connection& conn, int64_t blog_id, SpamTraining training,
             const std::vector<std::string>& tokens) {
  const std::string column = ClassColumn(training);
  SAMIZDAT_RETURN_IF_ERROR(conn.Execute("INSERT INTO spam_totals (blog_id, " + column +
                                            "_comments) VALUES ($1, 1) "
                                            "ON CONFLICT (blog_id) DO UPDATE SET " +
                                            column + "_comments = spam_totals." + column +
                                            "_comments + 1",
                                        Params().Add(blog_id)));
  if (tokens.empty()) return Status::Ok();
  // "WHERE true": SQLite's parser needs a WHERE before ON CONFLICT after a SELECT.
  return conn.Execute("INSERT INTO spam_tokens (blog_id, token, " + column +
                          ") SELECT $1, token, 1 FROM unnest($2::text[]) AS token"
                          " WHERE true ON CONFLICT (blog_id, token) DO UPDATE SET " +
                          column + " = spam_tokens." + column + " + 1",
                      Params().Add(blog_id).AddList(tokens));
}

// Reads rows of (token, spam, ham), the totals' row having a NULL token, into counts.
Result<SpamCounts> ReadSpamCounts(Result<Rows> rows) {
  if (!rows.ok()) return rows.status();
  SpamCounts counts;
  SAMIZDAT_RETURN_IF_ERROR(rows->ForEach([&](const Rows& row) {
    if (row.IsNull(0)) {
      counts.spam_comments = row.Int(1);
      counts.ham_comments = row.Int(2);
    } else {
      counts.tokens[row.Text(0)] = SpamCounts::Token{row.Int(1), row.Int(2)};
    }
  }));
  return counts;
}

}  // namespace

Params CommentFields(const Comment& comment) {
  return Params()
      .Add(comment.id)
      .Add(comment.blog_id)
      .Add(comment.post_id)
      .Add(comment.parent_id)
      .Add(CommentStatusName(comment.status))
      .Add(comment.author_name)
      .Add(comment.author_url)
      .Add(comment.body_html)
      .Add(comment.body_text)
      .Add(comment.body_digest)
      .Add(comment.ip_hash)
      .Add(comment.spam_score)
      .Add(TrainingWord(comment.trained))
      .Add(Millis(comment.published))
      .Add(CommentKindName(comment.kind));
}

Status SqlStore::TouchPosts(Connection& conn, int64_t blog_id, const std::set<int64_t>& post_ids,
                            std::optional<int> added) {
  bool found = false;
  Result<Rows> bumped = conn.First(
      "UPDATE blogs SET comment_seq = comment_seq + 1, comments_updated_ms = $2 WHERE id = $1 "
      "RETURNING comment_seq",
      Params().Add(blog_id).Add(NowMillis()), &found);
  if (!bumped.ok()) return bumped.status();
  if (!found) return Status::NotFound("no blog with id " + std::to_string(blog_id));
  const int64_t comment_seq = bumped->Int64(0);
  SAMIZDAT_RETURN_IF_ERROR(bumped->Finish().status());
  if (post_ids.empty()) return Status::Ok();
  const std::vector<int64_t> ids(post_ids.begin(), post_ids.end());
  // A recount reads every comment of the post: a new comment only adds to the count.
  if (added) {
    return conn.Execute(
        "UPDATE posts SET comment_seq = $2, comment_count = comment_count + $3 "
        "WHERE id = ANY($1)",
        Params().AddList(ids).Add(comment_seq).Add(*added));
  }
  return conn.Execute(
      "UPDATE posts AS p SET comment_seq = $2, comment_count = (SELECT COUNT(*) FROM "
      "comments c WHERE c.post_id = p.id AND c.status = 'published' AND c.kind = 'comment') "
      "WHERE p.id = ANY($1)",
      Params().AddList(ids).Add(comment_seq));
}

Result<Comment> SqlStore::CreateComment(const Comment& comment) {
  SAMIZDAT_RETURN_IF_ERROR(CheckNewComment(comment));
  return Write([&](Connection& conn) -> Result<Comment> {
    // A reply's parent is checked first, on a post known to be in the blog.
    if (comment.parent_id != 0) {
      SAMIZDAT_RETURN_IF_ERROR(CheckPostInBlog(conn, comment.blog_id, comment.post_id));
      SAMIZDAT_RETURN_IF_ERROR(CheckParent(conn, comment));
    }
    Comment stored = comment;
    if (Millis(stored.published) == 0) stored.published = FromMillis(NowMillis());

    // The blog's row first (TouchPosts), as every write of the blog locks it first; a
    // failed check below rolls it back with the rest.
    const bool counted =
        stored.status == CommentStatus::kPublished && stored.kind == CommentKind::kComment;
    SAMIZDAT_RETURN_IF_ERROR(TouchPosts(conn, stored.blog_id, {stored.post_id}, counted ? 1 : 0));
    const bool draw_id = stored.id == 0;
    for (int attempt = 1;; ++attempt) {
      if (draw_id) stored.id = ids_.Next();
      Result<bool> inserted = InsertComment(conn, stored);
      if (!inserted.ok()) return inserted.status();
      if (*inserted) return stored;
      // Not inserted: the post is not in the blog (NotFound), or else the id is taken.
      SAMIZDAT_RETURN_IF_ERROR(CheckPostInBlog(conn, stored.blog_id, stored.post_id));
      if (!draw_id) {
        return Status::Conflict("a comment with id " + std::to_string(stored.id) + " exists");
      }
      if (attempt == kIdAttempts) return Status::Internal("could not draw a free comment id");
    }
  });
}

Result<Comment> SqlStore::GetComment(int64_t blog_id, int64_t comment_id) {
  return Read([&](Connection& conn) { return SelectComment(conn, blog_id, comment_id); });
}

Result<std::vector<Comment>> SqlStore::SelectComments(Connection& conn, const CommentQuery& q) {
  Params params;
  const char* dir = q.newest_first ? " DESC" : "";
  std::string sql = "SELECT " + std::string(kCommentColumns) + CommentFilterSql(q, params) +
                    " ORDER BY published_ms" + dir + ", id" + dir;
  params.AddLimit(q.limit);
  sql += " LIMIT $" + std::to_string(params.size());
  params.Add(q.offset < 0 ? 0 : q.offset);
  sql += " OFFSET $" + std::to_string(params.size());
  return conn.Collect(sql, params, [](const Rows& row) { return ReadComment(row); });
}

Result<std::vector<Comment>> SqlStore::ListComments(const CommentQuery& q) {
  return Read([&](Connection& conn) { return SelectComments(conn, q); });
}

Result<int> SqlStore::CountComments(const CommentQuery& q) {
  return Read([&](Connection& conn) -> Result<int> {
    Params params;
    const std::string sql = "SELECT COUNT(*)" + CommentFilterSql(q, params);
    return conn.Count(sql, params);
  });
}

Status SqlStore::ModerateComment(int64_t blog_id, int64_t comment_id, CommentStatus status,
                                 SpamTraining training, const std::vector<std::string>& tokens) {
  // Nothing changes: no write, so no cache is dropped (and no other node is notified).
  Result<Comment> seen = GetComment(blog_id, comment_id);
  if (!seen.ok()) return seen.status();
  if (seen->status == status && seen->trained == training) return Status::Ok();
  return Write([&](Connection& conn) -> Status {
    // Read again under the blog's lock: the training moved below must be the one stored.
    SAMIZDAT_RETURN_IF_ERROR(
        conn.Execute("SELECT 1 FROM blogs WHERE id = $1 FOR UPDATE", Params().Add(blog_id)));
    Result<Comment> old = SelectComment(conn, blog_id, comment_id);
    if (!old.ok()) return old.status();
    if (old->status == status && old->trained == training) return Status::Ok();
    SAMIZDAT_RETURN_IF_ERROR(conn.Execute(
        "UPDATE comments SET status = $2, trained = $3 WHERE id = $1",
        Params().Add(comment_id).Add(CommentStatusName(status)).Add(TrainingWord(training))));
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

Result<int> SqlStore::PurgeComments(CommentStatus status, Time before) {
  const std::string word(CommentStatusName(status));
  // Which blogs have comments to purge: usually none, and then nothing is written.
  Result<std::vector<int64_t>> blogs = Read([&](Connection& conn) {
    return conn.Ids("SELECT DISTINCT blog_id FROM comments WHERE status = $1 AND published_ms < $2",
                    Params().Add(word).Add(Millis(before)));
  });
  if (!blogs.ok()) return blogs.status();
  if (blogs->empty()) return 0;

  return Write([&](Connection& conn) -> Result<int> {
    // The blogs' rows first, in id order so two purges cannot deadlock.
    SAMIZDAT_RETURN_IF_ERROR(
        conn.Execute("SELECT id FROM blogs WHERE id = ANY($1) ORDER BY id FOR UPDATE",
                     Params().AddList(*blogs)));
    Result<Rows> removed = conn.Query(
        "DELETE FROM comments WHERE status = $1 AND published_ms < $2 AND blog_id = ANY($3) "
        "RETURNING blog_id, post_id, id",
        Params().Add(word).Add(Millis(before)).AddList(*blogs));
    if (!removed.ok()) return removed.status();
    std::vector<int64_t> post_ids;
    std::vector<int64_t> comment_ids;
    std::map<int64_t, std::set<int64_t>> posts_by_blog;
    SAMIZDAT_RETURN_IF_ERROR(removed->ForEach([&](const Rows& row) {
      posts_by_blog[row.Int64(0)].insert(row.Int64(1));
      post_ids.push_back(row.Int64(1));
      comment_ids.push_back(row.Int64(2));
    }));
    if (comment_ids.empty()) return 0;  // another node purged them first
    // Replies to a removed comment become top-level. A reply is on its parent's post, so
    // the post's index finds the replies.
    SAMIZDAT_RETURN_IF_ERROR(
        conn.Execute("UPDATE comments SET parent_id = 0 WHERE post_id = ANY($1) "
                     "AND parent_id = ANY($2)",
                     Params().AddList(post_ids).AddList(comment_ids)));
    for (const auto& [blog_id, touched] : posts_by_blog) {
      SAMIZDAT_RETURN_IF_ERROR(TouchPosts(conn, blog_id, touched));
    }
    return static_cast<int>(comment_ids.size());
  });
}

Result<std::vector<int64_t>> SqlStore::PostsWithCommentsChangedSince(int64_t blog_id,
                                                                     int64_t since) {
  return Read([&](Connection& conn) {
    return conn.Ids(
        "SELECT id FROM posts WHERE blog_id = $1 AND comment_seq > $2 "
        "ORDER BY comment_seq, id",
        Params().Add(blog_id).Add(since));
  });
}

Result<CommentScreening> SqlStore::ScreenComment(const CommentScreeningQuery& q) {
  const std::vector<std::string> distinct = DistinctTokens(q.spam_tokens);
  return Read([&](Connection& conn) -> Result<CommentScreening> {
    CommentScreening screening;
    Result<std::optional<Post>> post = FindPost(conn, q.blog_id, q.post_id);
    if (!post.ok()) return post.status();
    screening.post = std::move(*post);
    if (!screening.post) return screening;
    if (q.parent_id != 0) {
      Result<Comment> parent = SelectComment(conn, q.blog_id, q.parent_id);
      if (parent.ok()) {
        screening.parent = std::move(*parent);
      } else if (!parent.status().IsNotFound()) {
        return parent.status();
      }
    }
    if (q.ip_since && !q.ip_hash.empty()) {  // no IP known (imported comments): no limit
      // "ip_hash <> ''" lets the database use the partial index comments_ip.
      Result<int> from_ip = conn.Count(
          "SELECT COUNT(*) FROM comments WHERE blog_id = $1 AND ip_hash = $2 AND ip_hash <> '' "
          "AND published_ms >= $3",
          Params().Add(q.blog_id).Add(q.ip_hash).Add(Millis(*q.ip_since)));
      if (!from_ip.ok()) return from_ip.status();
      screening.comments_from_ip = *from_ip;
    }
    Result<bool> duplicate = conn.Exists(
        "SELECT 1 FROM comments WHERE post_id = $2 AND body_digest = $3 AND blog_id = $1 "
        "AND status <> 'deleted' LIMIT 1",
        Params().Add(q.blog_id).Add(q.post_id).Add(q.digest));
    if (!duplicate.ok()) return duplicate.status();
    screening.duplicate = *duplicate;
    // The totals and the tokens in one statement.
    Result<SpamCounts> spam = ReadSpamCounts(
        conn.Query("SELECT NULL, spam_comments, ham_comments FROM spam_totals WHERE blog_id = $1 "
                   "UNION ALL SELECT token, spam, ham FROM spam_tokens WHERE blog_id = $1 "
                   "AND token = ANY($2)",
                   Params().Add(q.blog_id).AddList(distinct)));
    if (!spam.ok()) return spam.status();
    screening.spam = std::move(*spam);
    return screening;
  });
}

Result<SpamCounts> SqlStore::GetAllSpamCounts(int64_t blog_id) {
  return Read([&](Connection& conn) {
    return ReadSpamCounts(
        conn.Query("SELECT NULL, spam_comments, ham_comments FROM spam_totals WHERE blog_id = $1 "
                   "UNION ALL SELECT token, spam, ham FROM spam_tokens WHERE blog_id = $1",
                   Params().Add(blog_id)));
  });
}

}  // namespace samizdat::store::sql
