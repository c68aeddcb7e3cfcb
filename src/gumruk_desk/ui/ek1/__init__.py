"""The Nakit Beyan Formu (EK-1) wizard: ``wizard.py`` and one module per page."""
