"""What both apps stand on: history stamping and reasons, roles and permission guards,
edit conflicts, the admin base and text diffs. It has no models and imports neither app."""
