"""File helpers shared by every reader and writer of the core: plans, rosters, workbooks, slides.

Readers open only regular files (``open_regular``): a named pipe would block the reader forever and a
device such as ``/dev/zero`` never ends. Writers replace a file atomically (``write_atomically``) and
clear away the temporaries an interrupted write left behind (``remove_stale_temporaries``).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from salesplanner.i18n import Message, msg

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, the age rule alone decides
    fcntl = None  # type: ignore[assignment]

STALE_AFTER_SECONDS = 60.0
"""A temporary untouched this long, and not locked by a live writer, was left by a write that died.
The age rule covers the instant between creating a temporary and locking it."""


class NotARegularFileError(OSError):
    """The path names a folder, a named pipe, a device or a socket rather than a file."""

    def __init__(self, kind: Message) -> None:
        super().__init__(str(msg("is {kind}, not a file", kind=kind)))
        self.kind = kind


def _kind(mode: int) -> Message:
    if stat.S_ISDIR(mode):
        return msg("a folder")
    if stat.S_ISFIFO(mode):
        return msg("a named pipe")
    if stat.S_ISSOCK(mode):
        return msg("a socket")
    return msg("a device")


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open ``path`` for reading in binary, refusing anything but a regular file.

    The file is opened without blocking and checked on the open descriptor, so a named pipe with no
    writer cannot hang the caller and a symbolic link to a device is seen for what it points to.
    Raises ``NotARegularFileError`` (an ``OSError``) or the ``OSError`` of the open.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except IsADirectoryError:
        raise NotARegularFileError(msg("a folder")) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFileError(_kind(mode))
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _temporary_name(name: str) -> re.Pattern[str]:
    """The names ``tempfile.mkstemp`` gives our temporaries of ``name``: ``.<name>.<8 characters>.tmp``."""
    return re.compile(re.escape(f".{name}.") + r"[a-z0-9_]{8}\.tmp")


def remove_stale_temporaries(path: str | os.PathLike[str]) -> int:
    """Remove the temporaries that interrupted writes of ``path`` left in its folder; returns how many.

    Only files named as ``write_atomically`` names them, regular files, untouched for
    ``STALE_AFTER_SECONDS`` and not locked by a live writer (another window saving the same plan holds
    its temporary's lock until the write is done) are removed. Anything that fails is left alone.
    """
    path = Path(path)
    pattern = _temporary_name(path.name)
    now = time.time()
    removed = 0
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return 0
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= STALE_AFTER_SECONDS \
                    and _remove_unless_locked(entry.path):
                removed += 1
        except OSError:
            continue
    return removed


def _remove_unless_locked(path: str) -> bool:
    if fcntl is None:  # pragma: no cover - Windows refuses to delete a file another process has open
        os.unlink(path)
        return True
    descriptor = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a live writer holds it
        os.unlink(path)
        return True
    finally:
        os.close(descriptor)


def _lock(descriptor: int) -> None:
    """Mark a temporary as being written, for ``remove_stale_temporaries`` in this or another process."""
    if fcntl is not None:
        with contextlib.suppress(OSError):  # a file system without locks: the age rule still protects the write
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file beside ``path`` for a writer that opens files by name (Qt's PDF and SVG writers).

    When the block ends without an exception the temporary is fsynced and renamed over ``path``, so a
    crash, a full disk or a failed check inside the block leaves the previous file as it was; otherwise
    the temporary is removed. It stays locked while the block runs (see ``remove_stale_temporaries``).
    """
    import tempfile  # here, not at the top: a command that only reads files (summary) does not pay for it

    path = Path(path)
    if path.exists() and not path.is_file():
        raise NotARegularFileError(_kind(path.stat().st_mode))
    remove_stale_temporaries(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        _lock(fd)
        yield temporary
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        if fd >= 0:
            os.close(fd)
    _sync_folder(path.parent)


def write_atomically(path: str | os.PathLike[str], content: bytes) -> None:
    """Write ``content`` to ``path`` so that a crash leaves either the old file or the new one.

    A temporary file in the same folder is written (locked while it is), flushed and fsynced, then
    renamed over the target. Stale temporaries of earlier, interrupted writes of ``path`` go first.
    """
    with replacing(path) as temporary, open(temporary, "wb") as stream:
        stream.write(content)
        stream.flush()


def _sync_folder(folder: Path) -> None:
    """Make a rename durable: fsync the folder that holds it (where the system can)."""
    if hasattr(os, "O_DIRECTORY"):
        directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED_ON_WINDOWS = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
                        *(f"LPT{n}" for n in range(1, 10))}
MAX_NAME_LENGTH = 120


def safe_file_name(name: str, *, fallback: str = "Sales plan") -> str:
    """``name`` (a plan or scenario name) as a file name every system accepts: the characters Windows
    forbids (``<>:"/\\|?*`` and control characters) become "-", trailing dots and spaces go, a reserved
    device name (CON, NUL, COM1…) is suffixed, and it is kept under 120 characters. The suffix is the
    caller's to add."""
    cleaned = _NOT_IN_FILE_NAMES.sub("-", name)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .-")[:MAX_NAME_LENGTH].rstrip(" .")
    if not cleaned:
        return fallback
    if cleaned.split(".")[0].upper() in _RESERVED_ON_WINDOWS:
        cleaned += " plan"
    return cleaned
