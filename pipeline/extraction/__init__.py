"""Floor 3: extraction stages (header, references, times, claims, agencies, annex, tasks)."""
