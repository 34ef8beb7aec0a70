"""A SPARQL worker: a child process of the API that answers read-only queries over an Oxigraph store
on disk, one at a time, through its standard input and output. api/sparql/pool.py starts it, sends it
queries and kills it when a query runs past the time limit.

Why a process: pyoxigraph evaluates a query in Rust without any way to interrupt it, and a Python
thread cannot be stopped either, so the only honest time limit is a process that can be killed.
The worker also keeps what a query can do small: it opens the store read-only, bounds its own
memory, stops writing an answer at the size limit, and, where Linux lets it, leaves the network (a
SERVICE clause makes oxigraph send HTTP requests; the API refuses those before they get here, and
this is the second wall).

It imports nothing of policykg, so it starts in tens of milliseconds:

    python api/sparql/worker.py MEMORY_BYTES

Frames, both ways: a 4-byte big-endian length and that much JSON (the header), then a 4-byte length
and that many bytes (the body). First the worker says it is ready, with an empty body:
    {"ready": true, "isolated": <whether it left the network>}
then for each request
    {"store": PATH, "results": FORMAT|null, "graph": FORMAT|null, "max_bytes": N,
     "prefixes": {...}, "output_prefixes": {...}}
with the query text (UTF-8) as body, it answers
    {"ok": true, "form": "select"|"ask"|"graph", "format": FORMAT}      body: the answer
    {"ok": false, "error": CODE, "message": TEXT, "form": ...}           body: empty
where CODE is "syntax", "too_large", "not_acceptable", "store" or "evaluation".
"""

from __future__ import annotations

import ctypes
import json
import struct
import sys
from typing import Any, BinaryIO

_LENGTH = struct.Struct(">I")
# unshare(2) flags: a user namespace of its own lets an unprivileged process take a network
# namespace of its own, in which no interface is up, not even loopback.
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


class TooLarge(Exception):
    """The answer reached the size limit; raised inside pyoxigraph's serialiser, which stops."""


class BoundedOutput:
    """A binary sink for pyoxigraph's serialisers that refuses to grow past `limit` bytes, so that a
    large answer is stopped while it is written, not after it was built whole."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) > self.limit:
            raise TooLarge()
        return len(data)

    def flush(self) -> None:
        pass


def leave_network() -> bool:
    """Move this process into new user and network namespaces, where it can reach no address at all.
    Only on Linux, and only before any thread starts; False where the system does not allow it."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


def limit_memory(limit: int) -> None:
    """Bound the heap: a query that would need more (a huge ORDER BY, say) fails in this process
    instead of taking the machine's memory from the API and the graph store."""
    if limit <= 0:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # not on this system: the time limit still bounds the query


def read_frame(stream: BinaryIO) -> tuple[dict[str, Any], bytes] | None:
    """A header and a body, or None at the end of the input (the API went away)."""
    parts = []
    for _ in range(2):
        head = stream.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            return None
        (length,) = _LENGTH.unpack(head)
        data = stream.read(length)
        if len(data) < length:
            return None
        parts.append(data)
    return json.loads(parts[0]), parts[1]


def write_frame(stream: BinaryIO, header: dict[str, Any], body: bytes = b"") -> None:
    encoded = json.dumps(header).encode("utf-8")
    stream.write(_LENGTH.pack(len(encoded)) + encoded + _LENGTH.pack(len(body)))
    stream.write(body)
    stream.flush()


class Worker:
    """Answers queries over the store folder each request names (kept open while it stays the same)."""

    def __init__(self) -> None:
        import pyoxigraph  # after leave_network(): importing it may start threads

        self.ox = pyoxigraph
        self.results_formats = {
            "json": pyoxigraph.QueryResultsFormat.JSON,
            "xml": pyoxigraph.QueryResultsFormat.XML,
            "csv": pyoxigraph.QueryResultsFormat.CSV,
            "tsv": pyoxigraph.QueryResultsFormat.TSV,
        }
        self.graph_formats = {
            "turtle": pyoxigraph.RdfFormat.TURTLE,
            "jsonld": pyoxigraph.RdfFormat.JSON_LD,
            "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
            "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
        }
        self.path: str | None = None
        self.store: Any = None

    def open(self, path: str) -> Any:
        if path != self.path:
            self.store = None  # closes the previous version's files before opening the next
            self.store = self.ox.Store.read_only(path)
            self.path = path
        return self.store

    def answer(self, request: dict[str, Any], query: str) -> tuple[dict[str, Any], bytes]:
        try:
            store = self.open(request["store"])
        except OSError as exc:
            return {"ok": False, "error": "store", "message": str(exc)}, b""
        prefixes = request.get("prefixes") or None
        try:
            result = store.query(query, prefixes=prefixes)
        except SyntaxError as exc:
            return {"ok": False, "error": "syntax", "message": str(exc)}, b""
        except (OSError, RuntimeError, ValueError) as exc:
            return {"ok": False, "error": "evaluation", "message": str(exc)}, b""
        if isinstance(result, self.ox.QueryTriples):
            form, name, formats = "graph", request.get("graph"), self.graph_formats
        else:
            form = "ask" if isinstance(result, self.ox.QueryBoolean) else "select"
            name, formats = request.get("results"), self.results_formats
        if name not in formats:
            return {"ok": False, "error": "not_acceptable", "form": form, "message": ""}, b""
        output = BoundedOutput(int(request["max_bytes"]))
        try:
            if form == "graph":
                # Evaluated lazily, triple by triple, as the serialiser asks for them.
                self.ox.serialize(
                    result, output, formats[name], prefixes=request.get("output_prefixes") or None
                )
            else:
                result.serialize(output, formats[name])
        except TooLarge:
            return {"ok": False, "error": "too_large", "form": form, "message": ""}, b""
        except (OSError, RuntimeError, ValueError) as exc:
            return {"ok": False, "error": "evaluation", "message": str(exc)}, b""
        return {"ok": True, "form": form, "format": name}, bytes(output.buffer)


def main() -> None:
    memory = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    isolated = leave_network()
    limit_memory(memory)
    worker = Worker()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # Nothing else may write to the frames' channel: stray prints go to the error stream.
    sys.stdout = sys.stderr
    write_frame(stdout, {"ready": True, "isolated": isolated})
    while (frame := read_frame(stdin)) is not None:
        request, body = frame
        header, answer = worker.answer(request, body.decode("utf-8"))
        write_frame(stdout, header, answer)


if __name__ == "__main__":
    main()
