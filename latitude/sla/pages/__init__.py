"""The SLA pages of the desk: calendars and policies, the breaching-soon queue, reports and the
ticket page's clock panel. Reads go through `latitude.sla` selectors, writes through its actions."""
