"""The build's phases hand each other frozen values (portal_content.run), and nothing of a run is kept in
Pelican's settings or context: a plugin reads what a phase made, never a dict another plugin fills."""

import dataclasses

import pytest
from samples import document, news


def _watching(seen: dict):
    """Receivers that look at Pelican's settings and context, and at the run, as the build finishes."""
    from pelican import signals
    from portal_content import current_run

    def looked(pelican):
        seen["settings"] = dict(pelican.settings)
        seen["run"] = current_run()

    def model_made(generators):
        seen["context"] = dict(generators[0].context)

    signals.finalized.connect(looked)
    signals.all_generators_finalized.connect(model_made)
    return lambda: (signals.finalized.disconnect(looked), signals.all_generators_finalized.disconnect(model_made))


def _ours(value) -> bool:
    """Whether a value is, or directly holds, something of a run."""
    from portal_content import run

    kinds = (run.Run, run.Reading, run.Setup, run.Records, run.Written)
    if isinstance(value, kinds):
        return True
    if isinstance(value, dict):
        return any(isinstance(v, kinds) for v in value.values())
    if isinstance(value, list | tuple | set):
        return any(isinstance(v, kinds) for v in value)
    return False


@pytest.fixture
def watched(site):
    site.write("van-ban/a.md", document("15/CT-TTg"))
    site.write("tin-tuc/b.md", news(title="Tin một") + "\nTheo Chỉ thị 15/CT-TTg.\n")
    seen: dict = {}
    stop = _watching(seen)
    try:
        result = site.build()
    finally:
        stop()
    assert result.ok, result.problems
    return seen, result


def test_nothing_of_the_run_is_in_pelicans_settings_or_context(watched):
    from portal_content import run_if_any

    seen, _ = watched
    assert seen["settings"] and seen["context"]
    assert not [key for key, value in seen["settings"].items() if _ours(value)]
    assert not [key for key, value in seen["context"].items() if _ours(value)]
    assert not [key for key in seen["settings"] if "STATE" in key]
    assert run_if_any() is None  # the run ended with its build: the next one cannot see it


def test_each_phase_hands_on_a_frozen_value_set_once(watched):
    from portal_content import PhaseError

    seen, result = watched
    run = seen["run"]
    records = run.records
    assert run.reading is None  # closed: nothing can add a record or a problem after the read phase
    assert {item.source_path for item in records.items} == {"van-ban/a.md", "tin-tuc/b.md"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        records.items = ()
    with pytest.raises(TypeError):
        records.record_digests["van-ban/a.md"] = b""
    assert isinstance(run.problems, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.site.entries = {}
    with pytest.raises(PhaseError):
        run.made(run.site, ())
    with pytest.raises(PhaseError):
        run.close_reading(records)
    assert run.written.pages_rendered == result.pages_rendered > 0
    with pytest.raises(PhaseError):
        run.wrote(run.written)


def test_a_phase_asked_for_before_it_ran_says_so(site):
    from portal_content import PhaseError, current_run, running
    from portal_content.pelican_reader import kept_readable
    from portal_content.run import begin

    site.write("tin-tuc/b.md", news(title="Tin một"))
    with running():
        with pytest.raises(PhaseError, match="no build is running"):
            current_run()
        run = begin({"PATH": str(site.content)}, kept_readable)
        assert current_run() is run
        with pytest.raises(PhaseError, match="site"):
            _ = run.site
        with pytest.raises(PhaseError, match="records"):
            _ = run.records
    with pytest.raises(PhaseError):
        current_run()
