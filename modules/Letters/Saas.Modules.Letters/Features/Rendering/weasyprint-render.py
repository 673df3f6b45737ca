# Renders one letter's HTML (stdin, UTF-8) to PDF/A-2b (stdout) with Debian's WeasyPrint 57 (docs/adr/0023).
# Resources are fetched from the allowed folders (argv[1:], the templates) and data: URLs only: no network, nothing else on disk.
import os
import sys
from urllib.parse import unquote, urlparse

from weasyprint import HTML, default_url_fetcher

allowed = [os.path.realpath(folder) for folder in sys.argv[1:]]


def fetch(url, timeout=10, ssl_context=None):
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    if parsed.scheme == "file":
        path = os.path.realpath(unquote(parsed.path))
        if any(path.startswith(folder + os.sep) for folder in allowed) and os.path.isfile(path):
            return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    raise ValueError("resource refused: " + url)


html = sys.stdin.buffer.read().decode("utf-8")
document = HTML(string=html, base_url=allowed[0] + os.sep, url_fetcher=fetch)
document.write_pdf(sys.stdout.buffer, variant="pdf/a-2b")
sys.stdout.buffer.flush()
