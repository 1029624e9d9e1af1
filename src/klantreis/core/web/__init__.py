"""What every page shares: the security guard, page texts in Dutch and English, the base template
and static files.
"""
