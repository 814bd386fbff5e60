-- Reference data (src/main/resources/reference/extensions.csv, from ../shared/reference): Chad's
-- second interim extension, to 1 October 2026, granted at the 12th Meeting of States Parties to
-- survey Tibesti province (Mine Action Review country page, 2025 edition). The day of submission
-- is not known: the file gives the first of the month. Added once, as a request with its first
-- revision, unless a coordinator has already recorded a 12MSP request of Chad.
WITH added AS (
    INSERT INTO extension_request (iso3, status, granted_until, decided_at_meeting, confidence, source)
    SELECT 'TCD', 'granted', DATE '2026-10-01', '12MSP',
           'confirmed (second interim extension: survey of Tibesti province); submission day unconfirmed',
           'Mine Action Review country page (2025 edition)'
     WHERE EXISTS (SELECT 1 FROM state_party WHERE iso3 = 'TCD')
       AND NOT EXISTS (SELECT 1 FROM extension_request_summary
                        WHERE iso3 = 'TCD' AND coalesce(decided_at_meeting, meeting) = '12MSP')
    RETURNING id, source)
INSERT INTO extension_revision (extension_request_id, number, meeting, submitted_on, requested_until, interim, source)
SELECT id, 1, '12MSP', DATE '2024-01-01', DATE '2026-10-01', true, source FROM added;

-- The reference file calls it interim; a database that read it from the file has the request
-- without that flag.
UPDATE extension_revision r SET interim = true
  FROM extension_request e
 WHERE r.extension_request_id = e.id AND r.number = 1 AND e.iso3 = 'TCD' AND r.meeting = '12MSP'
   AND e.source = 'Mine Action Review country page (2025 edition)' AND NOT r.interim;
