"""A list's pages fetched ahead in a thread, and a source's lock: what a run sees when it stops early, or finds
the source taken."""

from __future__ import annotations

import threading

import pytest

from stinet.sources.pipeline import read_ahead


def test_a_reader_that_stops_does_not_wait_for_a_server_that_never_answers():
    """QA 23: Ctrl-C on a harvest whose server had stopped answering waited two minutes (the fetching
    thread's request) before the command ended."""
    never = threading.Event()

    def pages():
        yield "page 1"
        never.wait()  # the next request: no answer, ever (set at the end of the test)
        yield "page 2"

    reader = read_ahead(pages())
    assert next(reader) == "page 1"
    closing = threading.Thread(target=reader.close)  # the reader stops (Ctrl-C, a failure while storing)
    closing.start()
    closing.join(timeout=30)
    stopped = not closing.is_alive()
    never.set()
    assert stopped


def test_a_failure_to_fetch_comes_after_the_pages_before_it():
    def pages():
        yield "page 1"
        raise ConnectionError("HTTP 503")

    reader = read_ahead(pages())
    assert next(reader) == "page 1"
    with pytest.raises(ConnectionError, match="HTTP 503"):
        next(reader)


@pytest.mark.django_db
def test_a_source_being_harvested_names_the_process_as_people_read_it(org):
    """QA 23: the refusal named the lock's inner name ("đang được vm:4693:7105886:d1c0fee0be thu thập"), or
    "another run" when the source had been read before the other run took it."""
    import os
    import socket

    from stinet.catalog.processes import worker_id
    from stinet.sources.locks import claim
    from stinet.sources.services import SourceBusy, add_source, run_source

    source = add_source("HPU", "http://127.0.0.1:9/oai", allow_private=True)
    assert claim(source.pk, worker_id())  # this process harvests it
    with pytest.raises(SourceBusy, match=rf"by another run \(process {os.getpid()} on {socket.gethostname()[:50]}\)"):
        run_source(source, worker="another-process")
