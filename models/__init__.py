"""The domain layer of 政务公开工作台: ORM entities, services and Qt-free rules.

Nothing in this package imports Qt; the GUI is one client of it, the CLI another.
"""
