"""Trading with other tools: Hypothesis annotations in and out, other fact-checkers'
ClaimReview markup in."""
