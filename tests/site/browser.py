"""Headless Debian Chromium driven by Selenium, and `calckg serve` started and stopped around the browser tests.

Chromium comes from Debian (`apt-get install -y chromium chromium-driver`, see .ci/run); Playwright's own browser
download cannot work here. Without chromium the browser tests skip, unless CI is set: then they fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("CALCKG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CALCKG_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--disable-default-apps", "--disable-extensions", "--mute-audio")


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            return f"{path} not found (apt-get install -y chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"calckg serve stopped: {process.stdout.read().decode() if process.stdout else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"calckg serve did not listen on 127.0.0.1:{port}")


@contextmanager
def serving(build_dir: Path) -> Iterator[str]:
    """`calckg serve` over `build_dir` (SPARQL and the site); yields the site's base URL; stopped with SIGTERM."""
    port, site_port = free_port(), free_port()
    beside = Path(sys.executable).with_name("calckg")  # the console script of the Python running the tests
    executable = str(beside) if beside.exists() else shutil.which("calckg") or "calckg"
    command = [executable, "serve", "--port", str(port), "--site-port", str(site_port),
               "--trig", str(build_dir / "calckg.trig")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_for(site_port, process)
        _wait_for(port, process)
        yield f"http://127.0.0.1:{site_port}/"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


@contextmanager
def chromium() -> Iterator[object]:
    """A fresh headless Chromium (own profile folder, performance log on), quit and cleaned up afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="calckg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}", "--window-size=1280,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
