"""Placeholder: filled in by its issue."""
class Plan:  # pragma: no cover
    pass
