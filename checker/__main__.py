"""``python -m factlint``."""

import sys

from factlint.run.cli import main

sys.exit(main())
