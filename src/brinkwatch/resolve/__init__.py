"""Across articles: event clusters (one real-world event, many reports) and red-line status."""
