"""Provides the report for a physiotherapist: the numbers of a period, drawn as one private HTML file."""
