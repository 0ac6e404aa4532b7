"""A small driver of headless Chromium over its DevTools protocol, through a pipe.

Chromium started with ``--remote-debugging-pipe`` reads protocol commands on file
descriptor 3 and writes answers and events on 4, each a JSON message ended by a NUL byte:
no port, no websocket library, nothing fetched. Used by the HTML report's browser tests and
to take the screenshot in docs/ (``python tests/cdp.py REPORT.html OUT.png``).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
#: What the machine probe found works here: no sandbox as root, no GPU, and no background
#: connections (the network is closed; without these flags Chromium keeps trying).
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio",
         "--disable-dev-shm-usage",
         "--hide-scrollbars", "--remote-debugging-pipe")


def find_browser() -> str | None:
    """The Chromium to drive: ``$FACTLINT_CHROMIUM``, else the first of :data:`NAMES`."""
    given = os.environ.get("FACTLINT_CHROMIUM")
    if given:
        return given
    return next((found for name in NAMES if (found := shutil.which(name))), None)


class BrowserError(RuntimeError):
    """Chromium could not be started or did not answer."""


class Browser:
    """One headless Chromium; ``page(url)`` opens a page and returns a :class:`Page`."""

    def __init__(self, executable: str, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="factlint-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def fds() -> None:  # in the child: its fd 3 reads commands, fd 4 writes answers
            reads, writes = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10)  # clear of 3 and 4 first
                             for fd in (to_child_r, from_child_w))
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        try:
            self.process = subprocess.Popen(
                [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                pass_fds=(3, 4), preexec_fn=fds)  # before the reader thread starts
        except OSError as exc:
            raise BrowserError(f"cannot start {executable}: {exc}") from None
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self._next = 0
        self._answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self.call("Browser.getVersion")
        except BrowserError:
            self.close()
            raise

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_child, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                self.events.put({"method": "closed"})
                for q in list(self._answers.values()):
                    q.put({"error": {"message": "the browser closed the pipe"}})
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message and message["id"] in self._answers:
                    self._answers[message["id"]].put(message)
                else:
                    self.events.put(message)

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer."""
        with self._lock:
            self._next += 1
            ident = self._next
            self._answers[ident] = queue.Queue()
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        try:
            os.write(self._to_child, json.dumps(message).encode() + b"\0")
            answer = self._answers[ident].get(timeout=self.timeout)
        except (OSError, queue.Empty):
            raise BrowserError(f"{method}: no answer from the browser ({self._stderr()})") \
                from None
        finally:
            self._answers.pop(ident, None)
        if "error" in answer:
            raise BrowserError(f"{method}: {answer['error'].get('message')}")
        result: dict[str, Any] = answer.get("result", {})
        return result

    def _stderr(self) -> str:
        if self.process.poll() is None:
            return "still running"
        err = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
        return f"exit {self.process.returncode}: {err.strip()[-500:]}"

    def page(self, url: str, width: int = 1000, height: int = 800) -> Page:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        page = Page(self, session)
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session)
        self.call("Emulation.setDeviceMetricsOverride", session, width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 600)
        page.navigate(url)
        return page

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._to_child)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        with contextlib.suppress(OSError):
            os.close(self._from_child)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Page:
    """A page of the browser: what it logged, what a script says, a screenshot."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session
        self.errors: list[str] = []  # console errors, exceptions, CSP violations

    def _take(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if message.get("sessionId") not in (None, self.session):
            return
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = params.get("args", [])
            self.errors.append("console: " + " ".join(str(a.get("value", a.get("description")))
                                                      for a in args))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.errors.append("exception: " + str(details.get("exception", {}).get(
                "description", details.get("text"))))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            self.errors.append("log: " + params["entry"].get("text", ""))

    def drain(self, until: str | None = None, timeout: float = 30.0) -> None:
        """Read the events so far (and up to the event ``until``, when given)."""
        deadline = time.monotonic() + timeout
        while True:
            wait = max(0.0, deadline - time.monotonic()) if until else 0.2
            try:
                message = self.browser.events.get(timeout=wait)
            except queue.Empty:
                if until:
                    raise BrowserError(f"no {until} within {timeout} s") from None
                return
            self._take(message)
            if message.get("method") == "closed":
                raise BrowserError("the browser closed")
            if until and message.get("method") == until:
                return

    def navigate(self, url: str) -> None:
        self.browser.call("Page.navigate", self.session, url=url)
        self.drain("Page.loadEventFired")
        self.drain()

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (a promise is awaited)."""
        result = self.browser.call("Runtime.evaluate", self.session, expression=expression,
                                   returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"evaluate: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def screenshot(self) -> bytes:
        """A PNG of the whole page, as tall as its content."""
        metrics = self.browser.call("Page.getLayoutMetrics", self.session)
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = self.browser.call("Page.captureScreenshot", self.session, format="png",
                                 captureBeyondViewport=True, clip=clip)
        self.drain()
        return base64.b64decode(shot["data"])


#: Reads a PNG in a blank page and returns how much of it is not white, and its colours.
INK = """
new Promise(function (done) {
  var img = new Image();
  img.onload = function () {
    var c = document.createElement("canvas");
    c.width = img.width; c.height = img.height;
    var g = c.getContext("2d"); g.drawImage(img, 0, 0);
    var px = g.getImageData(0, 0, c.width, c.height).data, ink = 0, colours = {};
    for (var i = 0; i < px.length; i += 16) {
      if (px[i] < 235 || px[i + 1] < 235 || px[i + 2] < 235) { ink++; }
      colours[(px[i] >> 4) + "," + (px[i + 1] >> 4) + "," + (px[i + 2] >> 4)] = 1;
    }
    done({width: c.width, height: c.height, ink: ink / (px.length / 16),
          colours: Object.keys(colours).length});
  };
  img.src = "data:image/png;base64,%s";
})
"""


def ink(browser: Browser, png: bytes) -> dict[str, Any]:
    """How much of a screenshot is not white (0..1) and how many colours it has, as
    Chromium itself decodes it."""
    page = browser.page("about:blank")
    value: dict[str, Any] = page.evaluate(INK % base64.b64encode(png).decode())
    return value


def main(argv: list[str]) -> int:
    """``python tests/cdp.py REPORT.html OUT.png [WIDTH]``: a screenshot of a report."""
    if len(argv) < 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    executable = find_browser()
    if executable is None:
        print("no Chromium found", file=sys.stderr)
        return 1
    with Browser(executable) as browser:
        width = int(argv[2]) if len(argv) > 2 else 1000
        page = browser.page(Path(argv[0]).resolve().as_uri(), width=width)
        Path(argv[1]).write_bytes(page.screenshot())
        for error in page.errors:
            print(error, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
