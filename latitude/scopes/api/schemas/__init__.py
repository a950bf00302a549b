"""Request and response shapes of the scopes API."""
