"""The Qt user interface: it presents and edits; every rule lives in models/."""
