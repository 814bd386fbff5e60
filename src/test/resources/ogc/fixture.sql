-- Hazards and releases for the OGC and tile tests. Areas are geodesic (ST_Area on geography).
-- LAO: four hazards (one with a superseded version, one retired) and three releases (one superseded).
-- SOM: one hazard split at the antimeridian, to check bbox and extent across it.
CREATE TEMP TABLE h (iso3 char(3), external_id text, version int, classification text, recorded_on date,
                     valid_until date, retired_on date, wkt text);
INSERT INTO h VALUES
  ('LAO', 'LAO-H1', 1, 'SHA', '2015-03-01', NULL, NULL, 'POLYGON((102.0 18.0, 102.1 18.0, 102.1 18.1, 102.0 18.1, 102.0 18.0))'),
  ('LAO', 'LAO-H2', 1, 'CHA', '2018-06-15', NULL, NULL, 'POLYGON((102.2 18.0, 102.3 18.0, 102.3 18.1, 102.2 18.1, 102.2 18.0))'),
  ('LAO', 'it''s "H3"', 1, 'SHA', '2016-01-10', '2020-01-01', NULL, 'POLYGON((102.4 18.0, 102.5 18.0, 102.5 18.1, 102.4 18.1, 102.4 18.0))'),
  ('LAO', 'it''s "H3"', 2, 'CHA', '2020-01-01', NULL, NULL, 'POLYGON((102.4 18.0, 102.5 18.0, 102.5 18.1, 102.412345678 18.1, 102.4 18.0))'),
  ('LAO', 'LAO-H4', 1, 'SHA', '2017-01-01', '2021-01-01', '2021-01-01', 'POLYGON((102.6 18.0, 102.7 18.0, 102.7 18.1, 102.6 18.1, 102.6 18.0))'),
  ('SOM', 'SOM-AM', 1, 'CHA', '2019-09-09', NULL, NULL,
   'MULTIPOLYGON(((179.9 -10.1, 180 -10.1, 180 -10.0, 179.9 -10.0, 179.9 -10.1)),((-180 -10.1, -179.9 -10.1, -179.9 -10.0, -180 -10.0, -180 -10.1)))');
INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, valid_until, retired_on, geom4326, area_sqm)
SELECT iso3, external_id, version, classification, recorded_on, valid_until, retired_on,
       ST_Multi(ST_GeomFromText(wkt, 4326)), ST_Area(ST_GeomFromText(wkt, 4326)::geography)
  FROM h ORDER BY recorded_on, version;

CREATE TEMP TABLE r (iso3 char(3), external_id text, version int, method text, completed_on date, superseded boolean, wkt text);
INSERT INTO r VALUES
  ('LAO', 'LAO-R1', 1, 'cleared', '2019-05-01', false, 'POLYGON((102.0 18.0, 102.05 18.0, 102.05 18.1, 102.0 18.1, 102.0 18.0))'),
  ('LAO', 'LAO-R2', 1, 'cancelled', '2021-02-01', true, 'POLYGON((102.2 18.0, 102.3 18.0, 102.3 18.1, 102.2 18.1, 102.2 18.0))'),
  ('LAO', 'LAO-R2', 2, 'cancelled', '2021-02-01', false, 'POLYGON((102.2 18.0, 102.25 18.0, 102.25 18.1, 102.2 18.1, 102.2 18.0))'),
  ('LAO', 'LAO-R3', 1, 'reduced', '2022-07-01', false, 'POLYGON((103.0 19.0, 103.1 19.0, 103.1 19.1, 103.0 19.1, 103.0 19.0))');
INSERT INTO land_release (iso3, external_id, version, method, completed_on, operator, superseded_at, geom4326, area_sqm)
SELECT iso3, external_id, version, method, completed_on, 'Operator ''O''', CASE WHEN superseded THEN now() END,
       ST_Multi(ST_GeomFromText(wkt, 4326)), ST_Area(ST_GeomFromText(wkt, 4326)::geography)
  FROM r ORDER BY completed_on, version;
UPDATE hazard SET contamination = 'BLU-26 sous-munitions « Nord », 子弹药' WHERE external_id = 'LAO-H2';
