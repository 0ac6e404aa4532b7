"""factlint: a linter for facts in prose.

Importing this package is cheap on purpose: ``factlint --version`` must not import
lark or pint. The pipeline lives in submodules, one stage each (see README).
"""

__version__ = "0.1.0"
