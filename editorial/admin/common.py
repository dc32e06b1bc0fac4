"""What the desk's admins share: saving through a service and naming admin deletions."""

DELETED_IN_THE_ADMIN = "Deleted in the admin"


def take_saved(obj, saved) -> None:
    """Give the admin's object the row a service saved, for the admin's log and redirect."""
    for field in type(saved)._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db
    obj._state.fields_cache = {}
