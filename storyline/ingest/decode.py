"""Bytes at the door → text, or a reason why not: size limit, empty, binary, encoding (layer 2).

Every reader gets its text through here, so the bad-input rules (empty, binary, too large,
invalid UTF-8) are the same for files, stdin and URLs.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from typing import BinaryIO

from charset_normalizer import from_bytes

# Signatures of common binary formats, so the reason can name what the file looks like.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"\xd0\xcf\x11\xe0", "old Microsoft Office document"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 control characters that never occur in text (tab, LF, FF, CR and ESC excluded).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)  # deleting these leaves the control bytes


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used (``utf-8``, ``cp1252``, …)."""

    text: str
    encoding: str


@dataclass(frozen=True)
class Undecodable:
    """Why bytes could not be turned into text, in words a user can act on."""

    reason: str


def too_large_reason(size: int, limit: int) -> str:
    """The one wording of the size-limit rejection (also used by the HTTP fetcher)."""
    return f"too large ({size} bytes > limit {limit}); raise STORYLINE_MAX_INPUT_BYTES or split the file"


def read_limited(stream: BinaryIO, limit: int) -> bytes | Undecodable:
    """Read at most ``limit`` bytes from a stream; more than that is a rejection, not a truncation."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        return Undecodable(f"too large (more than {limit} bytes); raise STORYLINE_MAX_INPUT_BYTES or split the input")
    return data


def read_file_bytes(path: str, limit: int) -> bytes | Undecodable:
    """Read a whole file when it is within ``limit`` bytes; the size is checked before reading."""
    try:
        size = os.stat(path).st_size
        if size > limit:
            return Undecodable(too_large_reason(size, limit))
        with open(path, "rb") as handle:
            return read_limited(handle, limit)
    except FileNotFoundError:
        return Undecodable("file not found (it may have been removed while reading)")
    except IsADirectoryError:
        return Undecodable("is a directory, not a file")
    except PermissionError:
        return Undecodable("permission denied; check the file's read permission")
    except OSError as exc:
        return Undecodable(f"cannot read the file: {exc.strerror or exc}")


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data`` ('PNG image', 'binary data') or None when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    head = data[:8192]
    if b"\x00" in head:
        return "binary data (contains NUL bytes)"
    if head and len(head.translate(None, _NOT_CONTROL)) > len(head) // 100 + 2:
        return "binary data (many control characters)"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded | Undecodable:
    """Decode input bytes: BOM, then the declared charset, then UTF-8, then cp1252 / a detected one.

    Rejects empty and binary input with a reason. Invalid UTF-8 that is mostly ASCII is taken as
    Windows-1252 (Windows exports of Dutch text: 'ë' as byte 0xEB), the rule browsers follow.
    """
    if not data.strip():
        return Undecodable("empty (no text in the input)")
    kind = binary_kind(data)
    if kind:
        return Undecodable(f"binary file ({kind}), not text; storyline reads text, JSON(L), HTML and RSS/Atom")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", ""))
            except UnicodeDecodeError:
                return Undecodable(f"starts with a {encoding} byte-order mark but is not valid {encoding}")
    if declared:
        try:
            return Decoded(data.decode(declared), codecs.lookup(declared).name)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly ASCII with some high bytes: a Western single-byte export (cp1252, as browsers do).
    # Mostly high bytes: some other script; let the detector decide.
    high = sum(1 for b in data[:65536] if b >= 0x80)
    if high <= len(data[:65536]) * 0.3:
        return Decoded(data.decode("cp1252", errors=_WINDOWS_1252_ERRORS), "cp1252")
    guess = _detect(data)
    if guess is not None:
        return guess
    return Undecodable("not valid UTF-8 and the encoding could not be recognised; convert the file to UTF-8")


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    """Map the five bytes cp1252 leaves undefined to the same code points as latin-1 (the WHATWG rule)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode("latin-1"), error.end


_WINDOWS_1252_ERRORS = "storyline-windows-1252"
codecs.register_error(_WINDOWS_1252_ERRORS, _latin1_fallback)


def _detect(data: bytes) -> Decoded | None:
    """Last resort: charset-normalizer's best guess, or None."""
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return Decoded(data.decode(best.encoding), best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
