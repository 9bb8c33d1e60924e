"""Allow `python -m maslihat`, the same as the `maslihat` command."""

from maslihat.cli.main import main

main()
