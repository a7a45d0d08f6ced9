"""The bulk pipeline for DA offices: a criminal-history file in, every conviction decided.

``prop64 bulk`` (:mod:`bulk.cli`, :mod:`bulk.pipeline`) reads the CA DOJ research file or the
generic CSV (docs/generic-csv.md) as a :class:`~bulk.formats.Format` describes it, in chunks
(:mod:`bulk.read`), groups rows by person (:mod:`bulk.group`), builds each person's case file
(:mod:`bulk.cases`) and lets ``rules.evaluate`` decide under every policy compared
(:mod:`bulk.decide`, :mod:`bulk.programs`); it writes the annotated file, the condensed file,
errors, summary and manifest (:mod:`bulk.write`, :mod:`bulk.summary`) atomically, and
optionally the papers and the lookup store (:mod:`bulk.publish`). ``prop64 synth``
(:mod:`bulk.synth`) writes synthetic files shaped like the real ones. docs/bulk.md explains it.
"""
