"""Form widgets for choices that grow with the desk."""

from __future__ import annotations

from html import escape

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A ``<select>`` that renders thousands of options in milliseconds.

    Django's ``Select`` renders each option through a template, and a model choice
    field builds a model instance per row: with 5,000 sources that is most of a second
    a page. This widget writes the same markup in one pass, every value and label
    escaped (``html.escape``, as Django's ``escape`` does), and for a model choice field
    reads only ``label_field`` of each row (``values_list``). Flat choices only (no
    option groups).
    """

    def __init__(self, attrs=None, choices=(), *, label_field: str | None = None):
        super().__init__(attrs, choices)
        self.label_field = label_field

    def _options(self):
        choices = self.choices
        if isinstance(choices, ModelChoiceIterator) and self.label_field:
            field = choices.field
            if field.empty_label is not None:
                yield "", field.empty_label
            yield from choices.queryset.values_list("pk", self.label_field)
            return
        yield from choices

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        parts = []
        for option, label in self._options():
            option = "" if option is None else str(option)
            selected = " selected" if option in chosen else ""
            parts.append(
                f'<option value="{escape(option)}"{selected}>{escape(str(label))}</option>'
            )
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return mark_safe(f"<select{flatatt(final)}>{''.join(parts)}</select>")
