"""Run stage: options, configuration and per-path settings, input walking, workers, progress, the linter, baselines, exit codes."""
