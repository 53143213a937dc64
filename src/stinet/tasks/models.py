"""Models of the tasks app."""
