#!/usr/bin/python3
"""Writes the fuzzers' seed corpora, one folder per target, from the test fixtures.

    make_corpus.py OUT_DIR

OUT_DIR/<target>/ gets small files cut from tests/fixtures, ../shared/fixtures, the
CommonMark spec (tests/browser/node_modules, when installed), the docs and the route
tests. Seeds are made afresh on every call; nothing large is kept in the repository.
"""
import hashlib
import io
import json
import pathlib
import re
import shutil
import sys
import zipfile

REPO = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared" / "fixtures"
SPEC = REPO / "tests" / "browser" / "node_modules" / "commonmark-spec" / "spec.txt"


def write(out, target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def files(folder, pattern):
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def sanitize_seeds():
    hostile = json.loads((FIXTURES / "hostile_comments.json").read_text())
    yield from (body["body"] for body in hostile["bodies"])


def markdown_seeds():
    if SPEC.is_file():
        # The spec's examples: "```…``` example", the Markdown, ".", the HTML, "```…```".
        example = re.compile(r"^`{32} example[^\n]*\n(.*?)^\.\n", re.M | re.S)
        for match in example.finditer(SPEC.read_text()):
            yield match.group(1).replace("\u2192", "\t")
    for doc in [REPO / "README.md", *files(REPO / "docs", "*.md")]:
        yield doc.read_bytes()


def blogger_seeds():
    yield from (f.read_bytes() for f in files(FIXTURES / "import", "blogger-*"))
    yield from (f.read_bytes() for f in files(SHARED / "blogger-classic", "*.xml"))
    yield from (f.read_bytes() for f in files(SHARED / "blogger-takeout", "**/feed.atom"))


def wxr_seeds():
    yield from (f.read_bytes() for f in files(FIXTURES / "import", "wxr-*"))
    yield from (f.read_bytes() for f in files(SHARED / "wxr", "*.xml"))


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def takeout_seeds():
    # Takeout .zip files as Google hands them over (feeds only, not the albums), and a
    # plain export, which the import opens too.
    takeout = SHARED / "blogger-takeout"
    feeds = [(str(f.relative_to(takeout)), f.read_bytes()) for f in files(takeout, "**/feed.atom")]
    if feeds:
        yield zipped(feeds)
    features = (FIXTURES / "import" / "blogger-takeout-features.atom").read_bytes()
    yield zipped([("Takeout/Blogger/Blogs/Features/feed.atom", features)])
    yield zipped([("Takeout/Blogger/Blogs/A/feed.atom", features),
                  ("Takeout/Blogger/Blogs/B/feed.atom", features)])
    yield features
    yield (FIXTURES / "import" / "wxr-features.xml").read_bytes()


def http_seeds():
    # Every target the route tests name, as a GET; then the POSTs handlers parse.
    targets = set()
    for test in files(REPO / "tests" / "unit" / "web", "*.cc"):
        targets.update(re.findall(r'"(/[^"\s\\]*)"', test.read_text()))
    for target in sorted(targets):
        yield f"GET {target} HTTP/1.1\r\nHost: blog.example\r\n\r\n"
    yield ("GET /feeds/posts/default?alt=json-in-script&max-results=5&start-index=2 HTTP/1.1\r\n"
           "Host: blog.example:8080\r\nCookie: a=1; samizdat_session=abc\r\n"
           "Accept-Encoding: gzip\r\nIf-None-Match: \"x\"\r\n\r\n")
    yield ("HEAD /search?q=caf%C3%A9&updated-max=2024-01-01T00:00:00Z&max-results=7 HTTP/1.0\r\n"
           "\r\n")
    form = "name=A&email=&body=Hello%2C+world&token=t&reply=3"
    yield (f"POST /2024/05/hello.html HTTP/1.1\r\nHost: blog.example\r\n"
           f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(form)}\r\n"
           f"\r\n{form}")
    multipart = ("--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHi\r\n"
                 "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                 "Content-Type: image/png\r\n\r\n\x89PNG\r\n--XyZ--\r\n")
    yield (f"POST /admin/media HTTP/1.1\r\nHost: blog.example\r\n"
           f"Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: {len(multipart)}\r\n"
           f"\r\n{multipart}")
    yield ("POST /admin/signin HTTP/1.1\r\nHost: blog.example\r\nTransfer-Encoding: chunked\r\n"
           "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
           "9\r\nemail=a%40\r\n0\r\n\r\n")


SEEDS = {
    "fuzz_sanitize": sanitize_seeds,
    "fuzz_markdown": markdown_seeds,
    "fuzz_blogger_reader": blogger_seeds,
    "fuzz_wxr_reader": wxr_seeds,
    "fuzz_takeout_zip": takeout_seeds,
    "fuzz_http_request": http_seeds,
}


def main():
    out = pathlib.Path(sys.argv[1])
    for target, seeds in SEEDS.items():
        shutil.rmtree(out / target, ignore_errors=True)
        for seed in seeds():
            write(out, target, seed)
        print(f"{target}: {len(list((out / target).iterdir()))} seeds")


if __name__ == "__main__":
    main()
