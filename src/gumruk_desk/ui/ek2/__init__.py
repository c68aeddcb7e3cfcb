"""The Nakit Açıklama Tutanağı (EK-2) wizard: ``wizard.py`` and one module per page."""
