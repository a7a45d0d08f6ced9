"""The steps every conviction goes through, in order: scope, already cleared, dates and age,
what the section meant then, priors, the presumption over unknown facts, the comparison of old
and new levels, the route, and the county program laid over the statute."""
