package com.crosswalk.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcInputReaderTest {

	private final JdbcDataSource dataSource = new JdbcDataSource();

	@BeforeEach
	void createTable() throws SQLException {
		dataSource.setURL("jdbc:h2:mem:input" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
			s.execute("create table crm (cust_no bigint primary key, kind varchar(10), page bigint, fb_id varchar(40), "
					+ "score double)");
			s.execute("insert into crm values (1, 'psid', 222, '1001', 1.0), (2, 'asid', 111, ' 2002 ', 2.0), "
					+ "(3, 'psid', 222, null, 3.0), (4, 'psid', 222, '1.01524E+16', 4.0)");
		}
	}

	@Test
	void streamsRowsMappedByColumnLabelWithTheKeyAsPosition() {
		JdbcQuery query = new JdbcQuery("crm", "select cust_no as customer_id, kind as id_type, page as scope_id, "
				+ "fb_id as scoped_id from crm order by cust_no", "customer_id", 2);
		RowValidator validator = new RowValidator(InputFixtures.BUSINESS);
		List<RowResult> results = new ArrayList<>();
		try (JdbcInputReader reader = new JdbcInputReader(dataSource, query, ColumnMapping.canonical())) {
			assertThat(reader.skipTo(1)).isEqualTo(1);
			for (InputRow row; (row = reader.next()) != null;) {
				results.add(validator.validate(row));
			}
			assertThat(reader.rowsRead()).isEqualTo(4);
		}
		assertThat(results).hasSize(3);
		assertThat(results.get(0)).isInstanceOfSatisfying(ValidRow.class, v -> {
			assertThat(v.customerId()).isEqualTo("2");
			assertThat(v.id().id()).isEqualTo("2002");
			assertThat(v.position()).isEqualTo(SourcePosition.row("crm", 2, "2"));
		});
		assertThat(results.get(1)).isInstanceOfSatisfying(RejectedRow.class, r -> {
			assertThat(r.code()).isEqualTo(RejectionCode.EMPTY);
			assertThat(r.customerId()).isEqualTo("3");
		});
		assertThat(results.get(2)).isInstanceOfSatisfying(RejectedRow.class, r -> {
			assertThat(r.code()).isEqualTo(RejectionCode.SPREADSHEET_MANGLED);
			assertThat(r.position().toString()).isEqualTo("crm row key 4");
			assertThat(r.customerId()).isEqualTo("4");
		});
	}

	/** Without ORDER BY a row number names another row next time: the customer's key names the row instead. */
	@Test
	void withoutAKeyColumnTheCustomerColumnNamesTheRow() {
		JdbcQuery query = new JdbcQuery("crm", "select fb_id as scoped_id, page as scope_id, cust_no as customer_id,"
				+ " kind as id_type from crm", null, 10);
		List<RejectedRow> rejects = new ArrayList<>();
		try (JdbcInputReader reader = new JdbcInputReader(dataSource, query, ColumnMapping.canonical())) {
			RowValidator validator = new RowValidator(InputFixtures.BUSINESS);
			for (InputRow row; (row = reader.next()) != null;) {
				if (validator.validate(row) instanceof RejectedRow rejected) {
					rejects.add(rejected);
				}
			}
		}
		assertThat(rejects).extracting(r -> r.position().toString())
			.containsExactlyInAnyOrder("crm row key 3", "crm row key 4");
	}

	@Test
	void missingColumnIsAFormatErrorAndTheConnectionIsReleased() {
		JdbcQuery query = new JdbcQuery("crm", "select cust_no as customer_id, kind as id_type from crm", null, 0);
		assertThatThrownBy(() -> new JdbcInputReader(dataSource, query, ColumnMapping.canonical()))
			.isInstanceOf(InputFormatException.class)
			.hasMessageStartingWith("crm: missing column 'scope_id'; found [CUSTOMER_ID, ID_TYPE]");
	}

	@Test
	void brokenQueryIsASourceError() {
		JdbcQuery query = JdbcQuery.of("select * from no_such_table");
		assertThatThrownBy(() -> new JdbcInputReader(dataSource, query, ColumnMapping.canonical()))
			.isInstanceOf(InputSourceException.class)
			.hasMessageStartingWith("query: the input query failed:");
	}

	@Test
	void wideTableExpands() {
		JdbcQuery query = new JdbcQuery("crm", "select cust_no as customer_id, fb_id as psid, page as page_id from crm "
				+ "where cust_no = 1", null, 10);
		try (JdbcInputReader reader = new JdbcInputReader(dataSource, query, ColumnMapping.conventionalWide())) {
			assertThat(reader.next()).isEqualTo(InputRow.of(SourcePosition.row("crm", 1, "1"), "1", "psid", "222", "1001"));
			assertThat(reader.next()).isNull();
		}
	}
}
