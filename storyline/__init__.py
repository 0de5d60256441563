"""storyline: many news reports in, one cited story out."""

__version__ = "0.1.0"
