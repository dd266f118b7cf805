"""Floor 2: text stages (normalise, unwrap, segment)."""
