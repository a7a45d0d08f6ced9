"""Clinic mode: one volunteer, one browser, several clients in a row.

``views`` (the blueprint), ``forms`` (the organisation block, a client's details, the
one-screen conviction rows), ``state`` (what lives in the session cookie) and ``csv`` (a
client's convictions from a CSV file).
"""

from .views import bp

__all__ = ["bp"]
