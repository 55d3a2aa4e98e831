"""Event and programme pages from YAML files: plain Python, no MkDocs import.

Data flows one way: ``load`` (YAML text -> nodes with lines) -> ``validate``
(nodes -> model dataclasses, every problem at once) -> ``pages`` and
``calendar`` (model -> template context and .ics bytes). ``hooks/site.py`` is
the only module that knows about MkDocs.
"""
