"""One pure computation done in a forked child while this process does another.

A run over many sources has two large pieces of work that do not depend on each
other: searching every target's sentences for restated claims, and reading every
source of the targets' stories. On a server with two cores, ``Forked`` runs the
first in a child process (``os.fork``: the child starts with the claim index
already built, nothing is copied or pickled on the way in) while the parent reads;
the child's answer comes back pickled through a pipe.

The child touches no database, file or lock it inherited: it computes, writes its
answer and leaves with ``os._exit`` (no cleanup of what is the parent's). Anything
that goes wrong in it (an exception, a crash, an answer that does not unpickle)
gives None, and the caller does the work itself: the child can only save time.

Pure: no Django.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal


def can_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


class Forked:
    """``compute()`` run in a forked child; ``result()`` waits for its answer."""

    def __init__(self, compute):
        self._pid = None
        read, write = os.pipe()
        # Objects that exist now are left out of this process's garbage collections
        # until the child is done: a collection touches every object it scans, which
        # would copy the pages parent and child still share.
        gc.freeze()
        try:
            pid = os.fork()
        except OSError:
            gc.unfreeze()
            os.close(read)
            os.close(write)
            raise
        if pid == 0:  # the child: never returns into the caller's code
            status = 1
            try:
                gc.disable()  # no finalizer of an object of the parent's runs here
                os.close(read)
                answer = pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(answer)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self):
        """The child's answer, or None when it failed."""
        if self._pid is None:
            return None
        try:
            with os.fdopen(self._read, "rb") as pipe:
                answer = pipe.read()
        finally:
            _, status = os.waitpid(self._pid, 0)
            self._pid = None
            gc.unfreeze()
        if status != 0 or not answer:
            return None
        try:
            return pickle.loads(answer)
        except Exception:  # noqa: BLE001 - a bad answer is no answer
            return None

    def abandon(self) -> None:
        """Stop the child when its answer is no longer wanted."""
        if self._pid is None:
            return
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(self._read)
        os.waitpid(self._pid, 0)
        self._pid = None
        gc.unfreeze()
