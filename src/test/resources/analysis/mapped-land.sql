-- The same mapped land in each test State Party of the analysis tests (codes ZA.), near 105°E 15°N:
-- one confirmed hazardous area of 0.02° × 0.02° (about 4.77 km²) recorded in 2017, half of it
-- cleared in 2019 (about 2.39 km², the best year), a quarter reduced in 2021 (about 1.19 km²), so
-- that about 1.19 km² remains. ZAE has nothing mapped. ZAB has a reported remaining area for 2025.
INSERT INTO state_party (iso3, name, eif_date, original_deadline) VALUES
    ('ZAA', 'Test: analysis, first request', '2016-08-01', '2026-08-01'),
    ('ZAB', 'Test: analysis, reported figures', '2016-08-01', '2026-08-01'),
    ('ZAC', 'Test: analysis, renewal on track', '2016-08-01', '2026-08-01'),
    ('ZAD', 'Test: analysis, renewal with a missed year', '2016-08-01', '2026-08-01'),
    ('ZAF', 'Test: analysis, renewal short of its plan', '2016-08-01', '2026-08-01'),
    ('ZAE', 'Test: analysis, nothing mapped', '2016-08-01', '2026-08-01');

INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, geom4326, area_sqm)
SELECT iso3, 'field', 1, 'CHA', DATE '2017-01-01', g, ST_Area(g::geography)
  FROM (VALUES ('ZAA'), ('ZAB'), ('ZAC'), ('ZAD'), ('ZAF')) AS s(iso3)
 CROSS JOIN LATERAL (SELECT ST_Multi(ST_GeomFromText('POLYGON((105 15,105.02 15,105.02 15.02,105 15.02,105 15))', 4326)) AS g) AS geom;

INSERT INTO land_release (iso3, external_id, version, method, completed_on, geom4326, area_sqm)
SELECT iso3, external_id, 1, method, completed_on::date, g, ST_Area(g::geography)
  FROM (VALUES ('ZAA'), ('ZAB'), ('ZAC'), ('ZAD'), ('ZAF')) AS s(iso3)
 CROSS JOIN (VALUES
    ('west-half', 'cleared', '2019-06-01', 'POLYGON((105 15,105.01 15,105.01 15.02,105 15.02,105 15))'),
    ('next-quarter', 'reduced', '2021-06-01', 'POLYGON((105.01 15,105.015 15,105.015 15.02,105.01 15.02,105.01 15))')
  ) AS r(external_id, method, completed_on, wkt)
 CROSS JOIN LATERAL (SELECT ST_Multi(ST_GeomFromText(wkt, 4326)) AS g) AS geom;

INSERT INTO reported_figure (iso3, year, remaining_km2, confidence, source)
VALUES ('ZAB', 2025, 1.2, 'test', 'Test fixture: reported remaining area for 2025');
