"""Sidecar checkpoint for exactly-once output.

After a chunk of results is written, the output and errors files are flushed and fsync'd, then
the checkpoint (records done, byte offsets of the outputs) is replaced atomically (write to a
temporary file, fsync, rename, fsync the directory). On --resume the outputs are truncated to
the checkpointed offsets and that many input records are skipped, so a kill at any point
(even SIGKILL) never loses or repeats a document.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from typing import Optional

VERSION = 1


class CheckpointError(Exception):
    pass


@dataclass
class Checkpoint:
    fingerprint: str
    records: int = 0  # input records fully written
    offsets: dict[str, int] = field(default_factory=dict)  # file role -> byte offset
    events: int = 0
    errors: int = 0
    warnings: int = 0
    complete: bool = False
    finalized: bool = False  # post-processing (e.g. parquet conversion) done
    version: int = VERSION


def fingerprint(sources: list[str], **settings) -> str:
    norm = [s if s == "-" else os.path.abspath(s) for s in sources]
    blob = json.dumps({"sources": norm, **settings}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def path_for(output: str) -> str:
    return output + ".checkpoint"


def load(path: str) -> Optional[Checkpoint]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise CheckpointError(f"checkpoint {path} is unreadable ({exc}); delete it and run without --resume")
    if data.get("version") != VERSION:
        raise CheckpointError(f"checkpoint {path} has an unknown version; delete it and run without --resume")
    try:
        return Checkpoint(**data)
    except TypeError as exc:
        raise CheckpointError(f"checkpoint {path} is malformed ({exc}); delete it and run without --resume")


def save(path: str, ck: Checkpoint) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(asdict(ck), fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(os.path.dirname(os.path.abspath(path)))


def _fsync_dir(d: str) -> None:
    try:
        fd = os.open(d, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
