"""LongSelect renders the same options as Django's Select, every label escaped."""

from django import forms

from editorial.widgets import LongSelect


class Choice(forms.Form):
    fast = forms.ChoiceField(
        label="Source",
        required=False,
        choices=[("", "Any source"), ("1", "Tom & <Jerry>"), ("2", 'Say "hi"')],
        widget=LongSelect,
    )
    slow = forms.ChoiceField(
        required=False,
        choices=[("", "Any source"), ("1", "Tom & <Jerry>"), ("2", 'Say "hi"')],
    )


def test_long_select_renders_what_select_renders_with_every_label_escaped():
    form = Choice({"fast": "1", "slow": "1"})
    assert form.is_valid()
    fast = str(form["fast"])
    assert fast == (
        '<select id="id_fast" name="fast">'
        '<option value="">Any source</option>'
        '<option value="1" selected>Tom &amp; &lt;Jerry&gt;</option>'
        '<option value="2">Say &quot;hi&quot;</option>'
        "</select>"
    )
    slow = str(form["slow"])
    for option in ('<option value="1" selected>Tom &amp; &lt;Jerry&gt;</option>',):
        assert option in slow


def test_long_select_marks_only_the_chosen_option_among_thousands():
    choices = [(str(i), f"Desk report {i}") for i in range(5000)]
    html = LongSelect(choices=choices).render("source", "4999")
    assert html.count("<option") == 5000
    assert '<option value="4999" selected>' in html
    assert html.count(" selected") == 1


def test_long_select_of_a_model_field_lists_every_row_by_its_label_field(
    source_factory,
):
    from sources.models import Source

    first = source_factory("Tom & <Jerry>\nText.")
    second = source_factory("Second\nText.")

    class SourceChoice(forms.Form):
        source = forms.ModelChoiceField(
            queryset=Source.objects.order_by("title"),
            required=False,
            empty_label="Any source",
            widget=LongSelect(label_field="title"),
        )

    html = str(SourceChoice({"source": str(second.pk)})["source"])
    assert html == (
        '<select id="id_source" name="source">'
        '<option value="">Any source</option>'
        f'<option value="{second.pk}" selected>Second</option>'
        f'<option value="{first.pk}">Tom &amp; &lt;Jerry&gt;</option>'
        "</select>"
    )
