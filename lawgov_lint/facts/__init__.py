"""Fact extractors: dates, mentions and (later) metrics, read from normalised text."""
