"""What every editorial record shares: a stable uid, by which fixtures find it."""

import uuid

from django.db import models


class UidManager(models.Manager):
    """Objects found by their stable uid, so fixtures load into databases with other keys."""

    def get_by_natural_key(self, uid):
        return self.get(uid=uid)


class UidModel(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = UidManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (str(self.uid),)
