#!/usr/bin/env python3
"""Writes a synthetic Blogger classic export ("Back up content" Atom, blogger.md §4.1).

usage: make_blogger_export.py --posts N --comments M [--seed S] [--blog-id ID] OUT.xml

The file is written as it is generated (never held whole in memory), so it can be as
large as the import benchmark needs: posts of a few KB with labels, a few pages and
drafts, and comments spread over the posts, one in four a reply to an earlier comment.
The same arguments give the same bytes.
"""
import argparse
import random
import sys
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape, quoteattr

WORDS = ('the workers of the region struck for higher wages and the right to organise '
         'while the government answered with force and the press told another story '
         'history will judge the events of january by what the people did next').split()
LABELS = ['news', 'history', 'class struggle', 'Kazakhstan', 'économie', 'notes', 'reading']
KIND = "<category scheme='http://schemas.google.com/g/2005#kind' " \
       "term='http://schemas.google.com/blogger/2008/kind#{}'/>"
TAG = 'tag:blogger.com,1999:blog-{}.{}-{}'


def text(rng, words):
    return ' '.join(rng.choice(WORDS) for _ in range(words))


def when(t):
    return t.strftime('%Y-%m-%dT%H:%M:%S.') + f'{t.microsecond // 1000:03d}-08:00'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--posts', type=int, required=True)
    parser.add_argument('--comments', type=int, required=True)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--blog-id', default='7000000000000000001')
    parser.add_argument('out')
    args = parser.parse_args()
    if args.posts < 1 or args.comments < 0:
        parser.error('--posts must be at least 1 and --comments at least 0')

    rng = random.Random(args.seed)
    blog = args.blog_id
    base = 'https://bench.example.com'
    zone = timezone(timedelta(hours=-8))
    start = datetime(2015, 1, 1, 9, 0, tzinfo=zone)
    with open(args.out, 'w', encoding='utf-8') as out:
        out.write("<?xml version='1.0' encoding='UTF-8'?>\n"
                  "<feed xmlns='http://www.w3.org/2005/Atom' "
                  "xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' "
                  "xmlns:gd='http://schemas.google.com/g/2005' "
                  "xmlns:thr='http://purl.org/syndication/thread/1.0' "
                  "xmlns:app='http://purl.org/atom/app#'>\n")
        out.write(f"<id>tag:blogger.com,1999:blog-{blog}.archive</id>"
                  f"<updated>{when(start)}</updated><title type='text'>Bench blog</title>"
                  f"<link rel='alternate' type='text/html' href='{base}/'/>"
                  "<generator version='7.00' uri='https://www.blogger.com'>Blogger</generator>\n")
        for name, value in (('BLOG_NAME', 'Bench blog'),
                            ('BLOG_DESCRIPTION', 'A generated blog for the import benchmark'),
                            ('BLOG_TIME_ZONE', 'America/Los_Angeles')):
            out.write(f"<entry><id>tag:blogger.com,1999:blog-{blog}.settings.{name}</id>"
                      f"{KIND.format('settings')}<title type='text'>{name}</title>"
                      f"<content type='text'>{escape(value)}</content></entry>\n")

        posts = []  # (id, url)
        for n in range(args.posts):
            post_id = str(8000000000000000000 + n)
            t = start + timedelta(minutes=37 * n)
            page = n % 500 == 499
            draft = n % 200 == 199
            title = f'{text(rng, 5).capitalize()} {n}'
            slug = '-'.join(title.lower().split()[:5]) + f'-{n}'
            path = f'/p/{slug}.html' if page else f'/{t.year:04d}/{t.month:02d}/{slug}.html'
            body = ''.join(f'<p>{text(rng, 60)}</p>' for _ in range(4))
            labels = rng.sample(LABELS, rng.randint(0, 3))
            kind = 'page' if page else 'post'
            out.write(f"<entry><id>{TAG.format(blog, kind, post_id)}</id>"
                      f"<published>{when(t)}</published><updated>{when(t)}</updated>"
                      + KIND.format(kind)
                      + ''.join(f"<category scheme='http://www.blogger.com/atom/ns#' "
                                f"term={quoteattr(label)}/>" for label in labels)
                      + f"<title type='text'>{escape(title)}</title>"
                      f"<content type='html'>{escape(body)}</content>")
            if draft:
                out.write('<app:control><app:draft>yes</app:draft></app:control>')
            else:
                out.write(f"<link rel='alternate' type='text/html' href='{base}{path}' "
                          f"title={quoteattr(title)}/>")
                if not page:
                    posts.append((post_id, base + path, t))
            out.write('<author><name>Bench Author</name></author></entry>\n')

        by_post = {}  # post id -> comment ids so far, for replies
        for n in range(args.comments):
            post_id, url, t = posts[rng.randrange(len(posts))]
            comment_id = str(9000000000000000000 + n)
            t = t + timedelta(hours=1 + n % 500)
            ms = int(t.timestamp() * 1000)
            earlier = by_post.setdefault(post_id, [])
            parent = rng.choice(earlier) if earlier and n % 4 == 3 else None
            earlier.append(comment_id)
            body = text(rng, 30)
            out.write(f"<entry><id>{TAG.format(blog, 'post', comment_id)}</id>"
                      f"<published>{when(t)}</published><updated>{when(t)}</updated>"
                      + KIND.format('comment')
                      + f"<title type='text'>{escape(body[:50])}...</title>"
                      f"<content type='html'>{escape(body)}</content>"
                      f"<link rel='alternate' type='text/html' "
                      f"href='{url}?showComment={ms}#c{comment_id}'/>")
            if parent:
                out.write(f"<link rel='related' type='application/atom+xml' "
                          f"href='https://www.blogger.com/feeds/{blog}/{post_id}/comments/"
                          f"default/{parent}'/>")
            out.write(f"<author><name>Reader {n % 97}</name></author>"
                      f"<thr:in-reply-to href='{url}' ref='{TAG.format(blog, 'post', post_id)}' "
                      f"source='http://www.blogger.com/feeds/{blog}/posts/default/{post_id}' "
                      "type='text/html'/></entry>\n")
        out.write('</feed>\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
