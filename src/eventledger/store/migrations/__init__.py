"""Alembic migrations for the ledger, packaged inside the wheel (``eventledger db upgrade``)."""
