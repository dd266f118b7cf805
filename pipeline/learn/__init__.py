"""Floor 4: the segment classifier (features, model, training, scoring against gold)."""
