"""`python -m safepacks`: the same as the `safepacks` command."""

from .cli import main

main(prog_name="safepacks")
