"""Geography: Dutch postcodes, their centroids and school-holiday regions."""
