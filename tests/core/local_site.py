"""A small website on 127.0.0.1, served from a thread, for the tests that ingest by address."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

ARTICLE_TEXT = (
    "TIANJIN — Chinese President Xi Jinping welcomed Russian President Vladimir Putin and "
    "Indian Prime Minister Narendra Modi to the Shanghai Cooperation Organisation summit in "
    "Tianjin. Xi said the organisation must oppose hegemonism and power politics. Putin "
    "praised the cooperation between the members and said the bloc was a force for stability. "
    "Modi met Xi on the sidelines of the summit, and the two leaders discussed border trade."
)


def article_html(port: int, *, title: str = "Leaders gather in Tianjin", body: str = "") -> str:
    return f"""<!doctype html>
<html><head><title>{title} | Example News</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2025-09-01T08:00:00Z">
<link rel="canonical" href="http://127.0.0.1:{port}/world/leaders-gather">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p>{body or ARTICLE_TEXT}</p></article>
<footer>© Example News</footer></body></html>"""


class Handler(http.server.BaseHTTPRequestHandler):
    """Pages by path: an article (and a second address for it), redirects, a PDF, a page too
    big, a page with no article, a page that never answers."""

    body_text = ""  # set on the server's class to change the article between fetches

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        path = self.path.split("?")[0]
        if path in ("/world/leaders-gather", "/world/leaders-gather-amp"):
            self._send(200, "text/html; charset=utf-8", article_html(port, body=self.body_text))
        elif path == "/moved":
            self._redirect("/world/leaders-gather")
        elif path.startswith("/loop"):
            self._redirect(f"/loop{len(path)}")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/paper.pdf":
            self._send(200, "application/pdf", "%PDF-1.4 not a page")
        elif path == "/huge.html":
            self._send(200, "text/html", "<html><body><p>" + "word " * 4000 + "</p></body></html>")
        elif path == "/menu.html":
            self._send(
                200,
                "text/html",
                "<html><head><title>Menu</title></head><body><div></div></body></html>",
            )
        elif path == "/drip.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"<p>word</p>")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/slow.html":
            time.sleep(3)
            self._send(200, "text/html", article_html(port))
        else:
            self._send(404, "text/plain", "not found")

    def _send(self, status: int, content_type: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@dataclass
class Site:
    url: str  # http://127.0.0.1:PORT
    handler: type[Handler]

    def change_article(self, text: str) -> None:
        self.handler.body_text = text


@contextlib.contextmanager
def serve() -> Iterator[Site]:
    """The site, served while the block runs."""
    handler = type("SiteHandler", (Handler,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(url=f"http://127.0.0.1:{server.server_address[1]}", handler=handler)
    finally:
        server.shutdown()
        server.server_close()
