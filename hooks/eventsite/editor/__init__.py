"""Editor: what authors edit the event files with, beside the one-way flow.

Takes the formats declared in ``reading.schema`` and the site's settings; gives the web editor's
configuration and files at /admin/, JSON Schema files for editors such as VS Code, and ``make edit``
(the site with its web editor, saving into the working tree).
"""
