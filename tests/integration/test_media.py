# Uploaded images at /media/HASH.EXT: the bytes with their type, cacheable for good
# (ETag "HASH", 304), never sniffed; 404 for what is not a stored file. Until the admin
# uploads, the file is written into the SQLite database directly, as an upload stores it.
import hashlib
import os
import sqlite3
import struct
import time
import unittest
import zlib

from harness import IntegrationCase


def tiny_png():
    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(b'\x00\xff\x00\x00')) + chunk(b'IEND', b''))


class Media(IntegrationCase):

    @classmethod
    def prepare(cls):
        blog_id = cls.create_blog('media.test', 'Media blog')
        cls.other_id = cls.create_blog('other.test', 'Other blog')
        cls.png = tiny_png()
        cls.hash = hashlib.blake2b(cls.png, digest_size=16).hexdigest()
        db = sqlite3.connect(os.path.join(cls.data, 'samizdat.db'))
        with db:
            db.execute('INSERT INTO media (blog_id, hash, content_type, filename, bytes, size, '
                       'created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
                       (int(blog_id), cls.hash, 'image/png', 'dot.png', cls.png, len(cls.png),
                        int(time.time() * 1000)))
        db.close()

    def get_media(self, name, host='media.test', headers=None):
        return self.server.get('/media/' + name, host=host, headers=headers)

    def test_file_is_served_with_its_type_and_cached_for_good(self):
        status, headers, body = self.get_media(self.hash + '.png')
        self.assertEqual(status, 200)
        self.assertEqual(body, self.png)
        self.assertEqual(headers['Content-Type'], 'image/png')
        self.assertEqual(headers['ETag'], '"' + self.hash + '"')
        self.assertEqual(headers['Cache-Control'], 'public, max-age=31536000, immutable')
        self.assertEqual(headers['X-Content-Type-Options'], 'nosniff')

    def test_if_none_match_gives_304(self):
        status, headers, body = self.get_media(self.hash + '.png',
                                               headers={'If-None-Match': '"' + self.hash + '"'})
        self.assertEqual(status, 304)
        self.assertEqual(body, b'')
        self.assertEqual(headers['ETag'], '"' + self.hash + '"')
        status, _, body = self.get_media(self.hash + '.png',
                                         headers={'If-None-Match': '"other"'})
        self.assertEqual(status, 200)
        self.assertEqual(body, self.png)

    def test_unknown_hash_is_404(self):
        status, _, _ = self.get_media('0' * 32 + '.png')
        self.assertEqual(status, 404)

    def test_bad_names_are_404(self):
        for name in (self.hash, self.hash + '.gif', self.hash + '.PNG', self.hash + '.png/x',
                     '../samizdat.db', self.hash.upper() + '.png', '%2e%2e/' + self.hash + '.png',
                     self.hash + '.png%00', ''):
            with self.subTest(name=name):
                status, _, body = self.get_media(name)
                self.assertEqual(status, 404)
                self.assertNotEqual(body, self.png)

    def test_another_blogs_file_is_404(self):
        status, _, _ = self.get_media(self.hash + '.png', host='other.test')
        self.assertEqual(status, 404)

    def test_post_is_not_allowed(self):
        status, headers, _ = self.server.get('/media/' + self.hash + '.png', host='media.test',
                                             method='POST', body=b'x')
        self.assertEqual(status, 405)


if __name__ == '__main__':
    unittest.main()
