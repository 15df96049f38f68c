from django.urls import path

from . import views

urlpatterns = [
    path("svar/", views.respond),
    path("svar/kvittering/<str:reference>/", views.receipt),
]
