"""Browser fixtures: a live `policykg serve` over the seed graph, built into a temporary data folder,
and Debian's headless Chromium driven by selenium through chromedriver, with every request that
does not go to this server made to fail (and recorded, so that a test can say which one it was).

Skipped, with the reason, where chromium, chromedriver or selenium is missing; `.ci/run` installs
them. Screenshots and timings go to $POLICYKG_TEST_ARTIFACTS (default tests/browser/artifacts/)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seed"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
POLICYKG = Path(sys.executable).parent / "policykg"
LAPTOP = (1366, 768)
PHONE = (390, 844)

try:
    import selenium  # noqa: F401

    HAVE_SELENIUM = True
except ImportError:
    HAVE_SELENIUM = False

_missing = [
    what
    for what, present in (
        ("chromium", CHROMIUM),
        ("chromedriver (Debian package chromium-driver)", CHROMEDRIVER),
        ("selenium (pip install -e '.[dev]')", HAVE_SELENIUM),
    )
    if not present
]
# Why the browser tests cannot run here, or "" when they can.
SKIP_REASON = (
    f"browser tests need {', '.join(_missing)}: apt-get install -y chromium chromium-driver "
    "(.ci/run does this in CI)"
    if _missing
    else ""
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not SKIP_REASON:
        return
    skip = pytest.mark.skip(reason=SKIP_REASON)
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(skip)


def artifacts_dir() -> Path:
    folder = Path(os.environ.get("POLICYKG_TEST_ARTIFACTS") or Path(__file__).parent / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(POLICYKG), *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=REPO
    )
    if done.returncode != 0:
        raise RuntimeError(f"policykg {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


class Server:
    """A `policykg serve` child process over its own data folder."""

    def __init__(self, data: Path, port: int, log: Path) -> None:
        self.data = data
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.log = log
        self.env = {**os.environ, "POLICYKG_DATA": str(data), "NEO4J_URI": "", "POLICYKG_SOURCES": ""}
        self.process: subprocess.Popen[bytes] | None = None

    def build(self) -> None:
        _run(["build", str(SEED)], self.env, timeout=600)

    def start(self) -> None:
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [str(POLICYKG), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=REPO,
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"policykg serve exited:\n{self.log.read_text(errors='replace')}")
            try:
                if httpx.get(f"{self.base}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"policykg serve did not answer /health:\n{self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        # The embedded FalkorDB the build started for this data folder.
        subprocess.run([str(POLICYKG), "stop"], env=self.env, capture_output=True, timeout=60, cwd=REPO)

    def gql(self, query: str, **variables: Any) -> dict[str, Any]:
        body = httpx.post(
            f"{self.base}/graphql", json={"query": query, "variables": variables}, timeout=30
        ).json()
        assert not body.get("errors"), body["errors"]
        return body["data"]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`policykg build seed/` into a temporary data folder, then `policykg serve` on a free port."""
    folder = tmp_path_factory.mktemp("browser-server")
    srv = Server(folder / "data", _free_port(), artifacts_dir() / "server.log")
    try:
        srv.build()
        srv.start()
        yield srv
    finally:
        srv.stop()


class Browser:
    """Headless Chromium where only this server is reachable: every other host name resolves to
    nothing (`--host-resolver-rules`), and the DevTools network log records what a page asked for."""

    def __init__(self, server: Server) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.server = server
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for arg in (
            "--headless=new",
            "--no-sandbox",  # CI runs as root
            "--disable-dev-shm-usage",
            "--disable-gpu",
            f"--window-size={LAPTOP[0]},{LAPTOP[1]}",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--lang=zh-CN",
        ):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        # The driver is named, so selenium never looks for (or downloads) one of its own.
        self.driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        self.driver.set_page_load_timeout(60)
        self.viewport(*LAPTOP)
        self.requests: list[dict[str, Any]] = []

    def viewport(self, width: int, height: int) -> None:
        """An exact CSS viewport (a window size would include the browser's own frame)."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )

    def open(self, path: str) -> None:
        self.driver.get(self.server.base + path)

    def wait(self, condition: Any, timeout: float = 30, message: str = "") -> Any:
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(condition, message)

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def network(self) -> list[dict[str, Any]]:
        """The requests made since the last call: url and, once answered, status."""
        by_id: dict[str, dict[str, Any]] = {}
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message["method"] == "Network.requestWillBeSent":
                by_id.setdefault(params["requestId"], {})["url"] = params["request"]["url"]
            elif message["method"] == "Network.responseReceived":
                by_id.setdefault(params["requestId"], {})["status"] = params["response"]["status"]
            elif message["method"] == "Network.loadingFailed":
                by_id.setdefault(params["requestId"], {})["failed"] = params.get("errorText", "failed")
        seen = [r for r in by_id.values() if "url" in r]
        self.requests.extend(seen)
        return seen

    def foreign(self, requests: list[dict[str, Any]]) -> list[str]:
        """URLs that are neither this server nor inline (data:, blob:, about:)."""
        ours = urlsplit(self.server.base).netloc
        return [
            r["url"]
            for r in requests
            if urlsplit(r["url"]).scheme not in ("data", "blob", "about")
            and urlsplit(r["url"]).netloc != ours
        ]

    def assert_only_local(self) -> list[dict[str, Any]]:
        requests = self.network()
        assert not self.foreign(requests), f"requests left the machine: {self.foreign(requests)}"
        return requests

    def screenshot(self, name: str) -> Path:
        path = artifacts_dir() / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def console_errors(self) -> list[str]:
        return [e["message"] for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]

    def quit(self) -> None:
        self.driver.quit()


@pytest.fixture(scope="session")
def browser(server: Server) -> Iterator[Browser]:
    for stale in artifacts_dir().glob("FAILED-*.png"):  # from an earlier run
        stale.unlink()
    b = Browser(server)
    try:
        yield b
    finally:
        b.quit()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    # Kept on the item, so that the `page` fixture can tell whether the test's body failed.
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.stash[_FAILED] = report.failed


_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Browser]:
    """The browser at laptop size with an empty network log; after the test, nothing it loaded
    may have gone anywhere but this server. A failed test leaves a screenshot of where it stopped."""
    browser.viewport(*LAPTOP)
    browser.network()
    yield browser
    if request.node.stash.get(_FAILED, False):
        browser.screenshot(f"FAILED-{request.node.name}")
    browser.assert_only_local()


def save_for_readme(shot: Path, name: str) -> None:
    """With POLICYKG_UPDATE_SCREENSHOTS=1, copy a screenshot into docs/img/ for the README (off by
    default: the committed images should change only when someone looks at them)."""
    if os.environ.get("POLICYKG_UPDATE_SCREENSHOTS") == "1":
        target = REPO / "docs" / "img" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target)
