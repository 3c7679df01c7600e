"""How the e5 engine's OpenMP threads are told to wait (model-free)."""

from __future__ import annotations

from assistant.embeddings import OPENMP_SPIN_COUNT, openmp_wait_settings


def test_a_short_spin_is_set_when_the_user_chose_no_wait_policy() -> None:
    environ: dict[str, str] = {"PATH": "/usr/bin"}
    openmp_wait_settings(environ)
    assert environ == {"PATH": "/usr/bin", "GOMP_SPINCOUNT": OPENMP_SPIN_COUNT}
    assert "OMP_WAIT_POLICY" not in environ


def test_the_users_own_wait_policy_or_spin_count_is_kept() -> None:
    for chosen in ({"OMP_WAIT_POLICY": "PASSIVE"}, {"OMP_WAIT_POLICY": "ACTIVE"}, {"GOMP_SPINCOUNT": "infinite"}):
        environ = dict(chosen)
        openmp_wait_settings(environ)
        assert environ == chosen
