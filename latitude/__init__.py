"""Latitude: an IT service desk built around defined decision scopes."""
