"""Run stage: options, configuration, inputs, workers, exit codes."""
