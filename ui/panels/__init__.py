"""Docked panels beside the board: bench, summary strip, warnings, changes, timeline, hiring plan."""
