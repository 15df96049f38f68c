"""The baseline for ``python -m bench submissions``: bare Django on the same machine.

A minimal Django project (no Wagtail, no sessions, no auth): one ModelForm with the fields a
respondent fills in (organisation, e-mail, four stances, four texts), CSRF on, one INSERT into
PostgreSQL, a redirect to a receipt page that reads the row back. gunicorn serves it with the same
command line as the real intake, against its own database on the same PostgreSQL server, so the
two can be compared in the same run: the ratio of their CPU per full submission is what the
intake's own work costs.
"""
