"""Day planning: booked windows become optimised technician routes; tracking of the technician's
day.
"""
