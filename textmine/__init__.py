"""textmine: themes, sentiment and score drivers from multilingual customer feedback."""

__version__ = "0.1.0"
