"""Form widgets and fields the apps share."""

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


class SourceWordsField(forms.CharField):
    """A source named in words (its title or publisher), typed rather than picked from
    a menu: a desk has thousands of sources, and a menu of all of them costs seconds."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Source")
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"type": "search", "placeholder": "title or publisher"}
            ),
        )
        super().__init__(**kwargs)
