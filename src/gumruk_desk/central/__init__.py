"""The reference central intake service: FastAPI over SQLAlchemy, PostgreSQL in
production and SQLite for a quick local run. Desks upload their chain (events in order, each
registration with its record row) idempotently; the service checks every desk's chain, keeps
exactly one copy of every record, and serves reference data and verification.

Imports FastAPI lazily from ``app``: the desk application itself never needs it.
"""
