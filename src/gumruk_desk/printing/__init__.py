"""Printing of the official documents: EK-1, EK-2, the seizure report and the custody receipt.

Pure reportlab drawing at fixed positions (layouts in ``forms/``) with an embedded TTF font
(the base-14 PDF fonts have no ğ ş ı İ). Imports neither Qt nor SQLAlchemy: the services
pass in the registered record (``domain.registered.RegisteredRecord``) or a blank paper form
and get PDF bytes back.
"""

from gumruk_desk.printing.documents import DOCUMENTS, BlankForm, PrintJob, render_pdf

__all__ = ["DOCUMENTS", "BlankForm", "PrintJob", "render_pdf"]
