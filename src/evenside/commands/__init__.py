"""Provides the click commands, one module per area; none imports Textual at module level."""
