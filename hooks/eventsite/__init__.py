"""Event and programme pages from YAML files: plain Python, no MkDocs import.

The sub-packages are the stages, and data flows one way through them:

- ``reading``: files -> checked data. ``reading.load`` (YAML text -> nodes with lines) ->
  ``reading.validate`` (nodes -> model dataclasses, every problem at once), with the settings,
  images, drafts and the git history of what was published before.
- ``model``: the validated dataclasses and the pure rules and words about them.
- ``outputs``: model -> pages, calendars and feeds (``outputs.pages``: template context;
  ``outputs.calendar``: .ics bytes; the brochure, its PDF, the Atom feed, structured data).

Beside them: ``editor`` (the web editor's configuration and files, JSON Schema for editors, and
``make edit``), and at this level the command line (``cli``) and its authoring tools (``starter``,
``error_guide``). ``hooks/site.py`` is the only module that knows about MkDocs.
"""
