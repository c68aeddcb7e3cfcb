"""The desk window's actions as data: what each says, its Alt letter and shortcut, where it
sits (menu and group, toolbar) and what it does; :meth:`MainWindow._build_actions` makes them
with one loop, and ``enabled_when`` decides, from an :class:`ActionState`, which can act now.

Texts are Turkish with the ``&`` of their Alt letter (no two on one letter in a menu:
``tests/test_ui_walk.py`` checks); the window passes each through ``tr``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from gumruk_desk.domain.registered import RegisteredRecord

if TYPE_CHECKING:
    from gumruk_desk.ui.main_window import MainWindow

__all__ = ["ACTIONS", "MENUS", "TOOLBAR", "ActionSpec", "ActionState"]


@dataclass(frozen=True)
class ActionState:
    """What the actions' ``enabled_when`` look at."""

    content: RegisteredRecord | None  # the selected record, as the pane shows it
    supervisor: bool
    printing: bool  # a document is being rendered

    @property
    def printable(self) -> bool:
        return self.content is not None and not self.printing

    @property
    def custody(self) -> bool:
        return self.printable and self.content is not None and bool(self.content.outcome.custody)


@dataclass(frozen=True)
class ActionSpec:
    """One action of the window: the attribute it is kept in, its object name, its Turkish
    text (with the ``&`` of its Alt letter), tip, shortcut, where it goes and what it does.
    ``group``: actions of one menu with different groups are parted by a separator."""

    attr: str
    name: str
    text: str
    tip: str
    handler: Callable[[MainWindow], object]
    shortcut: QKeySequence.StandardKey | str | None = None
    menu: str | None = None
    group: int = 0
    enabled_when: Callable[[ActionState], bool] | None = None
    disabled_tip: str = ""


MENUS = {"form": "&Form", "record": "Ka&yıt", "admin": "Y&önetim"}

# fmt: off
ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        attr="new_ek1_action", name="newEk1Action", text="&Yeni Nakit Beyan Formu…",
        tip="Yeni Nakit Beyan Formu (EK-1) doldur (Ctrl+N)", handler=lambda w: w.new_declaration(),
        shortcut="Ctrl+N", menu="form", group=0,
    ),
    ActionSpec(
        attr="new_ek2_action", name="newEk2Action", text="Yeni Nakit &Açıklama Tutanağı…",
        tip="Yeni Nakit Açıklama Tutanağı (EK-2) düzenle (Ctrl+Shift+N)",
        handler=lambda w: w.new_explanation(), shortcut="Ctrl+Shift+N", menu="form", group=0,
    ),
    ActionSpec(
        attr="drafts_action", name="draftsAction", text="&Taslaklar…",
        tip="Yarım kalan formlar (Ctrl+Shift+T)", handler=lambda w: w.open_drafts(),
        shortcut="Ctrl+Shift+T", menu="form", group=0,
    ),
    ActionSpec(
        attr="lock_action", name="lockAction", text="&Kilitle",
        tip="Oturumu kilitle; açmak için parolanız gerekir (Ctrl+L)", handler=lambda w: w.lock(),
        shortcut="Ctrl+L", menu="form", group=1,
    ),
    ActionSpec(
        attr="logout_action", name="logoutAction", text="&Oturumu kapat (memur değiştir)…",
        tip=("Oturumu kapatıp giriş ekranına dön; başka bir memur çıkmadan devam eder "
            "(Ctrl+Shift+L)"),
        handler=lambda w: w.log_out(), shortcut="Ctrl+Shift+L", menu="form", group=1,
    ),
    ActionSpec(
        attr="quit_action", name="quit", text="Ç&ıkış",
        tip="Pencereyi kapat; gönderilmeyi bekleyen kayıt varsa önce sorar (Ctrl+Q)",
        handler=lambda w: w.request_quit(), shortcut="Ctrl+Q", menu="form", group=1,
    ),
    ActionSpec(
        attr="print_action", name="printAction", text="&Yazdır…",
        tip="Seçili kaydın formunu yazdır (Ctrl+P)", handler=lambda w: w.print_selected("form"),
        shortcut=QKeySequence.StandardKey.Print, menu="record", group=0,
        enabled_when=lambda s: s.printable,
    ),
    ActionSpec(
        attr="reprint_action", name="reprintAction", text="Yeniden ya&zdır…",
        tip=("Daha önce yazdırılmış formu yeniden yazdır; çıktıda YENİDEN BASKI ve baskı "
            "numarası yazar (Ctrl+Shift+P)"),
        handler=lambda w: w.print_selected("form"), shortcut="Ctrl+Shift+P", menu="record",
        group=0, enabled_when=lambda s: s.printable,
    ),
    ActionSpec(
        attr="seizure_action", name="seizureAction", text="Za&bıt varakası yazdır…",
        tip="El konulan nakit için zabıt varakası (2 nüsha)",
        handler=lambda w: w.print_selected("seizure"), shortcut=None, menu="record", group=0,
        enabled_when=lambda s: s.custody,
    ),
    ActionSpec(
        attr="receipt_action", name="receiptAction", text="A&lındı belgesi yazdır…",
        tip="El konulan nakit için alındı belgesi (2 nüsha)",
        handler=lambda w: w.print_selected("receipt"), shortcut=None, menu="record", group=0,
        enabled_when=lambda s: s.custody,
    ),
    ActionSpec(
        attr="search_action", name="searchAction", text="&Ara", tip="Arama kutusuna git (Ctrl+F)",
        handler=lambda w: w.focus_search(), shortcut=QKeySequence.StandardKey.Find, menu="record",
        group=1,
    ),
    ActionSpec(
        attr="refresh_action", name="refreshAction", text="Ye&nile",
        tip="Listeyi ve durum çubuğunu yenile (F5)", handler=lambda w: w.refresh(),
        shortcut=QKeySequence.StandardKey.Refresh, menu="record", group=1,
    ),
    ActionSpec(
        attr="cancel_action", name="cancelAction", text="Kaydı i&ptal et…",
        tip="Seçili kaydı amir onayıyla iptal et (Genelge 2013/1 Ortak hükümler 3)",
        handler=lambda w: w.cancel_selected(), shortcut=None, menu="record", group=1,
        enabled_when=lambda s: s.content is not None and not s.content.cancelled,
    ),
    ActionSpec(
        attr="seizures_action", name="seizuresAction", text="Yükleme bekleyen &el koymalar…",
        tip="Merkeze yüklenmeyi bekleyen el koymalar ve 24 saatten kalan süre",
        handler=lambda w: w.open_seizures(), shortcut="Ctrl+Shift+E", menu="record", group=2,
    ),
    ActionSpec(
        attr="registers_action", name="registersAction", text="&Defter ve raporlar…",
        tip="Numaralı defter, vardiya raporu, kâğıt formlar, banka doğrulaması",
        handler=lambda w: w.open_registers(), shortcut="Ctrl+Shift+D", menu="record", group=2,
    ),
    ActionSpec(
        attr="sync_action", name="syncAction", text="Merkeze &gönder…",
        tip="Kayıtları merkeze gönder (Ctrl+Shift+G)", handler=lambda w: w.start_sync(),
        shortcut="Ctrl+Shift+G", menu="record", group=3,
    ),
    ActionSpec(
        attr="shift_end_action", name="shiftEndAction", text="&Vardiya sonu…",
        tip=("Vardiya sonu: özet, merkeze gönderilmeyi bekleyenler ve el koymaların 24 "
            "saati; merkeze gönderim ya da kâğıtla devir (Ctrl+Shift+V)"),
        handler=lambda w: w.end_shift(), shortcut="Ctrl+Shift+V", menu="record", group=3,
    ),
    ActionSpec(
        attr="settings_action", name="settingsAction", text="&Ayarlar…",
        tip="Kurlar, kural setleri ve masa ayarları (yalnız amir)",
        handler=lambda w: w.open_settings(), shortcut=None, menu="admin", group=0,
        enabled_when=lambda s: s.supervisor, disabled_tip="Ayarları yalnız amir değiştirebilir.",
    ),
    ActionSpec(
        attr="officers_action", name="officersAction", text="&Memurlar…",
        tip="Memurlar: ekle, parola yenile, kilit aç, devre dışı bırak (amir parolasıyla)",
        handler=lambda w: w.open_officers(), shortcut=None, menu="admin", group=0,
    ),
)
# fmt: on
"""Every action of the window, in menu order; :meth:`MainWindow._build_actions` makes them."""

TOOLBAR = (
    "newEk1Action",
    "newEk2Action",
    "draftsAction",
    "seizuresAction",
    "syncAction",
    None,
    "printAction",
    "reprintAction",
    None,
    "settingsAction",
    "lockAction",
)
"""The toolbar's actions by object name, None for a separator."""
