"""Feedback after a visit: surveys (NPS, effort, free text) and detractors to call back."""
