"""Which pages of an encrypted register hold a table's rows (what SQLite's ``dbstat`` table
says of a plain file; SQLCipher's build has no ``dbstat``): the pages are decrypted here with
the register's key (SQLCipher 4: AES-256-CBC, a raw key used as is, the page's IV and HMAC
in its last 80 bytes, the file's salt in place of page 1's first 16 bytes) and the table's
b-tree is walked from its root, leaves in order."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

import keyed_sqlite3 as sqlite3

_RESERVE, _IV = 80, 16


def _page(data: bytes, number: int, page_size: int, key: bytes) -> bytes:
    raw = data[(number - 1) * page_size : number * page_size]
    start = 16 if number == 1 else 0
    end = page_size - _RESERVE
    iv = raw[end : end + _IV]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    plain = decryptor.update(raw[start:end]) + decryptor.finalize()
    return b"\0" * start + plain


def table_leaves(path: Path, table: str) -> list[int]:
    """The numbers of ``table``'s leaf pages, left to right (oldest rows first)."""
    key = sqlite3.key_of(path)
    assert key is not None, "the file is not an encrypted register"
    conn = sqlite3.connect(path)
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        root = int(
            conn.execute(
                "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
            ).fetchone()[0]
        )
    finally:
        conn.close()
    data = path.read_bytes()
    leaves: list[int] = []

    def walk(number: int) -> None:
        page = _page(data, number, page_size, key)
        at = 100 if number == 1 else 0
        kind = page[at]
        if kind == 0x0D:
            leaves.append(number)
            return
        assert kind == 0x05, f"page {number} is not a table b-tree page ({kind:#x})"
        cells = int.from_bytes(page[at + 3 : at + 5], "big")
        rightmost = int.from_bytes(page[at + 8 : at + 12], "big")
        for i in range(cells):
            pointer = int.from_bytes(page[at + 12 + 2 * i : at + 14 + 2 * i], "big")
            walk(int.from_bytes(page[pointer : pointer + 4], "big"))
        walk(rightmost)

    walk(root)
    return leaves
