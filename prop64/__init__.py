"""The `prop64` command line: one console script with a subcommand per part of the project."""
