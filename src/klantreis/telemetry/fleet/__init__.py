"""The fleet failure model: training, scoring and its file format (scikit-learn)."""
