"""Answers compared across systems: the same top-k within tie order (the ids scoring above the k-th score are
the same set, and the scores, rounded to 6 significant digits, are the same list), and the same counts."""


def _norm(rows):
    return [(str(r[0]), float(f"{float(r[1]):.6g}")) for r in rows]


def same(a, b):
    a, b = _norm(a), _norm(b)
    if len(a) != len(b):
        return False
    if sorted(s for _, s in a) != sorted(s for _, s in b):
        return False
    if not a:
        return True
    last = min(s for _, s in a)
    return {i for i, s in a if s > last} == {i for i, s in b if s > last}


def compare(reference, other):
    """(matching, compared, first differing parameter) over the parameters both answered."""
    common = [p for p in other if p in reference
              and not isinstance(other[p], dict) and not isinstance(reference[p], dict)]  # errors: counted apart
    bad = [p for p in common if not same(reference[p], other[p])]
    return len(common) - len(bad), len(common), (bad[0] if bad else None)
