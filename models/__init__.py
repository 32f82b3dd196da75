"""Trained artefacts shipped with textmine (installed as ``textmine.models``); each has a card."""
