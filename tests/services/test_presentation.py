from kiosk.services.presentation import STANDARD


def test_elder_mode_doubles_timeouts_and_turns_the_voice_on() -> None:
    elder = STANDARD.with_mode("elder")
    assert elder.elder and elder.voice
    assert elder.timeout_factor == 2
    assert STANDARD.timeout_factor == 1


def test_each_request_for_more_time_doubles_again() -> None:
    from dataclasses import replace
    assert replace(STANDARD.with_mode("elder"), extensions=1).timeout_factor == 4
    assert replace(STANDARD, extensions=1).timeout_factor == 2


def test_back_to_standard_keeps_the_voice_the_resident_chose() -> None:
    assert STANDARD.with_mode("elder").with_mode("standard").voice
    assert not STANDARD.with_mode("standard").voice
