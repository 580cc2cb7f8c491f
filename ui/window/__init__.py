"""The main window: its menus and actions, editing, files and autosave."""
