from lint.cli.main import run

run()
