"""One repository per aggregate; all queries live here."""
