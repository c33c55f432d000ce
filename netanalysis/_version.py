"""The version of netanalysis, in a module of its own so that writers can read it without importing the package."""

__all__ = ["__version__"]

__version__ = "0.1.0"
