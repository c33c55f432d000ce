"""Containers: a zip archive's members and a folder's files, read in memory within the size and entry limits.

Members are never extracted: each is read up to its declared size (and a byte more, to check
its CRC), so that a hostile archive costs bounded time and memory. Only regular files are read:
a device, a FIFO or a socket (``/dev/zero``, ``/dev/urandom``) is refused before a byte is read.
"""

import lzma
import os
import stat
import struct
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError

__all__ = ["MAX_DIRECTORY_BYTES", "MAX_ENTRIES", "MAX_FILE_BYTES", "MAX_OTHER_FILE_BYTES", "MAX_READ_BYTES", "MAX_UNCOMPRESSED_BYTES",
           "check_file_size", "check_readable_path", "folder_members", "load_members", "read_file_bytes", "zip_members"]

# Limits that keep a hostile archive within bounded time and memory. (Read here, as module
# globals, by every check: a test that lowers one patches this module.) SECURITY.md lists them.
MAX_UNCOMPRESSED_BYTES = 1 << 30  # declared uncompressed total of an archive (1 GiB)
MAX_ENTRIES = 5_000  # entries in an archive, read from its end record before its directory is parsed
MAX_DIRECTORY_BYTES = 16 << 20  # size of an archive's central directory (16 MiB)
MAX_FILE_BYTES = 96 << 20  # one CSV file read (96 MiB; a real messages.csv is tens of MB at most)
MAX_READ_BYTES = 128 << 20  # every CSV file read from one export, together (128 MiB)
# Files other than the messages: LinkedIn caps connections at 30,000 (about 5 MB of Connections.csv).
MAX_OTHER_FILE_BYTES = 16 << 20


def _read_member(archive, info, name):
    """Read one archive member in memory, never past its declared size."""
    chunks, total = [], 0
    try:
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(min(1 << 20, info.file_size + 1 - total))
                if not chunk:
                    break
                total += len(chunk)
                if total > info.file_size:
                    raise InputError(f"{name}: {info.filename} is larger than the archive says; "
                                     "the archive is damaged or hostile.")
                chunks.append(chunk)
                if total == info.file_size:
                    # Read once more so that zipfile checks the CRC at the end of the member.
                    if handle.read(1):
                        raise InputError(f"{name}: {info.filename} is larger than the archive says; "
                                         "the archive is damaged or hostile.")
                    break
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError, OSError, EOFError,
            NotImplementedError, RuntimeError, ValueError) as error:
        if isinstance(error, InputError):
            raise
        raise InputError(f"{name}: {info.filename} cannot be read from the archive ({error}).") from None
    return b"".join(chunks)


_END_RECORD = struct.Struct("<4s4H2LH")  # end of central directory: signature, disks, counts, size, offset
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_END_RECORD = struct.Struct("<4sQ2H2L4Q")


def _directory_size(path):
    """(entries, central directory bytes) read from the archive's end records, or None if not found.

    Read before ``zipfile`` parses the directory, so that an archive claiming millions of entries
    is refused from 64 KiB of its tail, not after building millions of objects.
    """
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            tail_start = max(0, size - (_END_RECORD.size + 65535 + _ZIP64_LOCATOR.size))
            handle.seek(tail_start)
            tail = handle.read()
            at = tail.rfind(b"PK\x05\x06")
            if at < 0 or len(tail) - at < _END_RECORD.size:
                return None
            fields = _END_RECORD.unpack_from(tail, at)
            entries, directory = fields[4], fields[5]
            if entries == 0xFFFF or directory == 0xFFFFFFFF:  # ZIP64: the counts are in another record
                locator = at - _ZIP64_LOCATOR.size
                if locator < 0 or tail[locator:locator + 4] != b"PK\x06\x07":
                    return None
                offset = _ZIP64_LOCATOR.unpack_from(tail, locator)[2]
                handle.seek(offset)
                record = handle.read(_ZIP64_END_RECORD.size)
                if len(record) < _ZIP64_END_RECORD.size or record[:4] != b"PK\x06\x06":
                    return None
                fields = _ZIP64_END_RECORD.unpack(record)
                entries, directory = fields[7], fields[8]
            return entries, directory
    except (OSError, struct.error, OverflowError, ValueError):
        return None


def zip_members(path, label):
    """Return ({member name: loader}, the open archive) for a zip archive, after the safety checks.

    The caller closes the archive once the members it wants are read (:func:`load_members`).
    Members that share one name are all counted, but only the last is a loader (as ``zipfile``
    reads a name): :func:`linkedin.read <netanalysis.io.linkedin.read>` reports the others.
    """
    check_readable_path(path, label)
    counted = _directory_size(path)
    if counted is not None:
        entries, directory = counted
        if entries > MAX_ENTRIES:
            raise InputError(f"{label} has {entries} entries, more than the {MAX_ENTRIES} a LinkedIn export "
                             "can have; it is not an export.")
        if directory > MAX_DIRECTORY_BYTES:
            raise InputError(f"{label} has a directory of {directory / 2**20:.0f} MiB, more than the "
                             f"{MAX_DIRECTORY_BYTES / 2**20:.0f} MiB limit; it is not a LinkedIn export.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error, NotImplementedError,
            OverflowError, UnicodeDecodeError) as error:
        raise InputError(f"{label} is not a readable zip archive ({error}); download the export again.") from None
    infos = archive.infolist()
    if any(not info.filename for info in infos):
        # A damaged directory can decode a member's name as nothing; zipfile then fails on it (is_dir).
        archive.close()
        raise InputError(f"{label} is not a readable zip archive (a member has no name); "
                         "download the export again.")
    if len(infos) > MAX_ENTRIES:
        archive.close()
        raise InputError(f"{label} has {len(infos)} entries, more than the {MAX_ENTRIES} a LinkedIn export "
                         "can have; it is not an export.")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNCOMPRESSED_BYTES:
        archive.close()
        raise InputError(f"{label} would unpack to {declared / 2**30:.1f} GiB, more than the "
                         f"{MAX_UNCOMPRESSED_BYTES / 2**30:.0f} GiB limit; it is not a LinkedIn export.")
    members = {}
    for info in infos:
        if info.is_dir():
            continue
        members[info.filename] = (lambda info=info: _read_sized_member(archive, info, label))
    return members, archive


def _read_sized_member(archive, info, label):
    if info.file_size > MAX_FILE_BYTES:
        raise InputError(f"{label}: {info.filename} would unpack to {_size(info.file_size)}, more than the "
                         f"{_size(MAX_FILE_BYTES)} limit for one file; it is not a LinkedIn export file.")
    return _read_member(archive, info, label)


def _size(count):
    if count >= 1 << 30:
        return f"{count / 2**30:.1f} GiB"
    return f"{count / 2**20:.0f} MiB" if count >= 1 << 20 else f"{count / 2**10:.0f} KiB"


def folder_members(path, label, unreadable=None):
    """Files at the folder's root and one folder down, as {relative name: loader}.

    An entry that cannot be examined (a symbolic link loop, a folder without permission) is
    skipped; its name and the reason are appended to ``unreadable`` (a list) when given.
    """
    members = {}

    def add(file_path, relative):
        if len(members) >= MAX_ENTRIES:
            raise InputError(f"{label} holds more than {MAX_ENTRIES} files; point at the export folder itself.")
        members[relative] = (lambda p=file_path: read_file_bytes(p))

    def entries(folder, prefix):
        try:
            with os.scandir(folder) as scan:
                found = sorted(scan, key=lambda e: e.name)
        except OSError as error:
            if not prefix:
                raise InputError(f"{label} cannot be read ({error.strerror or error}).") from None
            if unreadable is not None:
                unreadable.append(f"{prefix.rstrip('/')} ({error.strerror or error})")
            return
        for entry in found:
            try:
                is_file = entry.is_file()
                is_dir = not is_file and entry.is_dir(follow_symlinks=False)
            except OSError as error:  # a symbolic link loop, a name too long…
                if unreadable is not None:
                    unreadable.append(f"{prefix}{entry.name} ({error.strerror or error})")
                continue
            if is_file:
                add(Path(entry.path), prefix + entry.name)
            elif is_dir and not prefix:
                yield from entries(entry.path, entry.name + "/")

    for _ in entries(path, ""):
        pass
    return members


def check_readable_path(path, label=None):
    """Refuse a path that is neither a regular file nor a folder (a device, FIFO or socket).

    ``/dev/zero`` or a named pipe would be read without end; one line says so instead.

    Examples
    --------
    >>> check_readable_path("/dev/zero")
    Traceback (most recent call last):
    ...
    netanalysis.errors.InputError: /dev/zero is a device, not a file; give the export file or folder.
    """
    label = label or str(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        raise InputError(f"{label} cannot be read ({error.strerror or error}).") from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InputError(f"{label} is {_kind(mode)}, not a file; give the export file or folder.")


def _kind(mode):
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def read_file_bytes(path, label=None):
    """A regular file's bytes, refused above ``MAX_FILE_BYTES`` (devices, FIFOs and sockets refused).

    The file is opened without blocking (a FIFO with no writer would wait for ever) and checked
    on the open descriptor, so that what is checked is what is read.
    """
    path = Path(path)
    label = label or path.name
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise InputError(f"{label} cannot be read ({error.strerror or error}).") from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise InputError(f"{label} is a folder, not a file.")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(f"{label} is {_kind(status.st_mode)}, not a file; give the CSV or zip file.")
        if status.st_size > MAX_FILE_BYTES:
            raise InputError(f"{label} is {_size(status.st_size)}, more than the {_size(MAX_FILE_BYTES)} "
                             "limit for one file.")
        try:
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise InputError(f"{label} cannot be read ({error.strerror or error}).") from None
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise InputError(f"{label} is more than the {_size(MAX_FILE_BYTES)} limit for one file.")
    return data


def check_file_size(kind, name, size, label=None):
    """Refuse a file of ``kind`` (``"messages"`` or another) over its limit.

    Messages may take ``MAX_FILE_BYTES``; every other file ``MAX_OTHER_FILE_BYTES``.
    """
    limit = MAX_FILE_BYTES if kind == "messages" else MAX_OTHER_FILE_BYTES
    if size > limit:
        where = f"{label}: " if label and label != name else ""
        raise InputError(f"{where}{name} is {_size(size)}, more than the {_size(limit)} limit for this file "
                         "(LinkedIn caps an export at 30,000 connections); it is not a LinkedIn export file.")


def load_members(members, chosen, label):
    """Read the ``chosen`` members: {kind: [(member, bytes), …]}, within the size limit in total.

    ``members`` maps member names to loaders (:func:`zip_members`, :func:`folder_members`);
    ``chosen`` maps each kind of file to the members to read for it, in order.
    """
    tables, total = {}, 0
    for kind, chosen_members in chosen.items():
        for member in chosen_members:
            data = members[member]()
            check_file_size(kind, member, len(data), label)
            total += len(data)
            if total > MAX_READ_BYTES:
                raise InputError(f"{label} holds more than {_size(MAX_READ_BYTES)} of the CSV files read; "
                                 "it is not a LinkedIn export.")
            tables.setdefault(kind, []).append((member, data))
    return tables
