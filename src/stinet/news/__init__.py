"""News and events of the network: announcements, training courses, workshops."""
