# Copyright: retellai.retell contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check that no internal link of the built docs site is broken.

Every href and src of every HTML page that points inside the site (no scheme, no host; a path
starting with "/" counts from the site's root) must name a file that exists, and a #fragment must name an id (or an <a name>) on the
target page. Links to other sites are not followed (the build is offline).

Usage: python tests/tooling/site_links.py SITE_DIR   (exit 1 and one line per broken link)
"""

from __future__ import annotations

import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {'a': 'href', 'link': 'href', 'img': 'src', 'script': 'src', 'iframe': 'src'}


class _Page(HTMLParser):
    """The links and the anchors (ids and <a name>) of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.anchors = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get('id'):
            self.anchors.add(attrs['id'])
        if tag == 'a' and attrs.get('name'):
            self.anchors.add(attrs['name'])
        target = attrs.get(LINK_ATTRIBUTES.get(tag, ''))
        if target is not None:
            self.links.append(target)


def parse(path):
    page = _Page()
    with open(path, encoding='utf-8') as handle:
        page.feed(handle.read())
    return page


def internal(url):
    """True when the URL points inside the site (not another site, not mailto:, javascript: ...)."""
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def broken_links(site):
    site = os.path.abspath(site)
    pages = {}

    def page_at(path):
        if path not in pages:
            pages[path] = parse(path)
        return pages[path]

    problems = []
    for root, _dirs, files in os.walk(site):
        for name in sorted(files):
            if not name.endswith('.html'):
                continue
            source = os.path.join(root, name)
            for url in page_at(source).links:
                if not internal(url):
                    continue
                problem = _check(site, source, url, page_at)
                if problem:
                    problems.append('%s: %s -> %s' % (os.path.relpath(source, site), url, problem))
    return problems


def _check(site, source, url, page_at):
    parts = urlsplit(url)
    if parts.path.startswith('/'):
        # an absolute path (the theme's logo links to "/"): the site is served from its root
        target = os.path.normpath(os.path.join(site, unquote(parts.path).lstrip('/')))
    elif parts.path:
        target = os.path.normpath(os.path.join(os.path.dirname(source), unquote(parts.path)))
    else:
        target = source  # "#fragment": the same page
    if os.path.isdir(target):
        target = os.path.join(target, 'index.html')
    if not (target == site or target.startswith(site + os.sep)):
        return 'outside the site'
    if not os.path.isfile(target):
        return 'no such file'
    fragment = unquote(parts.fragment)
    if fragment and target.endswith('.html') and fragment not in page_at(target).anchors:
        return 'no anchor "%s" on %s' % (fragment, os.path.relpath(target, site))
    return None


def main(argv):
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        raise SystemExit(__doc__)
    problems = broken_links(argv[1])
    for problem in problems:
        print('broken link: %s' % problem)
    pages = sum(1 for _root, _dirs, files in os.walk(argv[1]) for name in files if name.endswith('.html'))
    if problems:
        print('site_links: %d broken internal link(s) in %d pages' % (len(problems), pages))
        return 1
    print('site_links: every internal link of %d pages resolves' % pages)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
