"""KAMP: key-account analytics — store, importer and the analyses of the key-account method."""

__version__ = "0.1.0"
