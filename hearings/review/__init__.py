"""The staff review workspace ("Innspillsanalyse") in the Wagtail admin.

``selectors`` computes every figure, ``services`` makes every change (and logs it), ``views``
and ``urls`` are the admin screens, ``exports`` and ``report`` produce the files.
"""
