"""Escalation analytics over the store: summaries, dyads, ladders."""
