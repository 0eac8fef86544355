"""``python -m graph`` runs the regkg command line."""

from graph.cli import main

main()
