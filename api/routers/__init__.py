"""One router per area; each is a thin layer over `assistant` library functions."""
