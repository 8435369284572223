"""三会一课 records: meeting minutes, observer evaluations and a compliance calendar."""
