"""Outgoing webhooks: desk events posted, signed, to a newsroom's chat or any receiver."""
