"""Background work seen from the desk: the export jobs an editor asks for and waits on,
the checks still running on a source, and, for staff, the Jobs page where a failed task
shows its error and can be tried again. The tasks themselves live with their features
(``<feature>/tasks.py``); ``retry.py`` is how they are retried."""
