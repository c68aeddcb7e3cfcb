"""Gümrük Masası — cash declaration and cash explanation desk (Genelge 2013/1)."""

__version__ = "0.1.0"
