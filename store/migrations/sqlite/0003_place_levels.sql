-- Warta store, schema version 3: a place's admin-1 code (GeoNames "CC.XX")
-- and level (city, province, region, country), as the geocoder gives them.
ALTER TABLE places ADD COLUMN admin1 TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN level TEXT NOT NULL DEFAULT '';
