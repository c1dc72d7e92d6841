# `samizdat migrate`: a SQLite data directory built through the CLI (imports of real and
# feature-rich exports, comments posted through the form and moderated, blog settings)
# copied to a throwaway PostgreSQL and back into a new SQLite file is the same, table by
# table, column by column; a server on the PostgreSQL copy serves the same pages; a
# non-empty target is refused unless allowed, and bad locations give one clear line. And
# an import straight into PostgreSQL: what a move keeps, and nothing left by a failed one.
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

from harness import Server, binary, cli, main_text, post_comment, shared_dir

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import pg_cluster  # noqa: E402

FIXTURE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures',
                           'import')
SHARED = os.path.join(shared_dir(), 'fixtures')
FAST = ('--comment-min-seconds', '0', '--comment-rate-limit', '0')

# Columns a copy changes on purpose, each with why; every other column of every table must
# come back as it was.
CHANGED_BY_COPY = {
    # Each copy's commit bumps the blog's generation and comment_seq (servers already on
    # the target drop their cached pages), and the bumps set these two times to now.
    ('blogs', 'generation'): 'bumped by each copy, so caches on the target drop the blog',
    ('blogs', 'comment_seq'): 'bumped by each copy, so caches drop the comment pages',
    ('blogs', 'updated_ms'): 'set to the time of the generation bump',
    ('blogs', 'comments_updated_ms'): 'set to the time of the comment_seq bump',
    # A post's comment stamp is the blog's comment_seq when its comments last changed.
    ('posts', 'comment_seq'): "stamped with the blog's new comment_seq",
    # Each database notes when its own migrations ran.
    ('schema_version', 'applied_ms'): 'when the migration ran on that database',
}
# Tables not compared row for row, with why. posts_fts (the full-text index, whose content
# is read from posts) is checked by searching instead.
NOT_COMPARED = {
    'posts_fts': 'an external-content view of posts, compared by searching',
    'posts_fts_data': "the index's segments: their layout follows the order of the writes",
    'posts_fts_idx': "the index's segment directory: the same",
}


def samizdat(*args, timeout=180):
    """The binary with exactly these arguments; (exit code, stdout, stderr)."""
    env = dict(os.environ)
    env.setdefault('ASAN_OPTIONS', 'detect_leaks=1')
    proc = subprocess.run([binary(), *[str(a) for a in args]], capture_output=True, text=True,
                          timeout=timeout, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def psql(url, sql):
    out = subprocess.run(['psql', url, '-X', '-q', '-t', '-A', '-c', sql], check=True,
                         capture_output=True, text=True)
    return out.stdout.strip()


def tables(path):
    """{table: (columns, key columns)} of a SQLite file, internal tables left out."""
    with sqlite3.connect(f'file:{path}?mode=ro', uri=True) as db:
        names = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            'ORDER BY name')]
        result = {}
        for name in names:
            info = db.execute(f'PRAGMA table_info("{name}")').fetchall()
            columns = [r[1] for r in info]
            key = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5] > 0]
            result[name] = (columns, key or columns)
        return result


def rows(path, table, columns, key):
    with sqlite3.connect(f'file:{path}?mode=ro', uri=True) as db:
        cols = ', '.join(f'"{c}"' for c in columns)
        order = ', '.join(f'"{c}"' for c in key)
        return db.execute(f'SELECT {cols} FROM "{table}" ORDER BY {order}').fetchall()


def query(path, sql, *params):
    with sqlite3.connect(f'file:{path}?mode=ro', uri=True) as db:
        return db.execute(sql, params).fetchall()


class Migrate(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix='samizdat-migrate-')
        cls.cluster = tempfile.mkdtemp(prefix='samizdat-pg-migrate-')
        try:
            cls.pg = pg_cluster.start(cls.cluster)
            cls.admin_url = pg_cluster.url(cls.cluster, 'postgres')
            cls.data = os.path.join(cls.work, 'data')
            cls.source = os.path.join(cls.data, 'samizdat.db')
            cls.build_source()
            # The page views when copied: the server test later adds its own to the source.
            cls.views = query(cls.source, 'SELECT SUM(views) FROM post_views')[0][0]
            code, cls.to_pg, err = samizdat('migrate', '--from', f'sqlite:{cls.data}', '--to',
                                            cls.pg)
            assert code == 0, err
            cls.back = os.path.join(cls.work, 'back', 'copy.db')
            code, cls.to_sqlite, err = samizdat('migrate', '--from', cls.pg, '--to',
                                                f'sqlite:{cls.back}')
            assert code == 0, err
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        pg_cluster.stop(cls.cluster)
        shutil.rmtree(cls.work, ignore_errors=True)

    @classmethod
    def cli(cls, *args, data=None):
        return cli(*args, data=data or cls.data)[1]

    @classmethod
    def build_source(cls):
        cls.cli('import', os.path.join(SHARED, 'blogger-classic', 'pelican-bloggerexport.xml'))
        cls.cli('import', os.path.join(SHARED, 'blogger-takeout', 'Takeout'), '--blog',
                'takeout.test')
        cls.cli('import', os.path.join(SHARED, 'wxr', 'pelican-wordpressexport.xml'), '--blog',
                'wp.test')
        cls.cli('import', os.path.join(SHARED, 'wxr', 'jekyll-import-sitetitle.xml'), '--blog',
                'jekyll.test')
        cls.cli('import', os.path.join(FIXTURE_DIR, 'blogger-classic-features.xml'), '--blog',
                'features.test')
        cls.cli('import', os.path.join(FIXTURE_DIR, 'blogger-takeout-features.atom'), '--blog',
                'takeout-features.test')
        cls.cli('import', os.path.join(FIXTURE_DIR, 'wxr-features.xml'), '--blog',
                'wxr-features.test')
        cls.cli('blog', 'set', 'wp.test', '--timezone', 'Europe/Paris', '--posts-per-page', '3',
                '--comment-moderation', 'older', '--moderation-days', '9', '--comment-depth', '1',
                '--description', 'Moved from WordPress', '--banner', '/banner.png',
                '--banner-alt', 'A banner')

        # A blog written here: Markdown, a page, a draft, a scheduled post, labels, a
        # closed thread, and readers' comments held for moderation.
        cls.cli('blog', 'create', '--host', 'own.test', '--title', 'Own', '--timezone',
                'America/New_York', '--comment-moderation', 'always')
        body = os.path.join(cls.work, 'body.md')
        with open(body, 'w') as f:
            f.write('# Hello\n\nSome *Markdown* with a [link](https://example.com/).\n')
        out = cls.cli('post', 'add', '--blog', 'own.test', '--title', 'Hello there', '--body',
                      body, '--labels', 'news, Zoo', '--date', '2023-04-05 10:00')
        cls.own_post = re.search(r' at (/\S+)', out).group(1)
        cls.cli('post', 'add', '--blog', 'own.test', '--title', 'Closed one', '--body', body,
                '--date', '2023-04-06', '--comments', 'closed', '--labels', 'news')
        cls.cli('post', 'add', '--blog', 'own.test', '--title', 'Not yet', '--body', body,
                '--draft')
        cls.cli('post', 'add', '--blog', 'own.test', '--title', 'In the future', '--body', body,
                '--date', '2099-01-01')
        cls.cli('page', 'add', '--blog', 'own.test', '--title', 'About', '--body', body)

        # The blog holds every comment for approval (202): ids from the moderation queue.
        def held_ids():
            out = cls.cli('comment', 'list', '--blog', 'own.test', '--status', 'pending')
            return {line.split('\t')[5]: line.split('\t')[0] for line in out.splitlines()}

        texts = [('Ham', 'What a fine post about Markdown, thank you'),
                 ('Spam', 'Buy cheap pills now at the cheapest pharmacy'),
                 ('Gone', 'I take that back'),
                 ('Held', 'Still waiting for the author')]
        with Server(cls.data, *FAST) as server:
            for name, text in texts:
                status, _, _ = post_comment(server, cls.own_post, text, name=name,
                                            url='https://reader.example/', host='own.test')
                assert status == 202, status
            ids = held_ids()
            cls.cli('comment', 'approve', '--blog', 'own.test', ids['Ham'])
            status, _, _ = post_comment(server, cls.own_post, 'A reply to the fine one',
                                        name='Replier', parent_id=ids['Ham'], host='own.test')
            assert status == 202, status
            cls.cli('comment', 'approve', '--blog', 'own.test', held_ids()['Replier'])
        cls.cli('comment', 'spam', '--blog', 'own.test', ids['Spam'])
        cls.cli('comment', 'delete', '--blog', 'own.test', ids['Gone'])

    def test_round_trip_keeps_every_column_of_every_row(self):
        before, after = tables(self.source), tables(self.back)
        self.assertEqual(sorted(before), sorted(after))
        compared = 0
        for table, (columns, key) in sorted(before.items()):
            if table in NOT_COMPARED:
                continue
            self.assertEqual(after[table][0], columns, table)
            kept = [c for c in columns if (table, c) not in CHANGED_BY_COPY]
            kept_key = [c for c in key if c in kept] or kept
            original = rows(self.source, table, kept, kept_key)
            copied = rows(self.back, table, kept, kept_key)
            self.assertEqual(len(original), len(copied), table)
            for a, b in zip(original, copied):
                self.assertEqual(a, b, f'{table}: {dict(zip(kept, a))} != {dict(zip(kept, b))}')
            compared += len(original)
        # The data is there to compare: every kind of row the copy carries.
        for table in ('blogs', 'posts', 'post_labels', 'label_counts', 'comments', 'redirects',
                      'spam_tokens', 'spam_totals', 'secrets', 'users', 'post_views'):
            self.assertGreater(query(self.source, f'SELECT COUNT(*) FROM {table}')[0][0], 0,
                               f'the source has no {table}')
        self.assertGreater(compared, 200)

    def test_columns_the_copy_changes_only_move_forward(self):
        for table, column in CHANGED_BY_COPY:
            if table == 'schema_version':
                continue
            original = dict(query(self.source, f'SELECT id, {column} FROM {table}'))
            copied = dict(query(self.back, f'SELECT id, {column} FROM {table}'))
            self.assertEqual(original.keys(), copied.keys())
            for key, value in original.items():
                self.assertGreaterEqual(copied[key], value, f'{table}.{column} of {key}')
        for (blog_id, generation) in query(self.source, 'SELECT id, generation FROM blogs'):
            copied = query(self.back, 'SELECT generation FROM blogs WHERE id = ?', blog_id)
            self.assertGreater(copied[0][0], generation)

    def test_every_status_and_kind_is_in_the_source(self):
        statuses = {r[0] for r in query(self.source, 'SELECT DISTINCT status FROM comments')}
        self.assertEqual(statuses, {'pending', 'published', 'spam', 'deleted'})
        trained = {r[0] for r in query(self.source, 'SELECT DISTINCT trained FROM comments')}
        self.assertEqual(trained, {'none', 'ham', 'spam'})
        posts = set(query(self.source, 'SELECT DISTINCT kind, status FROM posts'))
        for kind_status in [('post', 'published'), ('post', 'draft'), ('post', 'scheduled'),
                            ('page', 'published')]:
            self.assertIn(kind_status, posts)
        self.assertTrue(query(self.source, "SELECT 1 FROM comments WHERE parent_id <> 0"))
        self.assertTrue(query(self.source, "SELECT 1 FROM comments WHERE ip_hash <> ''"))

    def test_full_text_index_answers_the_same(self):
        words = set()
        for (title,) in query(self.source, "SELECT title FROM posts WHERE status = 'published'"):
            words.update(w for w in re.findall(r'[A-Za-z]{4,}', title))
        self.assertGreater(len(words), 10)
        for word in sorted(words):
            sql = 'SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid'
            self.assertEqual(query(self.source, sql, word), query(self.back, sql, word), word)

    def test_summary_counts_what_was_copied(self):
        counts = {
            'blogs': query(self.source, 'SELECT COUNT(*) FROM blogs')[0][0],
            'posts': query(self.source, "SELECT COUNT(*) FROM posts WHERE kind = 'post'")[0][0],
            'pages': query(self.source, "SELECT COUNT(*) FROM posts WHERE kind = 'page'")[0][0],
            'comments': query(self.source, 'SELECT COUNT(*) FROM comments')[0][0],
            'users': query(self.source, 'SELECT COUNT(*) FROM users')[0][0],
            'redirects': query(self.source, 'SELECT COUNT(*) FROM redirects')[0][0],
            'secrets': query(self.source, 'SELECT COUNT(*) FROM secrets')[0][0],
        }
        themes = query(self.source, 'SELECT COUNT(*) FROM blog_themes')[0][0]
        if themes:  # said only when there are some
            counts['themes'] = themes
        if self.views:  # the widgets' data, likewise
            counts['page views'] = self.views
        for table, noun in [('blog_list_items', 'blog list items'),
                            ('contact_messages', 'contact messages')]:
            n = query(self.source, f'SELECT COUNT(*) FROM {table}')[0][0]
            if n:
                counts[noun] = n
        for out, source, target in [(self.to_pg, self.source, 'postgresql://'),
                                    (self.to_sqlite, 'postgresql://', self.back)]:
            self.assertEqual(len(out.splitlines()), 1, out)
            m = re.fullmatch(r'copied (.*?)(?:, [\d,]+ classifier tokens?)? from (\S+) to (\S+) '
                             r'in [\d.]+ s\n', out)
            self.assertIsNotNone(m, out)
            found = {}
            for part in m.group(1).split(', '):
                number, noun = part.split(' ', 1)
                found[noun if noun.endswith('s') else noun + 's'] = int(number.replace(',', ''))
            self.assertEqual(found, counts, out)
            self.assertTrue(m.group(2).startswith(source), out)
            self.assertTrue(m.group(3).startswith(target), out)

    def test_server_on_postgres_serves_the_same_pages(self):
        pages = []
        for blog_id, host in query(self.source, 'SELECT id, host FROM blogs ORDER BY host'):
            pages.append((host, '/'))
            pages += [(host, p) for (p,) in query(
                self.source, "SELECT path FROM posts WHERE blog_id = ? AND status = 'published' "
                'ORDER BY published_ms DESC LIMIT 6', blog_id)]
        self.assertGreater(len(pages), 20)
        with Server(self.data) as on_sqlite, \
                Server(os.path.join(self.work, 'pg-logs'), global_args=('--db', self.pg)) as on_pg:
            for host, path in pages:
                a = on_sqlite.get(path, host=host)
                b = on_pg.get(path, host=host)
                self.assertEqual(a[0], 200, f'{host}{path}')
                self.assertEqual(b[0], 200, f'{host}{path} on PostgreSQL')
                self.assertEqual(main_text(a[2]), main_text(b[2]), f'{host}{path}')

    def test_non_empty_target_is_refused_then_allowed(self):
        grow = self.fresh_database('grow')
        code, _, err = samizdat('migrate', '--from', f'sqlite:{self.data}', '--to', grow)
        self.assertEqual(code, 0, err)
        # A copy of it in a data directory that then gets one more post.
        more = os.path.join(self.work, 'more')
        os.makedirs(more)
        code, _, err = samizdat('migrate', '--from', grow, '--to', f'sqlite:{more}')
        self.assertEqual(code, 0, err)
        cli('post', 'add', '--blog', 'own.test', '--title', 'Only in more', '--body',
            self.body_file(), data=more)

        def state():
            return psql(grow, 'SELECT (SELECT COUNT(*) FROM posts), (SELECT COUNT(*) FROM '
                        'comments), (SELECT SUM(generation) FROM blogs), (SELECT COUNT(*) FROM '
                        'users)')

        before = state()
        code, out, err = samizdat('migrate', '--from', f'sqlite:{more}', '--to', grow)
        self.assertEqual(code, 1, out + err)
        self.assertEqual(out, '')
        self.assertRegex(err, r'^samizdat: error: .*the target is not empty .*'
                              r'--allow-non-empty.*\n$')
        self.assertEqual(state(), before, 'a refused copy changes nothing')

        code, out, err = samizdat('migrate', '--from', f'sqlite:{more}', '--to', grow,
                                  '--allow-non-empty')
        self.assertEqual(code, 0, err)
        self.assertRegex(out, r'^copied 0 blogs, 1 post, 0 pages, 0 comments, 0 users, '
                              r'0 redirects, 0 secrets from ')
        self.assertRegex(out, r'; already there: \d+ blogs, ')
        self.assertEqual(psql(grow, "SELECT COUNT(*) FROM posts WHERE title = 'Only in more'"),
                         '1')

    def test_import_straight_into_postgres_keeps_the_move_and_a_failed_one_leaves_nothing(self):
        db = self.fresh_database('direct')
        wxr = os.path.join(FIXTURE_DIR, 'wxr-https.xml')
        code, _, err = samizdat('--db', db, 'import', '--no-media', wxr)
        self.assertEqual(code, 0, err)
        kinds = psql(db, "SELECT string_agg(kind, ',' ORDER BY kind) FROM comments")
        self.assertEqual(sorted(set(kinds.split(','))), ['comment', 'pingback', 'trackback'])
        self.assertNotEqual(psql(db, "SELECT COUNT(*) FROM posts WHERE feed_id <> ''"), '0')
        self.assertNotEqual(psql(db, "SELECT imported_from FROM blogs"), '')

        def state():
            return psql(db, 'SELECT (SELECT COUNT(*) FROM blogs), (SELECT COUNT(*) FROM posts), '
                        '(SELECT COUNT(*) FROM comments), (SELECT COUNT(*) FROM redirects)')

        before = state()
        cut = os.path.join(self.work, 'cut.xml')
        with open(wxr, encoding='utf-8') as f:
            lines = f.readlines()
        with open(cut, 'w', encoding='utf-8') as f:
            f.writelines(lines[:len(lines) // 2])
        code, _, err = samizdat('--db', db, 'import', '--no-media', '--blog', 'other.test', cut)
        self.assertEqual(code, 1)
        self.assertIn('cut short', err)
        self.assertEqual(state(), before, 'a failed import into a new blog leaves no blog')

    def test_bad_locations_give_one_clear_line(self):
        missing = os.path.join(self.work, 'nowhere', 'none.db')
        cases = [
            (('--from', 'mysql://db/x', '--to', f'sqlite:{self.work}/x.db'),
             r"--from takes sqlite:PATH .* or a postgresql:// URL, not 'mysql://db/x'"),
            (('--from', f'sqlite:{self.data}', '--to', 'copy.db'),
             r"--to takes sqlite:PATH .*, not 'copy.db'"),
            (('--from', 'sqlite:', '--to', self.pg), r'--from takes sqlite:PATH'),
            (('--from', f'sqlite:{missing}', '--to', f'sqlite:{self.work}/y.db'),
             r'no SQLite database at ' + re.escape(missing)),
            (('--from', f'sqlite:{self.data}', '--to', f'sqlite:{self.source}'),
             r'--from and --to name the same database'),
            (('--from', self.pg, '--to', self.pg), r'--from and --to name the same database'),
        ]
        for args, message in cases:
            code, out, err = samizdat('migrate', *args)
            self.assertEqual(code, 1, f'{args}: {out}{err}')
            self.assertEqual(len(err.splitlines()), 1, err)
            self.assertRegex(err, r'^samizdat: error: ' + '.*' + message, args)
        self.assertFalse(os.path.exists(missing), 'a missing source is not created')
        self.assertFalse(os.path.exists(os.path.join(self.work, 'x.db')))
        code, out, err = samizdat('migrate', '--from', f'sqlite:{self.data}')
        self.assertNotEqual(code, 0)
        self.assertIn('--to', err)

    def test_help_says_what_a_location_is(self):
        code, out, _ = samizdat('migrate', '--help')
        self.assertEqual(code, 0)
        for words in ('sqlite:PATH', 'samizdat.db', 'postgresql://', '--allow-non-empty'):
            self.assertIn(words, out)

    # --- helpers ---------------------------------------------------------------------------

    def fresh_database(self, name):
        psql(self.admin_url, f'DROP DATABASE IF EXISTS {name} WITH (FORCE)')
        psql(self.admin_url, f'CREATE DATABASE {name}')
        return pg_cluster.url(self.cluster, name)

    def body_file(self):
        path = os.path.join(self.work, 'more-body.html')
        with open(path, 'w') as f:
            f.write('<p>one more</p>')
        return path


if __name__ == '__main__':
    unittest.main()
