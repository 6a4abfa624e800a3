"""Provides the report for a physiotherapist: a period's numbers, as one private HTML file."""
