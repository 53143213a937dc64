"""The organisations directory: organisations, enterprises, information services, joining."""
