"""Serve a built JupyterLite site on 127.0.0.1 for the browser tests (a thread, stopped at the end).

A plain static server, as a university's web server or GitHub Pages would be: it only adds the
content types JupyterLite needs (WebAssembly, JavaScript modules) and counts what it served.
"""
from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".ipynb": "application/json", ".whl": "application/octet-stream",
         ".zip": "application/zip", ".webmanifest": "application/manifest+json", ".tar": "application/x-tar"}


@dataclass
class Served:
    """What the server sent: one (path, status, bytes) per request."""

    requests: list[tuple[str, int, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, status: int, size: int) -> None:
        with self.lock:
            self.requests.append((path, status, size))

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()

    def total(self) -> int:
        with self.lock:
            return sum(size for _, status, size in self.requests if status == 200)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    served: Served

    def log_message(self, format: str, *args: object) -> None:  # quiet: the tests report what matters
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[override]
        size = 0
        while chunk := source.read(1 << 16):
            outputfile.write(chunk)
            size += len(chunk)
        self.served.add(self.path, 200, size)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        self.served.add(self.path, code, 0)
        super().send_error(code, message, explain)


class LiteServer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.served = Served()
        handler = type("Handler", (_Handler,), {"served": self.served})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     functools.partial(handler, directory=str(root)))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="lite-server", daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> "LiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(10)
