-- One row per child who has ever had a return home. A start locks its child's row in its own
-- transaction before it looks for a running return (casework/OneCasePerChild), so two starts for
-- one child, on one node or two, take turns. Rows are never deleted. Plain SQL for H2 and PostgreSQL.
CREATE TABLE CHILD_CASE_LOCK (
  CHILD_ID VARCHAR(64) NOT NULL PRIMARY KEY,
  FIRST_STARTED TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);
