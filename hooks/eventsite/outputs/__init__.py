"""Outputs: the model -> what the site publishes.

Takes the validated model and settings; gives template context for pages and brochures, .ics
calendars and feeds, the Atom feed, structured data and the brochure PDF, plus what the adapter
needs to render them (navigation, palette, Content-Security-Policy, template helpers, rebuild keys).
"""
