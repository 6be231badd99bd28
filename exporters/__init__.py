"""Renderers: domain dataclasses in, docx/xlsx/pdf files out. No Qt, no database session."""
