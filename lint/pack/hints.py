""" "Did you mean …" for a mistyped name: a rule id, an option, a command, a configuration key."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest known name, or nothing when none is close enough."""
    import difflib  # only for a message about a mistyped name

    candidates = list(known)
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if not close:  # case slips ("Agency-Credit") are not similar enough for difflib's ratio alone
        lowered = {candidate.lower(): candidate for candidate in candidates}
        close = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in close]
    return f" (did you mean '{close[0]}'?)" if close else ""


def unknown_rule(rule_id: str, known: Iterable[str]) -> str:
    """The message for a rule id that is not loaded."""
    return f"unknown rule id '{rule_id}'{did_you_mean(rule_id, known)} (see 'editorial-lint rules')"
