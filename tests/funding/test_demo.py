from datetime import date

from funding.demo import phase_bounds


def test_demo_phases_are_the_current_two_year_phase_and_its_neighbours():
    names = [name for name, _start, _end in phase_bounds(date(2026, 11, 24))]
    assert names == ["Förderphase 2024–2025", "Förderphase 2026–2027", "Förderphase 2028–2029"]


def test_demo_phase_in_its_second_year_is_still_current():
    _previous, (name, starts_on, ends_on), _next = phase_bounds(date(2027, 3, 1))
    assert (name, starts_on, ends_on) == ("Förderphase 2026–2027", date(2026, 1, 1), date(2027, 12, 31))
