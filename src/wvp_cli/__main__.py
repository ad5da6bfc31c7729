from wvp_cli.cli import run

run()
