"""`python -m calckg …` runs the same command-line face as `calckg …`."""

from calckg.cli import main

main(prog_name="calckg")
