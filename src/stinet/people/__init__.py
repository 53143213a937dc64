"""Experts and scientists: profiles, their works and tasks, and the expert finder."""
