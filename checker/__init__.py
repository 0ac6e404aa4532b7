"""factlint: a linter for facts in prose.

Importing this package is cheap on purpose: ``factlint --version`` must not import
lark or pint. The pipeline lives in subpackages, one stage each (see docs/development.md).
"""

__version__ = "0.1.0"
