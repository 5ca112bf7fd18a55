"""Finding input files and reading them into text safely.

* Folders are walked recursively in sorted order; hidden files and folders (".name") are
  skipped, and only files with a known extension are taken (see ``EXTENSIONS``).  A file named
  on the command line with no extension is sniffed (HTML, JSON, JSON Lines or text); one with an
  unknown extension is an error.
* ``.gz`` is decompressed first (``page.html.gz``), up to the size limit.
* Decoding: a byte-order mark decides (UTF-8, UTF-16); otherwise strict UTF-8; otherwise the
  charset an HTML page declares; otherwise Windows-1252, but only when every byte decodes and no
  control character results (this reads old Western files without ever guessing wildly).
  Anything else is reported as undecodable, never read with replacement characters.
* Empty files, binary files (NUL bytes, or PDF/image/archive signatures) and files over
  ``Settings.max_input_bytes`` are reported, never read.  JSON Lines files are the exception to
  the size limit: they are streamed line by line (feeds are often large), and the limit applies
  to each line.
"""

from __future__ import annotations

import codecs
import gzip
import os
import re
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path

EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
}
SNIFF = "sniff"  # no extension: decide from the content

_MAGIC = {
    b"%PDF": "a PDF file", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "gzip data without a .gz name", b"\x7fELF": "an executable",
}


class InputProblem(Exception):
    """A file that cannot be read as an article; the message is the one-line reason."""


def unreadable(exc: OSError) -> InputProblem:
    """The one-line reason for a file the operating system would not let us read."""
    if isinstance(exc, PermissionError):
        return InputProblem("permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputProblem("is a folder")
    if isinstance(exc, FileNotFoundError):
        return InputProblem("no such file or folder")
    return InputProblem(f"cannot read: {exc.strerror or exc}")


def file_suffixes(path: str | Path) -> list[str]:
    """The file name's suffixes, lower-cased, as ``Path.suffixes`` gives them ("a.JSONL.gz" ->
    [".jsonl", ".gz"]), from the string: no Path is made per input file (each Path's parts are
    interned, and a run over a million files would churn the interpreter's table of them)."""
    name = os.path.basename(os.fspath(path))
    if name.endswith("."):
        return []
    return ["." + part.lower() for part in name.lstrip(".").split(".")[1:]]


def gzipped(path: str | Path) -> bool:
    return file_suffixes(path)[-1:] == [".gz"]


def input_kind(path: str | Path) -> str | None:
    """"text", "html", "json", "jsonl", SNIFF (no extension), or None for an unknown extension."""
    suffixes = file_suffixes(path)
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if not suffixes or not re.fullmatch(r"\.[a-z0-9]{1,10}", suffixes[-1]):
        return SNIFF
    return EXTENSIONS.get(suffixes[-1])


def walk_folder(folder: str | Path) -> Iterator[str | tuple[str, str]]:
    """Files of known kinds under ``folder``, sorted by path (hidden ones skipped), then
    (folder, reason) for sub-folders that cannot be listed.  Depth first, one folder's sorted
    names at a time (a sub-folder's files come where its name sorts among its siblings), so a
    tree of a million files is never held whole; links to folders are not followed."""
    problems: list[OSError] = []
    yield from _walk_sorted(str(Path(folder)), problems)  # the prefix written as a Path writes it ("./in/" -> "in")
    for exc in problems:
        yield os.fspath(exc.filename or folder), f"cannot list folder: {exc.strerror or exc}"


def _walk_sorted(folder: str, problems: list[OSError]) -> Iterator[str]:
    names: list[str] = []
    folders: set[str] = set()  # names of the sub-folders to walk (not links to folders)
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") or (entry.is_dir() and entry.is_symlink()):
                    continue
                if entry.is_dir():
                    folders.add(entry.name)
                names.append(entry.name)
    except OSError as exc:
        problems.append(exc)
        return
    names.sort()
    for name in names:
        path = os.path.join(folder, name)
        if name in folders:
            yield from _walk_sorted(path, problems)
        elif (kind := input_kind(path)) is not None and kind != SNIFF:
            yield path


_SPECIAL_FILES = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                  (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))


def require_regular_file(path: str | Path) -> os.stat_result:
    """The file's status; InputProblem for anything that is not a regular file (a FIFO or a
    device would block the reader, or never end)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise unreadable(exc) from None
    if not stat.S_ISREG(info.st_mode):
        what = next((name for test, name in _SPECIAL_FILES if test(info.st_mode)), "a special file")
        raise InputProblem(f"not a regular file ({what}); only regular files are read")
    return info


def read_bytes(path: str | Path, limit: int) -> bytes:
    info = require_regular_file(path)
    try:
        size = info.st_size
        if size > limit:
            raise InputProblem(f"file too large ({size_text(size)} > limit {size_text(limit)})")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise unreadable(exc) from None
    if len(data) > limit:
        raise InputProblem(f"file too large (> limit {size_text(limit)})")
    if gzipped(path):
        data = gunzip(data, limit)
    return data


def gunzip(data: bytes, limit: int) -> bytes:
    try:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = decompressor.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputProblem(f"not valid gzip data ({exc})") from None
    if len(out) > limit:
        raise InputProblem(f"decompressed size over limit {size_text(limit)}")
    if not decompressor.eof:
        raise InputProblem("truncated gzip data")
    return out


def size_text(size: int) -> str:
    """A size for messages: "20.0 MB", "12 KB", "500 bytes"."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{size // 1024} KB" if size >= 1024 else f"{size} bytes"


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)"""
                      rb"""|<\?xml[^>]+encoding=["']([A-Za-z0-9_.-]+)""",
                      re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Text of ``data`` by the policy in the module docstring; raises InputProblem."""
    if not data.strip():
        raise InputProblem("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputProblem("undecodable: broken UTF-16 text") from None
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputProblem(f"binary file ({what}), not an article")
    if b"\x00" in data[:65536]:
        raise InputProblem("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = (declared.group(1) or declared.group(2)).decode("ascii", "ignore")
        try:
            text = data.decode(name)
            if not _CONTROL.search(text):
                return text
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        cp1252_text = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252_text = None
    if cp1252_text is not None and not _CONTROL.search(cp1252_text):
        return cp1252_text
    raise InputProblem("undecodable: not UTF-8, UTF-16 or Windows-1252 text")


def sniff(text: str) -> str:
    """"html", "json", "jsonl" or "text" for content with no telling extension."""
    head = text.lstrip()[:2000]
    if head.startswith(("{", "[")):
        first_line = head.split("\n", 1)[0].strip()
        if head.startswith("{") and first_line.endswith("}") and "\n" in text.strip():
            return "jsonl"
        return "json"
    if re.match(r"<(?:!doctype\s+html|html|head|body|article|div|p|meta|!--)\b", head, re.IGNORECASE):
        return "html"
    return "text"


def jsonl_lines(path: str | Path, limit: int) -> Iterator[tuple[int, str | InputProblem]]:
    """(line number, decoded line or the problem with that line) of a JSON Lines file, streamed.

    Raises InputProblem when the file itself cannot be opened or is binary."""
    opener = gzip.open if gzipped(path) else open
    require_regular_file(path)
    try:
        handle = opener(path, "rb")
        head = handle.peek(8192)[:8192] if hasattr(handle, "peek") else b""
    except OSError as exc:
        raise unreadable(exc) from None
    with handle:
        if not head.strip():
            raise InputProblem("empty file")
        if b"\x00" in head or _has_magic(head):
            decode(head)  # raises the problem naming the kind of binary file
        lineno = 0
        while True:
            try:
                raw = handle.readline(limit + 1)
            except (OSError, EOFError, zlib.error) as exc:
                yield lineno + 1, InputProblem(f"cannot read further: {exc}")
                return
            if not raw:
                return
            lineno += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the over-long line
                    raw = handle.readline(1 << 20)
                yield lineno, InputProblem(f"line longer than limit {size_text(limit)}")
                continue
            if not raw.strip():
                continue
            try:
                yield lineno, decode(raw.lstrip(codecs.BOM_UTF8) if lineno == 1 else raw)
            except InputProblem as exc:
                yield lineno, exc


def _has_magic(head: bytes) -> bool:
    return any(head.startswith(magic) for magic in _MAGIC)
