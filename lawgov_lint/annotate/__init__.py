"""Annotators: findings written back into a copy of the input (Word comments)."""
