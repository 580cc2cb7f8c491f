"""Excel export: the planning workbook (``export.export_workbook``), one module per sheet."""
