-- States Parties for the Lausanne Action Plan tests (codes Q..), entering into force and completing
-- in different years. Every other State Party is made to have completed in 2012, so that from 2013
-- on only these are affected.
UPDATE state_party SET completed_on = '2012-06-30';

INSERT INTO state_party (iso3, name, eif_date, original_deadline, completed_on) VALUES
    ('QAA', 'Test: in force 2015, not completed', '2015-03-01', '2025-03-01', NULL),
    ('QBB', 'Test: in force mid-2021', '2021-06-01', '2031-06-01', NULL),
    ('QCC', 'Test: completed on 31 December 2020', '2012-01-01', '2022-01-01', '2020-12-31'),
    ('QDD', 'Test: completed on 1 January 2021', '2012-01-01', '2022-01-01', '2021-01-01'),
    ('QEE', 'Test: in force 2022', '2022-01-01', '2032-01-01', NULL);

-- QAA mapped since 2016; QDD only from mid-2021 (about 0.0476 km² each)
INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, valid_until, retired_on, geom4326, area_sqm)
SELECT iso3, external_id, 1, 'CHA', recorded_on::date, NULL, NULL, g, ST_Area(g::geography)
  FROM (VALUES
    ('QAA', 'qaa-1', '2016-01-01', 'POLYGON((106 15,106.002 15,106.002 15.002,106 15.002,106 15))'),
    ('QDD', 'qdd-1', '2021-06-01', 'POLYGON((106.01 15,106.012 15,106.012 15.002,106.01 15.002,106.01 15))')
  ) AS t(iso3, external_id, recorded_on, wkt)
 CROSS JOIN LATERAL (SELECT ST_Multi(ST_GeomFromText(wkt, 4326)) AS g) AS geom;

-- QAA reports 2020 by method, with a remaining area near the mapped one; QDD reports only a
-- remaining area, far from the mapped one
INSERT INTO reported_figure (iso3, year, remaining_km2, cancelled_km2, reduced_km2, cleared_km2, source) VALUES
    ('QAA', 2020, 0.047, 0.1, NULL, 0.2, 'Test report QAA 2020'),
    ('QDD', 2021, 0.5, NULL, NULL, NULL, 'Test report QDD 2021');

INSERT INTO milestone (iso3, year, target_release_sqm, source) VALUES ('QAA', 2021, 10000, 'Test milestone');
