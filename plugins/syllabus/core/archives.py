"""A published file's contents as a visitor can get them: gzip decompressed, and each member
of a zip archive as a file of its own, recognised by their first bytes rather than their
names; within a budget of decompressed bytes, so a bomb cannot take the machine's memory.
What cannot be read whole (past the budget, encrypted, damaged, an archive of a kind not
opened here) raises :class:`Unreadable`, so that leak-check, which reads a site through this,
fails closed."""

from __future__ import annotations

import dataclasses
import io
import lzma
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from .rules import GZIP_MAGIC

ZIP_MAGIC = b"PK\x03\x04"  # a zip's first local header: also .docx, .pptx, .xlsx, .odt, .epub
# The most a file's contents may decompress to (a gzip file's members, or a zip's members and
# what they hold, all together), read whole to be searched. A site's own gzip files (the
# sitemap, Pagefind's index chunks) are kilobytes and a course's archives megabytes; the
# search keeps a few copies of what it reads (as bytes, as text, as a browser reads it), so
# this bounds leak-check's memory near 1 GB (a gzip of zeros once took all the machine had). What
# decompresses to more cannot be checked, and is a finding: the gate fails closed.
MAX_DECOMPRESSED = 128 * 1024 * 1024
MB = 1024 * 1024
INFLATE_STEP = MB
NESTED_ARCHIVES = 1  # an archive in an archive is opened (a .tgz in a zip); one deeper is a finding
# Members of one zip archive, each searched as a file: a course's download holds tens, and a
# 100 MB archive of empty files holds a million, each searched for every marker.
MAX_MEMBERS = 10_000
_ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA})
# A zip member's local header (APPNOTE 4.3.7), which its data follows: read to find where
# that data starts, so a deflated member is also read to its end, whatever size it states.
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
# Archives leak-check cannot open, by their first bytes: what they hold is unknown, so each is
# a finding (.7z is an allowed material suffix; the rest may sit in a file of any name).
_UNOPENED = ((re.compile(rb"7z\xbc\xaf\x27\x1c"), "7z"), (re.compile(rb"Rar!\x1a\x07"), "RAR"),
             (re.compile(rb"\xfd7zXZ\x00"), "xz"), (re.compile(rb"\x28\xb5\x2f\xfd"), "Zstandard"),
             (re.compile(rb"BZh[1-9]1AY&SY"), "bzip2"))


class Unreadable(Exception):
    """Why leak-check cannot read a file whole: a finding, since what it holds is unknown."""


@dataclass
class Budget:
    """What one site file's contents may still decompress to (see MAX_DECOMPRESSED)."""

    left: int = dataclasses.field(default_factory=lambda: MAX_DECOMPRESSED)

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise Unreadable(f"decompresses to more than {MAX_DECOMPRESSED // MB} MB; leak-check cannot read it whole")


def _gunzip(data: bytes, budget: Budget) -> bytes:
    """Every gzip member of ``data`` decompressed, within the budget (bytes after the last
    member that start none are searched with the file's own bytes: see :func:`readings`)."""
    out = bytearray()
    while data[:2] == GZIP_MAGIC:
        inflater, pending = zlib.decompressobj(16 + zlib.MAX_WBITS), data
        while not inflater.eof:  # a step at a time: the budget stops a bomb after one step past it
            try:
                chunk = inflater.decompress(pending, INFLATE_STEP)
            except zlib.error as error:
                raise Unreadable(f"is a damaged gzip file ({error}); leak-check cannot read it") from None
            if not chunk and not inflater.unconsumed_tail:
                raise Unreadable("is a truncated gzip file; leak-check cannot read it whole")
            budget.take(len(chunk))
            out += chunk
            pending = inflater.unconsumed_tail
        data = inflater.unused_data
    return bytes(out)


def _unzip(data: bytes, budget: Budget) -> Iterator[tuple[str, bytes]]:
    """(name, contents) of each member of the zip archive ``data``, within the budget."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise Unreadable(f"holds more than {MAX_MEMBERS} files; leak-check cannot read them all")
            for member in members:
                if member.is_dir():
                    yield member.filename, b""
                    continue
                if member.flag_bits & 0x1:
                    raise Unreadable(f"holds an encrypted member ({member.filename}); leak-check cannot read it")
                if member.compress_type not in _ZIP_METHODS:
                    raise Unreadable(f"holds a member ({member.filename}) compressed in a way leak-check cannot "
                                     f"read (method {member.compress_type})")
                with archive.open(member) as handle:
                    contents = handle.read(budget.left + 1)  # not as the header says: it may lie
                budget.take(len(contents))
                if member.compress_type == zipfile.ZIP_DEFLATED and _runs_on(data, member, contents, budget):
                    raise Unreadable(f"holds a member ({member.filename}) whose data runs on past the size it "
                                     "states; leak-check cannot tell what it holds")
                yield member.filename, contents
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
            lzma.LZMAError, ValueError) as error:
        raise Unreadable(f"is a damaged zip archive ({error}); leak-check cannot read it") from None


def _runs_on(data: bytes, member: zipfile.ZipInfo, contents: bytes, budget: Budget) -> bool:
    """Whether a deflated member's stream holds more than was read by its stated size: an
    unzip tool reads the stream to its end (and only warns of the checksum), so text past
    the stated size is published all the same."""
    header = _LOCAL_HEADER.unpack_from(data, member.header_offset)
    start = member.header_offset + _LOCAL_HEADER.size + header[-2] + header[-1]
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    whole = inflater.decompress(memoryview(data)[start:], len(contents) + 1)  # one byte more is enough to tell
    budget.take(max(len(whole) - len(contents), 0))
    return len(whole) > len(contents)


def _unopened(data: bytes) -> str | None:
    """The kind of archive ``data`` is, if leak-check cannot open it."""
    return next((kind for magic, kind in _UNOPENED if magic.match(data)), None)


def _is_zip(data: bytes) -> bool:
    """A zip archive, by its first local header or by its end record (a zip with bytes in
    front of it, such as a self-extracting script, is unzipped all the same)."""
    return data[:4] == ZIP_MAGIC or zipfile.is_zipfile(io.BytesIO(data))


def readings(name: str, data: bytes, budget: Budget, depth: int = 0) -> Iterator[tuple[str, bytes]]:
    """(name, contents) of a site file, gzip decompressed, and of each member of a zip archive
    as a file of its own (``site.zip!folder/file.txt``); archives recognised by their first
    bytes, not their name (Pagefind's chunks are gzip without a ``.gz`` suffix)."""
    if kind := _unopened(data):
        raise Unreadable(f"is a {kind} archive, which leak-check cannot open; publish a .zip or .tar.gz instead")
    is_zip = _is_zip(data)
    if (is_zip or data[:2] == GZIP_MAGIC) and depth > NESTED_ARCHIVES:
        raise Unreadable("holds archives inside archives deeper than leak-check reads")
    yield name, data  # an archive's own bytes too: a stored member, a comment, a gzip header's file name
    if data[:2] == GZIP_MAGIC:
        yield from readings(name, _gunzip(data, budget), budget, depth + 1)
    elif is_zip:
        for member, contents in _unzip(data, budget):
            yield from readings(f"{name}!{member}", contents, budget, depth + 1)
