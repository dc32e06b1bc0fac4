"""Who does what: a claim's assignee, priority and due date, and each person's desk."""
