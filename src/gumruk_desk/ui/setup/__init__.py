"""The first-run set-up wizard's pages (one file per step) and the small form helpers the
set-up, login, lock and settings dialogs share."""
