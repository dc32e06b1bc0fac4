"""Form widgets the apps share."""

from django import forms

#: Characters of an option's text a menu shows; the whole text is its tooltip.
OPTION_CHARS = 80


class ShortOptionsSelect(forms.Select):
    """A ``<select>`` whose long option texts are cut, the whole text in ``title``.

    A menu is as wide as its longest option, and CSS cannot wrap an option: one
    500-character title without spaces would widen the page by thousands of pixels.
    """

    def create_option(self, name, value, label, *args, **kwargs):
        option = super().create_option(name, value, label, *args, **kwargs)
        text = str(option["label"])
        if len(text) > OPTION_CHARS:
            option["label"] = text[: OPTION_CHARS - 1] + "…"
            option["attrs"]["title"] = text
        return option
