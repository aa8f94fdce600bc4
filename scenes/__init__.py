"""Manim scenes of the binary cross-entropy story; shared mobjects live beside the chapters."""
