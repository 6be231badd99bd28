"""Pure domain rules: no database, no Qt, no clock. Callers pass `today` and the calendar in."""
