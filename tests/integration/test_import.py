# Leaving Blogger or WordPress without breaking a link: the real exports in
# ../shared/fixtures and generated ones import; every original permalink answers with
# its post, WordPress addresses redirect, feed entry ids are the originals, comments keep
# their threads; a second import changes nothing; broken files change nothing and say
# where they broke; export and re-import give the same blog back.
import os
import re
import shutil
import subprocess
import sys
import unittest
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

from harness import IntegrationCase, Server, cli, elements, main_text, shared_dir, visible_text


HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, '..', '..', 'bench', 'make_blogger_export.py')
FIXTURES = os.path.join(shared_dir(), 'fixtures')
CLASSIC = os.path.join(FIXTURES, 'blogger-classic', 'pelican-bloggerexport.xml')
TAKEOUT = os.path.join(FIXTURES, 'blogger-takeout', 'Takeout')
WXR_PELICAN = os.path.join(FIXTURES, 'wxr', 'pelican-wordpressexport.xml')
WXR_JEKYLL = os.path.join(FIXTURES, 'wxr', 'jekyll-import-sitetitle.xml')
OURS = os.path.join(HERE, '..', 'fixtures', 'import')
WXR_SHORTCODES = os.path.join(OURS, 'wxr-shortcodes.xml')
BLOGGER_EMBED = os.path.join(OURS, 'blogger-embed-jump-centre.xml')
ATOM = '{http://www.w3.org/2005/Atom}'
WP = '{http://wordpress.org/export/1.1/}'  # the pelican file's WXR version


def generate(path, posts, comments, seed=1):
    subprocess.run([sys.executable, GENERATOR, '--posts', str(posts), '--comments',
                    str(comments), '--seed', str(seed), path], check=True)


def listing(case, data=None):
    """What the CLI shows of the stored blogs (hosts and titles), posts and comments."""
    blogs = case.cli('blog', 'list', data=data)[1]
    out = [[line.split('\t', 1)[1] for line in blogs.splitlines()]]
    for line in blogs.splitlines():
        host = line.split('\t')[1]
        out.append(case.cli('post', 'list', '--blog', host, data=data)[1])
        out.append(case.cli('comment', 'list', '--status', 'all', '--blog', host, data=data)[1])
    return out


class BloggerClassic(IntegrationCase):
    """The real pelican export: 2 posts (1 draft), 2 pages (1 draft), 1 comment, 58
    settings, an undeclared app: prefix."""

    SERVER_ARGS = ('--comment-min-seconds', '0')
    HOST = 'youngdoctornotes.blogspot.com'

    @classmethod
    def prepare(cls):
        cls.out = cls.cli('import', CLASSIC)[1]

    def test_summary_counts_what_came_across(self):
        self.assertIn('imported Blogger export into youngdoctornotes.blogspot.com (new blog)',
                      self.out)
        self.assertIn('4 posts and pages (2 pages, 2 drafts), 1 comments', self.out)
        self.assertIn('settings', self.out)

    def test_original_permalinks_answer_with_their_post(self):
        body = self.get_ok('/2010/11/the-steel-windpipe.html', host=self.HOST)
        self.assertIn('The Steel Windpipe', visible_text(body))
        self.assertIn('1 comment:', visible_text(body))
        self.assertIn('Test page', visible_text(self.get_ok('/p/test-page.html', host=self.HOST)))
        # The comment's Blogger permalink shows the post with the comment.
        body = self.get_ok('/2010/11/the-steel-windpipe.html?showComment=1291062944027',
                           host=self.HOST)
        self.assertIn('id="c5590533389087749201"', body.decode())

    def test_feed_entry_ids_are_bloggers(self):
        _, _, feed = self.get('/feeds/posts/default', host=self.HOST)
        ids = [e.find(ATOM + 'id').text for e in ET.fromstring(feed).iter(ATOM + 'entry')]
        self.assertEqual(len(ids), 1)
        self.assertRegex(ids[0], r'^tag:blogger\.com,1999:blog-6303278419262689239\.post-\d+$')
        with open(CLASSIC, encoding='utf-8') as f:
            self.assertIn(f'<id>{ids[0]}</id>', f.read())
        _, _, comments = self.get('/feeds/comments/default', host=self.HOST)
        ids = [e.find(ATOM + 'id').text for e in ET.fromstring(comments).iter(ATOM + 'entry')]
        self.assertEqual(ids, ['tag:blogger.com,1999:blog-6303278419262689239.post-'
                               '5590533389087749201'])

    def test_drafts_are_not_published(self):
        # One of the two drafts is a post, the other a page.
        drafts = [row for row in self.cli('post', 'list')[1].splitlines() if '\tdraft\t' in row]
        self.assertEqual(len(drafts), 2)
        for draft in drafts:
            self.assertEqual(draft.split('\t')[3], '-', 'a draft has no address')
        pages = self.cli('post', 'list', '--kind', 'page')[1].splitlines()
        self.assertEqual(len([row for row in pages if '\tdraft\t' in row]), 1)

    def test_a_second_import_changes_nothing(self):
        before = listing(self)
        out = self.cli('import', CLASSIC)[1]
        self.assertIn('0 posts and pages', out)
        self.assertIn('already there: 4 posts, 1 comments', out)
        self.assertEqual(listing(self), before)


class BloggerTakeout(IntegrationCase):
    """The real Takeout: 4 posts (2 drafts) in Blogs/Blog Experience, 2 comments in a
    differently named Comments folder."""

    SERVE = False

    def check_imported(self, data):
        posts = self.cli('post', 'list', data=data)[1].splitlines()
        self.assertEqual(len(posts), 4)
        paths = {row.split('\t')[3] for row in posts}
        self.assertIn('/2006/12/1ier-post.html', paths)
        self.assertIn('/2011/02/test-depuis-android.html', paths)
        comments = self.cli('comment', 'list', '--status', 'all', data=data)[1].splitlines()
        self.assertEqual(len(comments), 2)
        with Server(data) as server:
            _, _, body = server.get('/2006/12/1ier-post.html')
            self.assertIn('2 comments:', visible_text(body))
            self.assertIn("C'est pas si simple", visible_text(body))

    def test_the_takeout_folder(self):
        data = os.path.join(self.tmp, 'folder')
        out = self.cli('import', TAKEOUT, '--blog', 'experience.test', data=data)[1]
        self.assertIn('Blogger Takeout', out)
        self.assertIn('2 comments', out)
        self.assertNotIn('already there', out, 'comments listed in both feeds count once')
        self.check_imported(data)

    def test_the_takeout_zip_as_google_hands_it_over(self):
        archive = os.path.join(self.tmp, 'takeout-20240101T000000Z-001.zip')
        with zipfile.ZipFile(archive, 'w') as z:
            for root, _, files in os.walk(TAKEOUT):
                for name in files:
                    full = os.path.join(root, name)
                    z.write(full, os.path.join('Takeout', os.path.relpath(full, TAKEOUT)))
        data = os.path.join(self.tmp, 'zip')
        self.cli('import', archive, '--blog', 'experience.test', data=data)
        self.check_imported(data)


class WordPress(IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '0')

    @classmethod
    def prepare(cls):
        cls.out = cls.cli('import', WXR_PELICAN, '--blog', 'wp.test')[1]
        cls.cli('import', WXR_JEKYLL, '--blog', 'jekyll.test')
        tree = ET.parse(WXR_PELICAN)
        cls.items = [i for i in tree.iter('item')
                     if i.findtext(WP + 'post_type') in ('post', 'page')
                     and i.findtext(WP + 'status') == 'publish']

    def test_every_published_item_redirects_from_its_wordpress_addresses(self):
        # The file's addresses: /?p=ID (/?page_id=ID) and the item's own link. The file
        # reuses some ids for different items; the later item takes the address.
        expected = {}
        for item in self.items:
            kind = 'page_id' if item.findtext(WP + 'post_type') == 'page' else 'p'
            title = (item.findtext('title') or '').strip()
            expected[f'/?{kind}={item.findtext(WP + "post_id")}'] = title
            link = urllib.parse.urlsplit(item.findtext('link') or '')
            if link.path not in ('', '/'):
                expected[link.path] = title
        self.assertGreater(len(expected), 8)
        for old, title in expected.items():
            with self.subTest(old=old):
                status, headers, _ = self.get(old, host='wp.test')
                self.assertEqual(status, 301)
                location = headers['Location']
                self.assertRegex(location, r'^/(\d{4}/\d{2}|p)/[^/]+\.html$')
                body = self.get_ok(location, host='wp.test')
                self.assertIn(title[:20], visible_text(body))

    def test_items_sharing_an_id_are_all_imported(self):
        titles = [row.split('\t')[4] for row in
                  self.cli('post', 'list', '--blog', 'wp.test')[1].splitlines()]
        self.assertIn('Code in List', titles)
        self.assertIn('Caption on image', titles)
        self.assertIn('Complete draft', titles)

    def test_wordpress_comments_come_across(self):
        comments = self.cli('comment', 'list', '--status', 'all', '--blog', 'wp.test')[1]
        self.assertEqual(len(comments.splitlines()), 4)

    def test_a_second_import_changes_nothing(self):
        before = listing(self)
        out = self.cli('import', WXR_PELICAN, '--blog', 'wp.test')[1]
        self.assertIn('0 posts and pages', out)
        self.assertEqual(listing(self), before)


class WordPressShortcodes(IntegrationCase):
    """wxr-shortcodes.xml: each shortcode WordPress authors use, a YouTube address alone
    on its line, <!--nextpage-->, a title with <em>; the attachments after the posts."""

    HOST = 'shortcodes.example.org'
    EMBEDDED = '/2024/03/captioned-embedded-post.html'
    GALLERY = '/2024/03/boats-in-gallery.html'
    MEDIA = '/2024/03/video-and-audio.html'
    ATTACHED = '/p/attached-images.html'

    @classmethod
    def prepare(cls):
        cls.out = cls.cli('import', WXR_SHORTCODES)[1]

    def page(self, path):
        return self.get_ok(path, host=self.HOST).decode()

    def tags(self, path, tag):
        return [a for t, a in elements(self.page(path)) if t == tag]

    def test_all_posts_and_the_page_come_across(self):
        self.assertIn('4 posts and pages (1 pages, 0 drafts)', self.out)

    def test_an_html_title_shows_as_its_text(self):
        body = self.page(self.EMBEDDED)
        self.assertIn('A captioned & embedded post', visible_text(body))
        self.assertNotIn('<em>', visible_text(body))

    def test_a_caption_is_a_figure_with_its_caption(self):
        body = self.page(self.EMBEDDED)
        figure = re.search(r'<figure[^>]*>(.*?)</figure>', body, re.S)
        self.assertIsNotNone(figure, body)
        self.assertRegex(figure.group(1), r'<img [^>]*src="[^"]*/harbour\.jpg"')
        self.assertIn('<figcaption>The harbour at dawn</figcaption>', figure.group(1))

    def test_a_gallery_shows_the_attachments_images_in_order(self):
        srcs = [a['src'].rsplit('/', 1)[1] for a in self.tags(self.GALLERY, 'img')
                if 'wp-content/uploads' in a.get('src', '')]
        self.assertEqual(srcs, ['ketch.jpg', 'dinghy.jpg', 'harbour.jpg'])
        self.assertIn('A red dinghy', main_text(self.get_ok(self.GALLERY, host=self.HOST)))
        # [gallery] without ids: the page's own images, in menu order; no PDF.
        srcs = [a['src'].rsplit('/', 1)[1] for a in self.tags(self.ATTACHED, 'img')
                if 'wp-content/uploads' in a.get('src', '')]
        self.assertEqual(srcs, ['ketch.jpg', 'dinghy.jpg'])

    def test_the_page_break_is_shown(self):
        body = self.page(self.EMBEDDED)
        self.assertRegex(body, r'not-a-video</p>\s*<hr[^>]*>\s*<p>The second page')

    def test_other_shortcodes_and_urls_stay_as_written(self):
        text = main_text(self.get_ok(self.MEDIA, host=self.HOST))
        self.assertIn('Written as text: [gallery].', text)
        self.assertIn('[contact-form-7 id="12"]', text)
        self.assertIn('just text: https://example.com/not-a-video',
                      main_text(self.get_ok(self.EMBEDDED, host=self.HOST)))

    def test_embeds_are_the_providers_iframes(self):
        srcs = [a.get('src') for a in self.tags(self.EMBEDDED, 'iframe')]
        self.assertEqual(srcs, ['https://www.youtube.com/embed/dQw4w9WgXcQ',
                                'https://www.youtube.com/embed/M7lc1UVf-VE',
                                'https://player.vimeo.com/video/76979871',
                                'https://player.vimeo.com/video/22439234'])

    def test_caption_and_gallery_keep_their_classes(self):
        figure = [a for a in self.tags(self.EMBEDDED, 'figure')][0]
        self.assertEqual(figure.get('class'), 'wp-caption aligncenter')
        self.assertRegex(figure.get('style', ''), r'width:\s*640px')
        self.assertTrue(any('gallery' in a.get('class', '').split()
                            for a in self.tags(self.GALLERY, 'div')))

    def test_video_and_audio_are_players(self):
        body = self.page(self.MEDIA)
        video = [a for t, a in elements(body) if t == 'video']
        self.assertEqual(len(video), 1)
        self.assertIn('controls', video[0])
        self.assertTrue(video[0].get('poster', '').endswith('/poster.jpg'))
        sources = [a.get('src', '').rsplit('/', 1)[1] for t, a in elements(body) if t == 'source']
        self.assertEqual(sources, ['clip.mp4', 'clip.webm'])
        audio = [a for t, a in elements(body) if t == 'audio']
        self.assertEqual(len(audio), 1)
        self.assertTrue(audio[0].get('src', '').endswith('/song.mp3'))

    def test_the_summary_lists_what_the_sanitizer_removed(self):
        hostile = self.write_file('hostile.xml', f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>H</title>
<link>https://hostile.example</link><item><title>Hostile</title><content:encoded><![CDATA[
<p>Hi</p><script>alert(1)</script><iframe src="https://evil.example/x"></iframe>
]]></content:encoded><wp:post_id>9</wp:post_id><wp:status>publish</wp:status>
<wp:post_date_gmt>2024-03-01 10:00:00</wp:post_date_gmt><wp:post_type>post</wp:post_type>
</item></channel></rss>""")
        out = self.cli('import', hostile, '--dry-run')[1]
        self.assertRegex(out, r'removed from 1 post: .*<script>.*\n  in: "Hostile"')
        self.assertIn('<iframe>', out)


class BloggerEmbedJumpCentre(IntegrationCase):
    """A Blogger post as its editor writes it: a centred image, a jump break and
    Blogger's own YouTube embed (blogger-embed-jump-centre.xml)."""

    HOST = 'pierwalks.blogspot.com'
    PATH = '/2023/05/the-lighthouse-walk.html'
    YOUTUBE = 'https://www.youtube.com/embed/dQw4w9WgXcQ'

    @classmethod
    def prepare(cls):
        cls.out = cls.cli('import', BLOGGER_EMBED)[1]

    def entry_content(self):
        _, _, feed = self.get('/feeds/posts/default', host=self.HOST)
        entries = ET.fromstring(feed).findall(ATOM + 'entry')
        self.assertEqual(len(entries), 1)
        return entries[0].findtext(ATOM + 'content')

    def test_the_post_page_shows_the_image_linked_to_its_full_size(self):
        body = self.get_ok(self.PATH, host=self.HOST).decode()
        self.assertRegex(body, r'<a [^>]*href="[^"]*/s1600/lighthouse\.jpg"[^>]*>\s*<img [^>]*'
                               r'src="[^"]*/s320/lighthouse\.jpg"')
        text = main_text(self.get_ok(self.PATH, host=self.HOST))
        self.assertIn('The lighthouse at the end of the pier', text)
        self.assertIn('That was the walk.', text)

    def test_the_post_page_has_the_jump_breaks_anchor(self):
        anchors = [a for t, a in elements(self.get_ok(self.PATH, host=self.HOST))
                   if a.get('name') == 'more' or a.get('id') == 'more']
        self.assertEqual(len(anchors), 1)

    def test_the_feed_entry_has_the_image(self):
        self.assertRegex(self.entry_content(), r'<img [^>]*src="[^"]*/s320/lighthouse\.jpg"')

    def test_the_youtube_embed_and_the_centring_survive(self):
        body = self.get_ok(self.PATH, host=self.HOST)
        iframes = [a for t, a in elements(body) if t == 'iframe']
        self.assertEqual(len(iframes), 1)
        self.assertTrue(iframes[0].get('src', '').startswith(self.YOUTUBE))
        centred = [a for t, a in elements(body)
                   if t == 'div' and 'text-align: center' in a.get('style', '')]
        self.assertEqual(len(centred), 2)  # the image's and the video's

    def test_the_feed_entry_has_the_embed_and_the_centring(self):
        content = self.entry_content()
        self.assertIn(self.YOUTUBE, content)
        self.assertIn('<iframe', content)
        self.assertIn('text-align: center', content)


class GeneratedBlog(IntegrationCase):
    SERVER_ARGS = ('--comment-min-seconds', '0')
    HOST = 'bench.example.com'

    @classmethod
    def prepare(cls):
        cls.export = os.path.join(cls.tmp, 'export.xml')
        generate(cls.export, posts=60, comments=300)
        cls.dry = cls.cli('import', cls.export, '--dry-run')[1]
        cls.after_dry = cls.cli('blog', 'list')[1]
        cls.out = cls.cli('import', cls.export)[1]

    def test_dry_run_says_what_and_stores_nothing(self):
        self.assertIn('would import Blogger export into bench.example.com (new blog): 60 posts',
                      self.dry)
        self.assertEqual(self.after_dry, '')

    def test_every_original_permalink_answers_with_its_post(self):
        tree = ET.parse(self.export)
        checked = 0
        for entry in tree.iter(ATOM + 'entry'):
            kind = [c.get('term') for c in entry.iter(ATOM + 'category')
                    if c.get('scheme') == 'http://schemas.google.com/g/2005#kind']
            if not kind or not kind[0].endswith(('#post', '#page')):
                continue
            alternate = [l.get('href') for l in entry.iter(ATOM + 'link')
                         if l.get('rel') == 'alternate']
            if not alternate:
                continue  # a draft
            path = urllib.parse.urlsplit(alternate[0]).path
            with self.subTest(path=path):
                body = self.get_ok(path, host=self.HOST)
                self.assertIn(entry.find(ATOM + 'title').text, visible_text(body))
            checked += 1
        self.assertGreater(checked, 50)

    def test_feed_entry_ids_are_the_files(self):
        with open(self.export, encoding='utf-8') as f:
            ids_in_file = set(re.findall(r'<id>(tag:blogger\.com,1999:blog-[^<]+)</id>', f.read()))
        _, _, feed = self.get('/feeds/posts/default?max-results=500', host=self.HOST)
        ids = [e.find(ATOM + 'id').text for e in ET.fromstring(feed).iter(ATOM + 'entry')]
        _, _, comments = self.get('/feeds/comments/default?max-results=500', host=self.HOST)
        ids += [e.find(ATOM + 'id').text for e in ET.fromstring(comments).iter(ATOM + 'entry')]
        self.assertGreater(len(ids), 300)
        self.assertEqual([i for i in ids if i not in ids_in_file], [])

    def test_threads_and_counts_match_the_file(self):
        tree = ET.parse(self.export)
        per_post = {}
        replies = 0
        for entry in tree.iter(ATOM + 'entry'):
            reply_to = entry.find('{http://purl.org/syndication/thread/1.0}in-reply-to')
            if reply_to is None:
                continue
            url = reply_to.get('href')
            per_post[url] = per_post.get(url, 0) + 1
            replies += any(l.get('rel') == 'related' for l in entry.iter(ATOM + 'link'))
        self.assertGreater(replies, 0)
        for url, count in list(per_post.items())[:15]:
            path = urllib.parse.urlsplit(url).path
            with self.subTest(path=path):
                body = self.get_ok(path, host=self.HOST)
                self.assertIn(f'{count} comment', visible_text(body))
        # Replies sit inside their parent's replies block somewhere.
        nested = 0
        for url in per_post:
            body = self.get_ok(urllib.parse.urlsplit(url).path, host=self.HOST).decode()
            nested += body.count('comment-replies')
        self.assertGreater(nested, 0)

    def test_round_trip_through_both_formats(self):
        for fmt in ('blogger', 'wxr'):
            with self.subTest(format=fmt):
                exported = os.path.join(self.tmp, f'round.{fmt}.xml')
                _, text, _ = self.cli('export', '--format', fmt, '--base-url',
                                      'https://bench.example.com')
                with open(exported, 'w', encoding='utf-8') as f:
                    f.write(text)
                data = os.path.join(self.tmp, f'round-{fmt}')
                # WXR does not carry a time zone: the blog is made with the original's.
                self.cli('blog', 'create', '--host', self.HOST, '--title', 'Bench blog',
                         '--timezone', 'America/Los_Angeles', data=data)
                self.cli('import', exported, '--blog', self.HOST, data=data)
                self.assertEqual(listing(self, data=data), listing(self))


class BrokenFiles(IntegrationCase):
    SERVE = False

    @classmethod
    def prepare(cls):
        cls.create_blog('keep.test', 'Keep me')
        cls.add_post('Kept post', '<p>kept</p>', date='2022-01-01')

    def broken(self, name, content):
        path = os.path.join(self.tmp, name)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(content)
        return path

    def assert_refused(self, path, *phrases):
        before = listing(self)
        code, out, err = self.cli('import', path, '--blog', 'keep.test', check=False)
        self.assertNotEqual(code, 0, out)
        for phrase in phrases:
            self.assertIn(phrase, err)
        self.assertEqual(listing(self), before, 'a refused import changed the database')
        return err

    def test_not_xml(self):
        path = self.broken('notxml.xml', 'this is not XML at all\n')
        self.assert_refused(path, 'notxml.xml')

    def test_truncated_export_names_its_line(self):
        full = os.path.join(self.tmp, 'full.xml')
        generate(full, posts=30, comments=50)
        with open(full, encoding='utf-8') as f:
            text = f.read()
        path = self.broken('truncated.xml', text[:len(text) * 2 // 3])
        err = self.assert_refused(path, 'truncated.xml:')
        self.assertRegex(err, r'truncated\.xml:\d+:\d+: ')

    def test_a_feed_that_is_not_an_export(self):
        path = self.broken('rss.xml', '<?xml version="1.0"?><rss version="2.0"><channel>'
                           '<title>x</title><item><title>y</title></item></channel></rss>\n')
        self.assert_refused(path, 'rss.xml')

    def test_truncated_wordpress_file(self):
        with open(WXR_PELICAN, encoding='utf-8') as f:
            text = f.read()
        path = self.broken('cut.wxr.xml', text[:len(text) // 2])
        self.assertRegex(self.assert_refused(path, 'cut.wxr.xml:'), r'cut\.wxr\.xml:\d+:\d+: ')

    def test_a_broken_takeout_zip(self):
        path = os.path.join(self.tmp, 'takeout.zip')
        with open(path, 'wb') as f:
            f.write(b'PK\x03\x04 this is not really a zip archive')
        self.assert_refused(path, 'takeout.zip')

    def test_missing_file(self):
        self.assert_refused(os.path.join(self.tmp, 'nowhere.xml'), 'nowhere.xml')


if __name__ == '__main__':
    unittest.main()
