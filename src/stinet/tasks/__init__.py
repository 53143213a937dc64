"""S&T tasks through their five-step life cycle, from proposal to published result."""
