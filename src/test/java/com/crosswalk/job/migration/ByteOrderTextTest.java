package com.crosswalk.job.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.support.TestDatabase;

class ByteOrderTextTest {

	@Test
	void everyTextColumnOfCrosswalksTablesComparesBytewiseOnPostgres() {
		JdbcTemplate jdbc = TestDatabase.postgres().migrated().jdbc();

		List<String> columns = jdbc.queryForList("""
				SELECT c.table_name || '.' || c.column_name || ' ' || COALESCE(c.collation_name, 'default')
				FROM information_schema.columns c
				WHERE c.table_schema = current_schema() AND c.table_name LIKE 'cw\\_%'
				AND c.data_type = 'character varying' ORDER BY 1""", String.class);

		assertThat(columns).hasSizeGreaterThan(30)
			.contains("cw_identity.id_key C", "cw_link.to_key C", "cw_staging.scope_id C")
			.allMatch(column -> column.endsWith(" C"));
	}

	@Test
	void keysSortBytewiseOnPostgresAsOnH2() {
		JdbcTemplate jdbc = TestDatabase.postgres().migrated().jdbc();
		jdbc.batchUpdate("INSERT INTO cw_person (person_key, created_at, updated_at, id_count) "
				+ "VALUES (?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)",
				List.of(new Object[] { "p_b" }, new Object[] { "P_c" }, new Object[] { "p_A" }, new Object[] { "p-z" }));

		assertThat(jdbc.queryForList("SELECT person_key FROM cw_person ORDER BY person_key", String.class))
			.containsExactly("P_c", "p-z", "p_A", "p_b");
	}
}
