#!/usr/bin/env python3
"""Train the segment classifier on data/annotated/, cross-validate it by source (whole sites or repositories),
and save models/segment_classifier.skops with models/MODEL_CARD.md.

    python3 scripts/train_classifier.py [--cv-only] [--folds 5] [--cache /tmp/docs.json]

Rerunnable: the same annotated data give the same model (liblinear, no randomness).
"""
import sys

from pipeline.learn.train import main

if __name__ == "__main__":
    sys.exit(main())
