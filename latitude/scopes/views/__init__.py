"""The scope pages: my latitude, decision requests, scope administration and the preview."""
