"""Forms read free text typed through a TCVN3, VNI or VIQR input method as Unicode; nothing else."""

from django import forms

from stinet.portal.typedtext import TypedForm


class _Form(TypedForm):
    title = forms.CharField()
    note = forms.CharField(required=False, widget=forms.Textarea)
    email = forms.EmailField(required=False)
    site = forms.URLField(required=False, assume_scheme="https")
    secret = forms.CharField(required=False, widget=forms.PasswordInput)
    kind = forms.ChoiceField(required=False, choices=[("", "-"), ("Ñaïi", "VNI-looking code")])


def test_free_text_is_converted_and_the_rest_left_as_typed():
    form = _Form({"title": "Nghiªn cøu ®a d¹ng sinh häc", "note": "Nghie^n cu+'u khoa ho.c", "email": "an@hpu.vn",
                  "site": "https://hpu.edu.vn/Ñaïi", "secret": "Nghiªn cøu", "kind": "Ñaïi"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"title": "Nghiên cứu đa dạng sinh học", "note": "Nghiên cứu khoa học",
                                 "email": "an@hpu.vn", "site": "https://hpu.edu.vn/Ñaïi", "secret": "Nghiªn cøu",
                                 "kind": "Ñaïi"}


def test_unicode_and_english_stay_as_they_are():
    for text in ("Đề tài «Công nghệ sinh học»", "Côc SHTT", "Don't stop: e.g. a.m.", "José Martí", "Gärtner"):
        form = _Form({"title": text})
        assert form.is_valid() and form.cleaned_data["title"] == text, text
