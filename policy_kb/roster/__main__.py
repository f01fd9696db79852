"""`python -m policy_kb.roster ...`: the same command as `python -m policy_kb roster` (docs/roster.md shows both)."""
import argparse
import sys

from .command import add_arguments, run_roster

parser = argparse.ArgumentParser(prog="python -m policy_kb.roster", description="企业/机构花名册批量预审")
add_arguments(parser)
sys.exit(run_roster(parser.parse_args()))
