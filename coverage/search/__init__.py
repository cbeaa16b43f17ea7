"""Search: one backend per database (sqlite.py: FTS5 trigram indexes; postgresql.py: stored
vectors and GIN indexes)."""
