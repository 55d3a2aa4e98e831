"""Model: the validated dataclasses, and the pure domain rules and words about them.

``reading`` builds these objects and ``outputs`` turns them into pages and calendars; what both
must agree on lives here: the dataclasses (``model``), what is booked together (``series``),
dates and times (``when``) and how the model is written in words (``wording``).
"""
