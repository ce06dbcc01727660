-- Several authorities on one platform (Wave 3): each read is recorded with the reader's authority,
-- whose cases alone they can read, so the reads of one authority's child are never listed with
-- another's who has the same case reference. Null for earlier rows and a single authority's.
ALTER TABLE CASE_READ_LOG ADD COLUMN AUTHORITY VARCHAR(64);
