"""Provides the routine model, its YAML loader and its JSON Schema."""
