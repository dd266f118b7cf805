"""Floor 5: output (tables, stores, citations, report, schema)."""
