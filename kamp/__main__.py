import sys

try:
    from kamp.cli import main
except KeyboardInterrupt:  # Ctrl-C while the libraries load: nothing was done yet
    print("interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
