"""The performance benchmark (``make bench``): figures, not pass/fail."""
