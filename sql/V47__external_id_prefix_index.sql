-- Finding a polygon by the start of its external id, in any case, across State Parties:
-- lower(external_id) LIKE 'prefix%' is answered by these indexes (text_pattern_ops compares
-- characters, so a prefix is a range whatever the database's collation).
CREATE INDEX hazard_external_id_lower ON hazard (lower(external_id) text_pattern_ops);
CREATE INDEX land_release_external_id_lower ON land_release (lower(external_id) text_pattern_ops);
