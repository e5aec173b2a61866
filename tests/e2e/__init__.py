"""End to end: the command line, the real model on real speech, crashes, no network."""
