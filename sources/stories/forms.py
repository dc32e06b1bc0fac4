"""Forms of the Stories page: each action's fields and its reason."""

from django import forms

REASON_HELP = "Kept in the history with your name."


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=500, help_text=REASON_HELP)


class RenameForm(ReasonForm):
    name = forms.CharField(max_length=200)


class MergeForm(ReasonForm):
    other = forms.IntegerField(label="Story to merge into this one")


class SplitForm(ReasonForm):
    name = forms.CharField(max_length=200, label="Name of the new story")
    sources = forms.TypedMultipleChoiceField(coerce=int, choices=())

    def __init__(self, *args, story_sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].choices = [
            (source.pk, source.title) for source in story_sources
        ]


class MoveForm(ReasonForm):
    source = forms.IntegerField()
    #: Empty: take the source out of any story.
    story = forms.IntegerField(required=False)
