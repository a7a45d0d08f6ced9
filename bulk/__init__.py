"""The bulk pipeline for DA offices: a criminal-history file in, every conviction decided.

``prop64 bulk`` (:mod:`bulk.cli`) reads the CA DOJ research file or the generic CSV
(docs/generic-csv.md) in a streaming pass (:mod:`bulk.read`), builds each person's case file
(:mod:`bulk.cases`), lets ``rules.evaluate`` decide, and writes the annotated file, the
condensed file, errors, summary and manifest (:mod:`bulk.pipeline`, :mod:`bulk.write`,
:mod:`bulk.summary`), optionally the papers and the lookup store. ``prop64 synth``
(:mod:`bulk.synth`) writes synthetic files of the same shapes.
"""
