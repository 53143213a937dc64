"""Members' sources (OAI-PMH endpoints or uploaded files), their harvests and schedules."""
