-- Several authorities on one platform (Wave 3): a child's lock row is the case reference after its
-- authority's id ("southvale/HB-1"), since the same reference in two authorities is two children.
-- Earlier rows, and a single authority's, stay the bare reference. Plain SQL for H2 and PostgreSQL.
ALTER TABLE CHILD_CASE_LOCK ALTER COLUMN CHILD_ID SET DATA TYPE VARCHAR(130);
