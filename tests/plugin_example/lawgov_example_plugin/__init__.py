"""Example lawgov-lint plugin (see tests/test_plugins.py)."""
