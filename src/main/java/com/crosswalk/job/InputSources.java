package com.crosswalk.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.crosswalk.config.ConfigException;
import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.input.ColumnMapping;
import com.crosswalk.input.CsvInputReader;
import com.crosswalk.input.CsvOptions;
import com.crosswalk.input.InputRowReader;
import com.crosswalk.input.InputRow;
import com.crosswalk.input.JdbcInputReader;
import com.crosswalk.input.JdbcQuery;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Opens a run's input, as its {@link InputSettings} say: the CSV export, or the customer table through JDBC. The
 * table's password and fetch size come from the configuration.
 */
public class InputSources {

	private final CrosswalkProperties.Jdbc jdbc;

	public InputSources(CrosswalkProperties properties) {
		this.jdbc = properties.input().jdbc();
	}

	public InputRowReader open(InputSettings input) {
		ColumnMapping mapping = mapping(input);
		if (input.table() != null) {
			return openTable(input.table(), mapping);
		}
		Path csv = input.existingCsv();
		try {
			return CsvInputReader.open(csv, mapping, CsvOptions.builder().delimiter(input.delimiter()).build());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + csv + ": " + e.getMessage(), e);
		}
	}

	/** The customer table is read through its own small pool, closed with the reader. */
	private InputRowReader openTable(InputSettings.Table table, ColumnMapping mapping) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(table.url());
		pool.setUsername(table.username());
		pool.setPassword(jdbc.password() != null ? jdbc.password() : System.getenv("CROSSWALK_INPUT_JDBC_PASSWORD"));
		pool.setMaximumPoolSize(1);
		pool.setPoolName("crosswalk-input");
		JdbcInputReader reader;
		try {
			reader = new JdbcInputReader(pool, new JdbcQuery("customer table", table.query(), table.keyColumn(),
					jdbc.fetchSize()), mapping);
		}
		catch (RuntimeException e) {
			pool.close();
			throw e;
		}
		return new InputRowReader() {
			@Override
			public InputRow next() {
				return reader.next();
			}

			@Override
			public long rowsRead() {
				return reader.rowsRead();
			}

			@Override
			public void close() {
				try {
					reader.close();
				}
				finally {
					pool.close();
				}
			}
		};
	}

	private static ColumnMapping mapping(InputSettings input) {
		return switch (input.layout().toLowerCase()) {
			case "long" -> ColumnMapping.builder().customerIdColumn(input.customerColumn()).build();
			case "wide" -> ColumnMapping.builder()
				.wide()
				.customerIdColumn(input.customerColumn())
				.psidColumns(input.wide().psidColumn(), input.wide().pageColumn())
				.asidColumns(input.wide().asidColumn(), input.wide().appColumn())
				.build();
			default -> throw new ConfigException("crosswalk.input.layout must be 'long' or 'wide', not '"
					+ input.layout() + "'");
		};
	}
}
