"""Running: options, configuration, per-path settings, input walking, workers, linter, exit codes."""
