"""The headless command line: `python main.py [--db PATH] SUBCOMMAND …`.

Each module registers one group of subcommands on the parser; handlers get (args, db) and print results.
Errors are `UserError`s, printed to stderr in Chinese with exit code 2; nothing is written on error.
"""
