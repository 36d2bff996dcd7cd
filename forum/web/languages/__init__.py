"""The interface language menu."""
