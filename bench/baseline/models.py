from django.db import models

STANCES = [("ja", "Ja"), ("delvis", "Delvis"), ("nei", "Nei"), ("vet_ikke", "Vet ikke")]


class Submission(models.Model):
    reference = models.CharField(max_length=20, unique=True)
    organisation_name = models.CharField("organisasjon", max_length=200, blank=True)
    contact_email = models.EmailField("e-post")
    q1_stance = models.CharField(max_length=10, choices=STANCES, blank=True)
    q1_text = models.TextField(blank=True)
    q2_stance = models.CharField(max_length=10, choices=STANCES, blank=True)
    q2_text = models.TextField(blank=True)
    q3_stance = models.CharField(max_length=10, choices=STANCES, blank=True)
    q3_text = models.TextField(blank=True)
    q4_stance = models.CharField(max_length=10, choices=STANCES, blank=True)
    q4_text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.reference
