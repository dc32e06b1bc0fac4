"""The desk's JSON API: W3C Web Annotations for highlights, and claims. See the README."""
