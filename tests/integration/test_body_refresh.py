"""A store whose bodies an older sanitizer made (the YouTube embed, the centring style and
the class stripped, as before issue 15) shows them as the author wrote them after the
upgrade: the first open makes every body anew from its stored source, once, and changes
nothing else."""

import os
import sqlite3
import unittest

from harness import IntegrationCase, Server, elements

HOST = 'refresh.test'
SOURCE = ('<div class="separator" style="clear: both; text-align: center;">'
          '<iframe class="YOUTUBE-iframe-video" src="https://www.youtube.com/embed/abc123" '
          'width="320" height="266"></iframe></div><p>Words about the video.</p>')
# What the first sanitizer stored for SOURCE.
OLD_BODY = '<div></div><p>Words about the video.</p>'


class BodyRefresh(IntegrationCase):
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.create_blog(HOST, 'Refresh')
        cls.post_id, cls.path = cls.add_post('Video post', SOURCE, date='2024-03-01')
        # Make the store look as the previous version left it.
        db = sqlite3.connect(os.path.join(cls.data, 'samizdat.db'))
        with db:
            db.execute('UPDATE posts SET body_html = ?, body_text = ? WHERE id = ?',
                       (OLD_BODY, 'Words about the video.', int(cls.post_id)))
            db.execute('UPDATE body_version SET version = 1')
            cls.updated_before = db.execute('SELECT updated_ms FROM posts WHERE id = ?',
                                            (int(cls.post_id),)).fetchone()[0]
        db.close()

    def stored(self):
        db = sqlite3.connect(os.path.join(self.data, 'samizdat.db'))
        try:
            return db.execute('SELECT p.body_html, p.updated_ms, v.version FROM posts p, '
                              'body_version v WHERE p.id = ?', (int(self.post_id),)).fetchone()
        finally:
            db.close()

    def test_the_first_open_after_the_upgrade_makes_the_bodies_anew_once(self):
        _, _, err = self.cli('blog', 'list')
        self.assertIn('1 post bodies made anew from their sources', err)
        body, updated, version = self.stored()
        self.assertGreater(version, 1)
        self.assertEqual(updated, self.updated_before)  # not an edit
        self.assertIn('src="https://www.youtube.com/embed/abc123"', body)
        self.assertIn('style="clear: both; text-align: center"', body)
        _, _, err = self.cli('blog', 'list')
        self.assertNotIn('made anew', err)

        with Server(self.data) as server:
            status, _, page = server.get(self.path, host=HOST)
        self.assertEqual(status, 200)
        frames = [e for e in elements(page) if e[0] == 'iframe']
        self.assertEqual(len(frames), 1, page[:3000])
        self.assertEqual(frames[0][1]['src'], 'https://www.youtube.com/embed/abc123')
        self.assertIn('sandbox', frames[0][1])


if __name__ == '__main__':
    unittest.main()
