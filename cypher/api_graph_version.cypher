// A cheap fingerprint of the stored graph: its documents with their content hash and extractor version.
// Every build that changes a fact changes one of these, so derived decision data stays valid while it
// is the same.
MATCH (d:Document)
RETURN collect(d.id + ':' + coalesce(d.sha256, '') + ':' + coalesce(d.extractor, '')) AS docs
