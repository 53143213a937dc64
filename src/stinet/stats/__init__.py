"""Statistics of the network (catalogue, tasks, experts, harvests), charts and report exports."""
