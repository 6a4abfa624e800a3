"""Provides the history screen's panes: the pane interface, each pane and the widgets it shows."""
