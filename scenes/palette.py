"""Colours of the story: Okabe-Ito hues, safe under deuteranopia and protanopia.

The article's green/red meaning is kept (bluish green = positive, vermillion = negative), and
shape repeats it: positive points are circles, negative points are squares.
"""

BACKGROUND = "#14171C"
TEXT = "#ECEFF4"
MUTED = "#9AA3AD"
NEUTRAL = "#C9D1D9"
POSITIVE = "#009E73"  # Okabe-Ito bluish green
NEGATIVE = "#D55E00"  # Okabe-Ito vermillion
CURVE = "#56B4E9"  # Okabe-Ito sky blue: the model's sigmoid
LOSS = "#CC79A7"  # Okabe-Ito reddish purple: loss bars and the -ln curve
MEAN = "#F0E442"  # Okabe-Ito yellow: the average


def class_colour(label: int) -> str:
    """POSITIVE for y = 1, NEGATIVE for y = 0."""
    return POSITIVE if label == 1 else NEGATIVE
