"""The windows, with pytest-qt offscreen."""
