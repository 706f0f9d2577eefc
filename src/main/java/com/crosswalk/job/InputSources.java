package com.crosswalk.job;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.crosswalk.config.ConfigException;
import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.config.CrosswalkProperties.Input;
import com.crosswalk.input.ColumnMapping;
import com.crosswalk.input.CsvInputReader;
import com.crosswalk.input.CsvOptions;
import com.crosswalk.input.InputRowReader;
import com.crosswalk.input.InputRow;
import com.crosswalk.input.JdbcInputReader;
import com.crosswalk.input.JdbcQuery;
import com.zaxxer.hikari.HikariDataSource;

/** Opens the configured input: the CSV export, or the customer table through JDBC. */
public class InputSources {

	private final Input input;

	public InputSources(CrosswalkProperties properties) {
		this.input = properties.input();
	}

	public InputRowReader open() {
		ColumnMapping mapping = mapping();
		if (input.jdbc().enabled()) {
			var jdbc = input.jdbc();
			return openTable(input.jdbc(), mapping);
		}
		if (input.csv() == null || !input.csv().toFile().isFile()) {
			throw new ConfigException("crosswalk.input.csv: no input file at " + input.csv()
					+ " — give --input FILE, or a customer table with --jdbc-url and --jdbc-query");
		}
		try {
			return CsvInputReader.open(input.csv(), mapping, CsvOptions.builder().delimiter(input.delimiter()).build());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + input.csv() + ": " + e.getMessage(), e);
		}
	}

	/** The customer table is read through its own small pool, closed with the reader. */
	private static InputRowReader openTable(CrosswalkProperties.Jdbc jdbc, ColumnMapping mapping) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(jdbc.url());
		pool.setUsername(jdbc.username());
		pool.setPassword(jdbc.password() != null ? jdbc.password() : System.getenv("CROSSWALK_INPUT_JDBC_PASSWORD"));
		pool.setMaximumPoolSize(1);
		pool.setPoolName("crosswalk-input");
		JdbcInputReader reader;
		try {
			reader = new JdbcInputReader(pool, new JdbcQuery("customer table", jdbc.query(), jdbc.keyColumn(),
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

	private ColumnMapping mapping() {
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
