-- An M-sized synthetic dataset for the serving benchmark: 10,000 current hazards and 10,000
-- current releases over the 10 States Parties of the reference data, irregular star-shaped
-- polygons of 10-60 vertices and 200 m to 1.7 km across, scattered over 3 x 3 degrees around a
-- point of each State; each release is a shrunken, shifted copy of one hazard, so some releases
-- reach outside their hazard. Deterministic (setseed, no parallel workers).
SET max_parallel_workers_per_gather = 0;
SELECT setseed(0.5);
CREATE TEMP TABLE centre (iso3 char(3), lon float8, lat float8);
INSERT INTO centre VALUES ('AFG', 66, 34), ('TCD', 19, 15), ('CHL', -70, -30), ('DEU', 10, 51), ('IRQ', 44, 33),
                          ('LAO', 104, 18), ('LBN', 35.8, 33.9), ('MRT', -10, 20), ('SOM', 46, 6), ('SSD', 31, 7);
CREATE TEMP TABLE shape AS
SELECT c.iso3, i, c.lon + (random() - 0.5) * 3 AS cx, c.lat + (random() - 0.5) * 3 AS cy,
       0.001 + random() * 0.007 AS r, 10 + floor(random() * 51)::int AS n
  FROM centre c, generate_series(1, 1000) i
 ORDER BY c.iso3, i;
CREATE TEMP TABLE star AS
SELECT s.iso3, s.i, ST_MakePolygon(ST_AddPoint(ring, ST_StartPoint(ring))) AS g
  FROM shape s,
       LATERAL (SELECT ST_MakeLine(ST_MakePoint(s.cx + s.r * f * cos(2 * pi() * k / s.n),
                                                s.cy + s.r * f * sin(2 * pi() * k / s.n)) ORDER BY k) AS ring
                  FROM (SELECT k, 0.55 + 0.45 * random() AS f FROM generate_series(0, s.n - 1) k) v) p
 ORDER BY s.iso3, s.i;
UPDATE star SET g = ST_SetSRID(g, 4326);
INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, geom4326, area_sqm, synthetic)
SELECT iso3, iso3 || '-BH-' || i, 1, CASE WHEN i % 5 < 2 THEN 'CHA' ELSE 'SHA' END,
       DATE '2011-01-01' + (i * 7 % 4000), ST_Multi(g), ST_Area(g::geography), true
  FROM star ORDER BY iso3, i;
INSERT INTO land_release (iso3, external_id, version, method, completed_on, operator, items_destroyed,
                          hazard_external_id, geom4326, area_sqm, synthetic)
SELECT iso3, iso3 || '-BR-' || i, 1, (ARRAY['cancelled', 'reduced', 'cleared'])[1 + i % 3],
       DATE '2012-01-01' + (i * 11 % 4500), 'Operator ' || (i % 7), i % 13, iso3 || '-BH-' || i,
       ST_Multi(moved), ST_Area(moved::geography), true
  FROM (SELECT iso3, i, ST_Translate(ST_Scale(g, ST_MakePoint(0.6, 0.6), ST_Centroid(g)),
                                     (ST_XMax(g) - ST_XMin(g)) * 0.25, 0) AS moved
          FROM star) m
 ORDER BY iso3, i;
ANALYZE hazard;
ANALYZE land_release;
