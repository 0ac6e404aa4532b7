"""Lark grammars and the unit definitions file (package data)."""
