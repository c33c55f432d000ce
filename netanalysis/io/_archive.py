"""Containers: a zip archive's members and a folder's files, read in memory within the size and entry limits.

Members are never extracted: each is read up to its declared size (and a byte more, to check
its CRC), so that a hostile archive costs bounded time and memory.
"""

import lzma
import os
import struct
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError

__all__ = ["MAX_ENTRIES", "MAX_UNCOMPRESSED_BYTES", "folder_members", "load_members", "read_file_bytes",
           "zip_members"]

# Limits that keep a hostile archive within bounded time and memory. (Read here, as module
# globals, by every check: a test that lowers one patches this module.)
MAX_UNCOMPRESSED_BYTES = 1 << 30  # declared uncompressed total of an archive (1 GiB)
MAX_ENTRIES = 5_000  # entries in an archive


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


def zip_members(path, label):
    """Return ({member name: loader}, the open archive) for a zip archive, after the safety checks.

    The caller closes the archive once the members it wants are read (:func:`load_members`).
    """
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
        members[info.filename] = (lambda info=info: _read_member(archive, info, label))
    return members, archive


def folder_members(path, label):
    """Files at the folder's root and one folder down, as {relative name: loader}."""
    members = {}

    def add(file_path, relative):
        if len(members) >= MAX_ENTRIES:
            raise InputError(f"{label} holds more than {MAX_ENTRIES} files; point at the export folder itself.")
        members[relative] = (lambda p=file_path: read_file_bytes(p))

    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        if entry.is_file():
            add(Path(entry.path), entry.name)
        elif entry.is_dir(follow_symlinks=False):
            for sub in sorted(os.scandir(entry.path), key=lambda e: e.name):
                if sub.is_file():
                    add(Path(sub.path), f"{entry.name}/{sub.name}")
    return members


def read_file_bytes(path):
    """A file's bytes, refused above ``MAX_UNCOMPRESSED_BYTES``."""
    size = path.stat().st_size
    if size > MAX_UNCOMPRESSED_BYTES:
        raise InputError(f"{path.name} is {size / 2**30:.1f} GiB, more than the "
                         f"{MAX_UNCOMPRESSED_BYTES / 2**30:.0f} GiB limit.")
    with open(path, "rb") as handle:
        return handle.read(MAX_UNCOMPRESSED_BYTES + 1)


def load_members(members, chosen, label):
    """Read the ``chosen`` members: {kind: [(member, bytes), …]}, within the size limit in total.

    ``members`` maps member names to loaders (:func:`zip_members`, :func:`folder_members`);
    ``chosen`` maps each kind of file to the members to read for it, in order.
    """
    tables, total = {}, 0
    for kind, chosen_members in chosen.items():
        for member in chosen_members:
            data = members[member]()
            total += len(data)
            if total > MAX_UNCOMPRESSED_BYTES:
                raise InputError(f"{label} holds more than {MAX_UNCOMPRESSED_BYTES / 2**30:.0f} GiB of "
                                 "CSV files; it is not a LinkedIn export.")
            tables.setdefault(kind, []).append((member, data))
    return tables
