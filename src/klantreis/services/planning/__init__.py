"""Day planning: booked windows become optimised technician routes."""
