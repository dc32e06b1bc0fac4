"""Tags on claims and sources: free-form, normalised, listed on their own page."""
