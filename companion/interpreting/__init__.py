"""What the interpreter confirms: highlighted numbers, dates, names and places, and calendars."""
