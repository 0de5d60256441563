"""Docs that cannot drift: every CLI command, make target, setting and exit code is in the README."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import click
import pytest

from storyline.cli import COMMAND_MODULES, _register, cli
from storyline.errors import CATALOGUE
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, click.Command]:
    if not cli.commands:
        _register()
    return dict(cli.commands)


def test_every_command_is_in_the_readme_tour() -> None:
    commands = _commands()
    assert len(commands) >= len(COMMAND_MODULES)
    missing = [name for name in commands if f"storyline {name}" not in README]
    assert not missing, f"commands not shown in README: {missing}"


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_help_with_an_example(name: str) -> None:
    command = _commands()[name]
    text = command.get_help(click.Context(command, info_name=name))
    assert command.help and len(command.help.split()) >= 5, name
    assert f"storyline {name}" in text or "Example" in text, f"{name} --help shows no example"


def test_every_data_command_has_json() -> None:
    without_json = {"serve", "export"}  # serve is no data command; export writes JSONL (--jsonl)
    for name, command in _commands().items():
        options = {opt for p in command.params for opt in getattr(p, "opts", [])}
        if name not in without_json:
            assert "--json" in options, f"{name} has no --json"
    assert "--jsonl" in {o for p in _commands()["export"].params for o in p.opts}


def test_every_setting_is_documented() -> None:
    for f in fields(Settings):
        if f.name == "languages":
            continue
        variable = "STORYLINE_" + f.name.upper()
        assert variable in README, f"{variable} is not in the README settings table"


def test_every_exit_code_in_the_catalogue_is_documented() -> None:
    documented = {int(m) for m in re.findall(r"^\| (\d) \|", README, flags=re.MULTILINE)}
    used = {entry.exit_code for entry in CATALOGUE.values()}
    assert used <= documented, f"exit codes used but not documented: {sorted(used - documented)}"


def test_make_targets_named_in_the_readme_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"make ([a-z][a-z-]+)", README))
    assert named <= targets, f"README names make targets that do not exist: {sorted(named - targets)}"
    assert {"demo", "test"} <= named
