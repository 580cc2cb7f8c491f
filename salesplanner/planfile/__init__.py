"""Plan files: ``read`` (validated load), ``write`` (atomic save), ``format`` (the names, once)."""
