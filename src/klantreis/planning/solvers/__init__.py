"""Route solvers: PyVRP for the day plans, and the Solomon benchmark instances with an OR-Tools
baseline.
"""
