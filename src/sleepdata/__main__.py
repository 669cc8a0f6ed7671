"""`python -m sleepdata`: the same as the `sleepdata` command."""

import sys

from .cli import main

sys.exit(main())
