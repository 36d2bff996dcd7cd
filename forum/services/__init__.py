"""Use cases: one transaction each, side effects after the commit."""
