"""A helper for tests of two writes at the same moment (PostgreSQL, real row locks)."""

import threading
import time

from django.db import connection, transaction


def race_with_locked_write(model, pk, change, second_write):
    """Run `second_write()` while another transaction holds `model` row `pk`
    locked; that transaction then applies `change(record)` and commits.
    Returns what `second_write` returned, once both are done."""
    first_holds_lock = threading.Event()
    release_first = threading.Event()
    second = {}

    def first():
        try:
            with transaction.atomic():
                record = model.objects.select_for_update().get(pk=pk)
                first_holds_lock.set()
                release_first.wait(10)
                change(record)
                record.save()
        finally:
            connection.close()

    def run_second():
        try:
            second["result"] = second_write()
        finally:
            connection.close()

    first_thread = threading.Thread(target=first)
    first_thread.start()
    assert first_holds_lock.wait(10)
    second_thread = threading.Thread(target=run_second)
    second_thread.start()
    time.sleep(0.5)  # the second write is now waiting for the row
    release_first.set()
    first_thread.join(10)
    second_thread.join(10)
    return second["result"]
