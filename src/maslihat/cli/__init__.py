"""The command line: `maslihat evaluate`, `timeline` and `batch`."""
