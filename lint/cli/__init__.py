"""Command line: argument parsing and one module per subcommand (nothing imports this package)."""
