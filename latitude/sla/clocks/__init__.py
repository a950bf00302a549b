"""SLA clocks: `engine` computes them from a ticket's trail, `store` keeps the stored rows."""
