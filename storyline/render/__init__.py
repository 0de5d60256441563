"""Rendering (layer 6): digests, article lists, search hits and reports as plain text, terminal or JSON.

``text`` gives plain lines (pipes, logs, tests); ``terminal`` the same content with rich for a
tty; JSON is each record's ``to_dict()`` (see ``storyline.cli.output.emit_json``).
"""
