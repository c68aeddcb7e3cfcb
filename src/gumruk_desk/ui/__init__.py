"""The desktop user interface (PySide6): the only package of the application that imports Qt."""
