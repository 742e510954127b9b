"""Fixtures of the conformance suite: a real `talon serve` on loopback and today's SDK client.

The server is the built binary (`.build/debug/talon`, or TALON_BINARY), started with
`--port 0 --memory --seed 7` and the built-in demo shop; the suite waits for its
`listening on http://HOST:PORT` line with a timeout and stops it with SIGTERM at the end.
"""

import os
import pathlib
import queue
import re
import signal
import subprocess
import threading

import pytest
import talon_one

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("TALON_BINARY", REPOSITORY / ".build" / "debug" / "talon"))
DEMO_API_KEY = "demo-shop-api-key"
STARTUP_TIMEOUT = 60.0
SHUTDOWN_TIMEOUT = 30.0
LISTENING = re.compile(r"listening on (http://\S+)")


class Server:
    """A running `talon serve`: its base URL and the standard error it wrote (the access log)."""

    def __init__(self, process, url, log):
        self.process = process
        self.url = url
        self.log = log


def _pump(stream, lines):
    for line in iter(stream.readline, ""):
        lines.put(line)
    lines.put(None)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    if not BINARY.exists():
        pytest.fail(f"{BINARY} is missing: build it first (swift build)")
    log_path = tmp_path_factory.mktemp("serve") / "serve.log"
    log = open(log_path, "w")
    process = subprocess.Popen(
        [str(BINARY), "serve", "--port", "0", "--memory", "--seed", "7"],
        stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL, text=True)
    lines = queue.Queue()
    threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
    url = None
    try:
        while url is None:
            line = lines.get(timeout=STARTUP_TIMEOUT)
            if line is None:
                pytest.fail(f"talon serve exited ({process.wait()}) before listening; "
                            f"log: {log_path.read_text()}")
            match = LISTENING.search(line)
            if match:
                url = match.group(1)
    except queue.Empty:
        process.kill()
        pytest.fail(f"talon serve printed no 'listening on' line within {STARTUP_TIMEOUT} s")
    yield Server(process, url, log_path)
    process.send_signal(signal.SIGTERM)
    try:
        status = process.wait(timeout=SHUTDOWN_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("talon serve did not stop within the timeout after SIGTERM")
    finally:
        log.close()
    assert status == 0, f"talon serve exited with {status}"


def _client(server, key):
    configuration = talon_one.Configuration(host=server.url)
    configuration.api_key["api_key_v1"] = key
    configuration.api_key_prefix["api_key_v1"] = "ApiKey-v1"
    return talon_one.IntegrationApi(talon_one.ApiClient(configuration))


@pytest.fixture(scope="session")
def api(server):
    """Today's SDK client, authenticated with the demo shop's API key."""
    return _client(server, DEMO_API_KEY)


@pytest.fixture(scope="session")
def unauthorised_api(server):
    """Today's SDK client with a key the server does not accept."""
    return _client(server, "not-the-key")
