"""The core floor: transactions and the outbox, the permission table, errors, ids."""
