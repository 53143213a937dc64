"""The national feed: organisations, personnel and tasks for the National S&T Database."""
