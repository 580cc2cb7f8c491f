"""Roster import: ``files`` reads CSV/XLSX safely, ``cells`` reads values, ``build`` makes the plan."""
