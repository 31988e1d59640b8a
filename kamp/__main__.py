import sys

from kamp.cli import main

sys.exit(main())
