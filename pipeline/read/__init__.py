"""Floor 1: readers (txt, pdf, docx, doc, legacy encodings, flattened tables) → raw text."""
