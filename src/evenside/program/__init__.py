"""Provides programs: routines on days over weeks, adherence, and dose steps guided by pain."""
