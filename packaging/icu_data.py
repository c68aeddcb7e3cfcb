"""ICU's data library cut down to the languages the desk speaks (used by build.spec).

Qt's Linux wheels link ``libicudata`` (32 MB: every language's collation, calendar, unit and
zone names, the Chinese/Japanese/Thai/Khmer/Lao/Burmese dictionaries, two hundred legacy code
pages). Qt asks ICU for four things only: upper/lower case (whose tables are compiled into
``libicuuc``, not this library), collation, time-zone names and legacy text encodings. The copy
made here keeps every language-independent item (time zones, plural rules, likely subtags …),
the root, Turkish and English bundles of every tree, the break rules without the dictionaries,
and the Turkish code pages; it drops the transliterators, which Qt never calls.

The library is rebuilt as ICU builds it: one read-only symbol ``icudtNN_dat`` holding the
package. This needs ``icupkg`` (ICU's own packaging tool; Debian: ``icu-devtools``) and a C
compiler. Without them, or for a library that is not ELF (Windows and macOS wheels carry no
ICU of their own), :func:`slim_icu_data` returns ``None`` and the full library is shipped.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from collections.abc import Collection
from pathlib import Path

# ISO-8859-9, windows-1254 and DOS 857: a Turkish text in a legacy code page still decodes
# (UTF-8, UTF-16/32 and Latin-1 are algorithmic in ICU and need no table).
TURKISH_CODE_PAGES = ("ibm-920_", "ibm-5350_", "ibm-857_")

_LOCALE_BUNDLE = re.compile(r"^(?P<language>[a-z]{2,3}|root)(?:_\w*)?\.res$")
_DATA_SYMBOL = re.compile(rb"icudt\d+_dat")


def slim_icu_data(library: Path, workdir: Path, languages: Collection[str]) -> Path | None:
    """A copy of ICU data ``library`` with only ``languages`` (plus root) in ``workdir``, under
    the same file name; ``None`` when this library or machine cannot make one."""
    icupkg = shutil.which("icupkg")
    compiler = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    found = _data_symbol(library)
    if icupkg is None or compiler is None or found is None:
        return None
    symbol, offset, size = found
    workdir.mkdir(parents=True, exist_ok=True)
    # ICU checks that a package's table of contents names the package ("icudt73l/…").
    package = symbol[: -len("_dat")] + "l"
    full, slim = workdir / "full" / f"{package}.dat", workdir / f"{package}.dat"
    full.parent.mkdir(exist_ok=True)
    with library.open("rb") as source:
        source.seek(offset)
        full.write_bytes(source.read(size))
    items = subprocess.run(
        [icupkg, "-l", str(full)], check=True, capture_output=True, text=True
    ).stdout.split()
    removed = workdir / "removed.txt"
    removed.write_text("\n".join(i for i in items if not _kept(i, languages)) + "\n")
    slim.unlink(missing_ok=True)
    # icupkg refuses to drop an item that a kept one still depends on (a parent locale, the key
    # pool). The one such dependency accepted is the break rules' on the dictionaries: ICU
    # then breaks those scripts without one, and Qt does its own text breaking anyway.
    command = [icupkg, "-r", str(removed), str(full), str(slim)]
    checked = subprocess.run(command, capture_output=True, text=True)
    if checked.returncode != 0:
        missing = set(re.findall(r"depends on missing item (\S+)", checked.stderr + checked.stdout))
        if not missing or not all(item.endswith(".dict") for item in missing):
            raise RuntimeError(f"icupkg could not cut the ICU data: {checked.stderr.strip()}")
        subprocess.run([icupkg, "--ignore-deps", *command[1:]], check=True, capture_output=True)
    assembly = workdir / "icudata.S"
    assembly.write_text(
        "\t.section .rodata\n"
        "\t.balign 16\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        f"{symbol}:\n"
        f'\t.incbin "{slim}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n'
    )
    output = workdir / "lib" / library.name
    output.parent.mkdir(exist_ok=True)
    link = [compiler, "-shared", "-nostdlib", f"-Wl,-soname,{library.name}"]
    subprocess.run([*link, "-o", str(output), str(assembly)], check=True, capture_output=True)
    rebuilt = _data_symbol(output)
    if rebuilt is None or rebuilt[0] != symbol or rebuilt[2] != slim.stat().st_size:
        return None
    return output


def _kept(item: str, languages: Collection[str]) -> bool:
    """Whether package item ``item`` ("coll/tr.res", "ibm-920_P100-1995.cnv") stays."""
    tree, _, name = item.rpartition("/")
    if tree == "translit":
        return False
    if name.endswith(".dict"):  # word dictionaries for scripts written without spaces
        return False
    if name.endswith(".cnv"):
        return name.startswith(TURKISH_CODE_PAGES)
    match = _LOCALE_BUNDLE.match(name)
    return match is None or match["language"] == "root" or match["language"] in languages


def _data_symbol(path: Path) -> tuple[str, int, int] | None:
    """(name, file offset, size) of the ``icudtNN_dat`` symbol of a 64-bit little-endian ELF
    shared library; ``None`` for any other file."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return None
    (section_offset,) = struct.unpack_from("<Q", data, 0x28)
    entry_size, count = struct.unpack_from("<HH", data, 0x3A)
    # (name, type, flags, addr, offset, size, link, info, addralign, entsize)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, section_offset + i * entry_size)
        for i in range(count)
    ]
    for section in sections:
        if section[1] not in (2, 11) or not section[9]:  # SHT_SYMTAB, SHT_DYNSYM
            continue
        strings = sections[section[6]][4]
        for at in range(section[4], section[4] + section[5], section[9]):
            name_at, _info, _other, index, value, size = struct.unpack_from("<IBBHQQ", data, at)
            end = data.index(b"\0", strings + name_at)
            name = data[strings + name_at : end]
            if _DATA_SYMBOL.fullmatch(name) and 0 < index < len(sections):
                home = sections[index]
                return name.decode(), home[4] + value - home[3], size
    return None
