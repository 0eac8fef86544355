"""The sparql layer."""
