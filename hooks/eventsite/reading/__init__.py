"""Reading: turns the site's files into checked data.

Takes authors' YAML files, mkdocs.yml's settings, images, docs/ pages and the git history of the
events folder; gives the validated model (``validate.load_catalogue``), settings and what earlier
builds published, or every problem found, each with its file and line (``problems``).
"""
