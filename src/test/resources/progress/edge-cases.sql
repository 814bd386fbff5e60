-- Small edge-case fixtures for the area engine, each in its own test State Party (codes Z..),
-- near 105°E 15°N (0.001° is about 107 m east-west and 111 m north-south there).
INSERT INTO state_party (iso3, name, eif_date, original_deadline) VALUES
    ('ZOV', 'Test: SHA and CHA overlap', '2015-01-01', '2025-01-01'),
    ('ZHO', 'Test: hazard with a hole', '2015-01-01', '2025-01-01'),
    ('ZSP', 'Test: release spanning two hazards', '2015-01-01', '2025-01-01'),
    ('ZOU', 'Test: releases outside hazards', '2015-01-01', '2025-01-01'),
    ('ZSU', 'Test: superseded hazard version', '2015-01-01', '2025-01-01'),
    ('ZRE', 'Test: retired hazard', '2015-01-01', '2025-01-01'),
    ('ZMD', 'Test: overlapping releases of different methods and dates', '2015-01-01', '2025-01-01'),
    ('ZJI', 'Test: GPS-jitter slivers and a real narrow strip', '2015-01-01', '2025-01-01'),
    ('ZEM', 'Test: nothing mapped', '2015-01-01', '2025-01-01');

INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, valid_until, retired_on, geom4326, area_sqm)
SELECT iso3, external_id, version, classification, recorded_on::date, valid_until::date, retired_on::date, g, ST_Area(g::geography)
  FROM (VALUES
    ('ZOV', 'sha', 1, 'SHA', '2016-01-01', NULL, NULL, 'POLYGON((105 15,105.002 15,105.002 15.002,105 15.002,105 15))'),
    ('ZOV', 'cha', 1, 'CHA', '2016-01-01', NULL, NULL, 'POLYGON((105.001 15.001,105.003 15.001,105.003 15.003,105.001 15.003,105.001 15.001))'),
    ('ZHO', 'holed', 1, 'CHA', '2016-01-01', NULL, NULL,
        'POLYGON((105.01 15,105.014 15,105.014 15.004,105.01 15.004,105.01 15),(105.011 15.001,105.013 15.001,105.013 15.003,105.011 15.003,105.011 15.001))'),
    ('ZSP', 'west', 1, 'SHA', '2016-01-01', NULL, NULL, 'POLYGON((105.02 15,105.022 15,105.022 15.002,105.02 15.002,105.02 15))'),
    ('ZSP', 'east', 1, 'CHA', '2016-01-01', NULL, NULL, 'POLYGON((105.023 15,105.025 15,105.025 15.002,105.023 15.002,105.023 15))'),
    ('ZOU', 'only', 1, 'SHA', '2016-01-01', NULL, NULL, 'POLYGON((105.03 15,105.032 15,105.032 15.002,105.03 15.002,105.03 15))'),
    ('ZSU', 'resurveyed', 1, 'CHA', '2018-01-01', '2020-06-01', NULL, 'POLYGON((105.04 15,105.042 15,105.042 15.002,105.04 15.002,105.04 15))'),
    ('ZSU', 'resurveyed', 2, 'CHA', '2020-06-01', NULL, NULL, 'POLYGON((105.04 15,105.043 15,105.043 15.002,105.04 15.002,105.04 15))'),
    ('ZRE', 'retired', 1, 'SHA', '2017-01-01', '2020-03-01', '2020-03-01', 'POLYGON((105.05 15,105.052 15,105.052 15.002,105.05 15.002,105.05 15))'),
    ('ZRE', 'kept', 1, 'CHA', '2017-01-01', NULL, NULL, 'POLYGON((105.053 15,105.055 15,105.055 15.002,105.053 15.002,105.053 15))'),
    ('ZMD', 'field', 1, 'CHA', '2016-01-01', NULL, NULL, 'POLYGON((105.06 15,105.064 15,105.064 15.004,105.06 15.004,105.06 15))'),
    ('ZJI', 'jittered', 1, 'CHA', '2016-01-01', NULL, NULL, 'POLYGON((105.07 15,105.072 15,105.072 15.002,105.07 15.002,105.07 15))'),
    ('ZJI', 'strip', 1, 'SHA', '2016-01-01', NULL, NULL, 'POLYGON((105.074 15,105.076 15,105.076 15.002,105.074 15.002,105.074 15))')
  ) AS t(iso3, external_id, version, classification, recorded_on, valid_until, retired_on, wkt)
 CROSS JOIN LATERAL (SELECT ST_Multi(ST_GeomFromText(wkt, 4326)) AS g) AS geom;

INSERT INTO land_release (iso3, external_id, version, method, completed_on, superseded_at, geom4326, area_sqm)
SELECT iso3, external_id, version, method, completed_on::date, superseded_at::timestamptz, g, ST_Area(g::geography)
  FROM (VALUES
    ('ZOV', 'across-overlap', 1, 'cleared', '2020-05-01', NULL,
        'POLYGON((105.0015 15.0005,105.0025 15.0005,105.0025 15.0025,105.0015 15.0025,105.0015 15.0005))'),
    ('ZHO', 'over-hole', 1, 'reduced', '2020-05-01', NULL,
        'POLYGON((105.0115 14.9995,105.0125 14.9995,105.0125 15.0045,105.0115 15.0045,105.0115 14.9995))'),
    ('ZSP', 'spanning', 1, 'cleared', '2020-05-01', NULL,
        'POLYGON((105.0215 15.0005,105.0235 15.0005,105.0235 15.0015,105.0215 15.0015,105.0215 15.0005))'),
    ('ZOU', 'half-out', 1, 'cancelled', '2020-05-01', NULL,
        'POLYGON((105.031 15.0005,105.033 15.0005,105.033 15.0015,105.031 15.0015,105.031 15.0005))'),
    ('ZOU', 'all-out', 1, 'cleared', '2020-05-01', NULL,
        'POLYGON((105.035 15,105.036 15,105.036 15.001,105.035 15.001,105.035 15))'),
    ('ZOU', 'corrected', 1, 'cleared', '2019-05-01', '2020-01-01',
        'POLYGON((105.03 15,105.032 15,105.032 15.002,105.03 15.002,105.03 15))'),
    ('ZOU', 'corrected', 2, 'cleared', '2019-05-01', NULL,
        'POLYGON((105.03 15.0018,105.0302 15.0018,105.0302 15.002,105.03 15.002,105.03 15.0018))'),
    ('ZSU', 'over-both-versions', 1, 'cleared', '2019-05-01', NULL,
        'POLYGON((105.0415 15.0005,105.0425 15.0005,105.0425 15.0015,105.0415 15.0015,105.0415 15.0005))'),
    ('ZRE', 'on-retired', 1, 'reduced', '2019-01-01', NULL,
        'POLYGON((105.0505 15.0005,105.0515 15.0005,105.0515 15.0015,105.0505 15.0015,105.0505 15.0005))'),
    ('ZRE', 'on-kept', 1, 'cleared', '2021-01-01', NULL,
        'POLYGON((105.0535 15.0005,105.0545 15.0005,105.0545 15.0015,105.0535 15.0015,105.0535 15.0005))'),
    ('ZMD', 'late-cancel', 1, 'cancelled', '2019-03-01', NULL,
        'POLYGON((105.06 15,105.062 15,105.062 15.004,105.06 15.004,105.06 15))'),
    ('ZMD', 'early-clear', 1, 'cleared', '2018-06-01', NULL,
        'POLYGON((105.061 15,105.063 15,105.063 15.002,105.061 15.002,105.061 15))'),
    ('ZMD', 'reduce', 1, 'reduced', '2020-01-01', NULL,
        'POLYGON((105.0615 15.001,105.0635 15.001,105.0635 15.003,105.0615 15.003,105.0615 15.001))'),
    ('ZMD', 'same-day-cancel', 1, 'cancelled', '2020-01-01', NULL,
        'POLYGON((105.063 15.002,105.064 15.002,105.064 15.004,105.063 15.004,105.063 15.002))'),
    ('ZMD', 'same-day-clear', 1, 'cleared', '2020-01-01', NULL,
        'POLYGON((105.063 15.002,105.064 15.002,105.064 15.004,105.063 15.004,105.063 15.002))'),
    -- the jittered hazard released in full, digitised with up to about 0.6 m of GPS error
    ('ZJI', 'jittered-clearance', 1, 'cleared', '2020-05-01', NULL,
        'POLYGON((105.069995 14.999995,105.071 15.000005,105.072005 14.999996,105.071996 15.001,105.072004 15.002005,105.071 15.001995,105.069996 15.002004,105.070005 15.001,105.069995 14.999995))'),
    -- the strip hazard released except a strip about 2.1 m wide along its east edge
    ('ZJI', 'strip-clearance', 1, 'cleared', '2020-05-01', NULL,
        'POLYGON((105.07399 14.99999,105.07598 14.99999,105.07598 15.00201,105.07399 15.00201,105.07399 14.99999))')
  ) AS t(iso3, external_id, version, method, completed_on, superseded_at, wkt)
 CROSS JOIN LATERAL (SELECT ST_Multi(ST_GeomFromText(wkt, 4326)) AS g) AS geom;
