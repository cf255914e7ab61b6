"""Declarative rule packs (TOML data, no code).

Installed as package data ``lawgov_lint/rules/``; read through
:mod:`lawgov_lint.packs`. Edit or add a ``.toml`` file here to adapt the checks.
"""
