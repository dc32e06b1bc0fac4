"""editorial: the project package and the app for highlights, claims, evidence and disputes."""
