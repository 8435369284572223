"""Front-end views of the commitments plugin, one module per part of the process."""
