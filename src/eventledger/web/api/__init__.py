"""The JSON API under ``/api/`` (OpenAPI at ``/docs``)."""
