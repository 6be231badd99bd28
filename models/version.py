"""The application's name and version, in one place."""

APP_NAME = "政务公开工作台"
APP_NAME_EN = "DisclosureDesk"
__version__ = "0.1.0"
