"""Fact extractors over an analysed report: mentions (述法 and the other required terms) and metrics, read from normalised text
(the text lexers they build on — dates, markers — are in :mod:`lawgov_lint.lexers`)."""
