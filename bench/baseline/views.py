import secrets

from django import forms
from django.shortcuts import get_object_or_404, redirect, render

from .models import Submission


class SubmissionForm(forms.ModelForm):
    class Meta:
        model = Submission
        fields = [
            "organisation_name",
            "contact_email",
            *(f"q{n}_{part}" for n in range(1, 5) for part in ("stance", "text")),
        ]


def respond(request):
    form = SubmissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submission = form.save(commit=False)
        submission.reference = secrets.token_hex(6).upper()
        submission.save()
        return redirect(f"/svar/kvittering/{submission.reference}/")
    return render(request, "baseline/form.html", {"form": form}, status=400 if form.errors else 200)


def receipt(request, reference):
    submission = get_object_or_404(Submission, reference=reference)
    return render(request, "baseline/receipt.html", {"submission": submission})
