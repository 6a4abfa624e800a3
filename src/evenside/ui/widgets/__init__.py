"""Provides the small widgets the evenside screens are built from, one module each."""
