"""Provides the TUI's adapters to the core: short history reads and the pain journal."""
