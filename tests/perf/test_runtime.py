"""The WSGI start-up hides its long-lived objects from the garbage collector."""

import gc


def test_the_wsgi_entry_point_freezes_the_loaded_app():
    import summit.wsgi  # noqa: F401  (importing it starts the app, as gunicorn does)

    # Tens of thousands of objects (Django, the app, the URLconf) that a full collection
    # would otherwise walk on every run; a handful would mean the freeze came too early.
    assert gc.get_freeze_count() > 20_000
    gc.unfreeze()
