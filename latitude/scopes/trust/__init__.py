"""Trust metrics (how the decisions of a person or team hold) and the scope review built on
them (suggestions to widen or narrow a grant, which a manager accepts or dismisses)."""
