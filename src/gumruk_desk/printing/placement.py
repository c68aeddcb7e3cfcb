"""Where a PDF may be written: never into the desk's data folder.

The data folder is encrypted so that a copy of it (a backup disk, a machine handed on) reads
as noise; a document or a recovery page written into it would travel with it in the clear.
"""

from __future__ import annotations

from pathlib import Path

#: Said wherever a place for the recovery page is chosen (the command line, the window).
INSIDE_DATA_FOLDER = (
    "Kurtarma sayfası veri klasörüne yazılamaz (açtığı kayıt defterinin yanında "
    "durmamalı): başka bir yer seçin. Hiçbir şey değişmedi."
)

#: Said wherever a document's PDF is saved (the command line, the print preview).
DOCUMENT_INSIDE_DATA_FOLDER = (
    "PDF veri klasörüne kaydedilemez: kayıt defteri orada şifreli durur, bu belge ise "
    "yolcunun bilgilerini açıkça taşır. Başka bir yer seçin; hiçbir şey kaydedilmedi."
)


def inside_data_folder(target: str | Path, data_folder: Path) -> bool:
    """Whether ``target`` lies in the data folder (symbolic links and ``..`` resolved)."""
    return Path(target).resolve().is_relative_to(data_folder.resolve())
