/** Moving existing single-wiki installations (An Otter Wiki: its git repository and SQLite database, or one wiki's rows of a shared database) into the farm: what a source holds, the plan, the import with rollback, and its undo. */
package org.wikifarm.importer;
