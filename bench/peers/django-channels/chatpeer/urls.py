"""Plain HTTP has no pages: every path is Django's 404."""

urlpatterns = []
