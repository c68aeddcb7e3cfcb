"""The register: the local SQLite store of records and events (SPEC §7).

Records are appended, never updated or deleted; every change of state is a new event; events
form a hash chain that covers every record row, so that ``verify`` can name the first broken
link. Only this package (and the reference central service) imports SQLAlchemy.
"""
