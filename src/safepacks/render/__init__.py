"""Renderers: a Document to the bytes of one file format, one module each."""

from .libraries import install

install()
