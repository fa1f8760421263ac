"""Run stage: options, configuration, input walking, workers, linter, baselines and exit codes."""
