package com.crosswalk.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.crosswalk.config.ConfigException;
import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.config.CrosswalkProperties.Wide;

/**
 * Everything that decides how a run reads its input: the CSV file and how to parse it, or the customer table and its
 * query (never its password). A run records these with its job parameters, and its reader reads them back from there,
 * so a resumed run reads the very input it started on, the same way, whatever is configured when it resumes.
 * <p>
 * Only the input's name and fingerprint identify a run ({@link InputIdentity}); these settings are non-identifying
 * parameters beside them. Runs recorded before the settings were (no {@value #LAYOUT} parameter) read the file or
 * query their {@code input} parameter names, and the rest as configured now.
 *
 * @param csv the CSV file (absolute, normalized), or null when the input is a table
 * @param table the customer table, or null when the input is a CSV file
 */
public record InputSettings(Path csv, String delimiter, String layout, String customerColumn, Wide wide, Table table) {

	private static final String CSV = "input.csv";

	private static final String DELIMITER = "input.delimiter";

	private static final String LAYOUT = "input.layout";

	private static final String CUSTOMER_COLUMN = "input.customer-column";

	private static final String PSID_COLUMN = "input.wide.psid-column";

	private static final String PAGE_COLUMN = "input.wide.page-column";

	private static final String ASID_COLUMN = "input.wide.asid-column";

	private static final String APP_COLUMN = "input.wide.app-column";

	private static final String JDBC_URL = "input.jdbc.url";

	private static final String JDBC_USER = "input.jdbc.username";

	private static final String JDBC_QUERY = "input.jdbc.query";

	private static final String JDBC_KEY_COLUMN = "input.jdbc.key-column";

	/**
	 * A customer table read through JDBC; the password comes from the configuration, never from the record. A URL
	 * that carries a password itself is not recorded either: a resumed run then uses the configured URL, which the
	 * run's fingerprint checks.
	 */
	public record Table(String url, String username, String query, String keyColumn) {

		private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password|pwd)\\s*=|//[^/@]*:[^/@]*@");

		boolean urlCarriesPassword() {
			return url != null && PASSWORD_IN_URL.matcher(url).find();
		}

		@Override
		public String toString() {
			return "Table[url=" + (urlCarriesPassword() ? "(with a password, not shown)" : url) + ", username="
					+ username + ", query=" + query + ", keyColumn=" + keyColumn + "]";
		}
	}

	/** The input as configured now: what {@code reconcile} reads when it starts a new run. */
	public static InputSettings configured(CrosswalkProperties.Input input) {
		CrosswalkProperties.Jdbc jdbc = input.jdbc();
		Table table = jdbc.enabled() ? new Table(jdbc.url(), jdbc.username(), jdbc.query(), jdbc.keyColumn()) : null;
		Path csv = table != null || input.csv() == null || input.csv().toString().isBlank() ? null
				: input.csv().toAbsolutePath().normalize();
		return new InputSettings(csv, input.delimiter(), input.layout(), input.customerColumn(), input.wide(), table);
	}

	/** The input the run with these parameters reads; {@code configured} stands in for what older runs left out. */
	public static InputSettings recorded(JobParameters parameters, InputSettings configured) {
		if (parameters.getString(LAYOUT) == null) {
			return recordedBeforeSettings(parameters, configured);
		}
		String url = parameters.getString(JDBC_URL);
		if (url == null && configured.table() != null) {
			url = configured.table().url();
		}
		Table table = parameters.getString(JDBC_QUERY) == null ? null
				: new Table(url, parameters.getString(JDBC_USER), parameters.getString(JDBC_QUERY),
						parameters.getString(JDBC_KEY_COLUMN));
		String csv = parameters.getString(CSV);
		return new InputSettings(csv == null ? null : Path.of(csv), parameters.getString(DELIMITER),
				parameters.getString(LAYOUT), parameters.getString(CUSTOMER_COLUMN),
				new Wide(parameters.getString(PSID_COLUMN), parameters.getString(PAGE_COLUMN),
						parameters.getString(ASID_COLUMN), parameters.getString(APP_COLUMN)),
				table);
	}

	private static InputSettings recordedBeforeSettings(JobParameters parameters, InputSettings configured) {
		String name = parameters.getString(InputIdentity.NAME_PARAMETER);
		if (name == null) {
			return configured;
		}
		if (name.startsWith(InputIdentity.TABLE_PREFIX)) {
			Table now = configured.table() != null ? configured.table() : new Table(null, null, null, null);
			String query = name.substring(InputIdentity.TABLE_PREFIX.length());
			Table table = new Table(now.url(), now.username(), query, now.keyColumn());
			return new InputSettings(null, configured.delimiter(), configured.layout(), configured.customerColumn(),
					configured.wide(), table);
		}
		return new InputSettings(Path.of(name), configured.delimiter(), configured.layout(),
				configured.customerColumn(), configured.wide(), null);
	}

	/** Records these settings with a new run, beside its identity. */
	void addTo(JobParametersBuilder builder) {
		put(builder, CSV, csv == null ? null : csv.toString());
		put(builder, DELIMITER, delimiter);
		put(builder, LAYOUT, layout);
		put(builder, CUSTOMER_COLUMN, customerColumn);
		if (wide != null) {
			put(builder, PSID_COLUMN, wide.psidColumn());
			put(builder, PAGE_COLUMN, wide.pageColumn());
			put(builder, ASID_COLUMN, wide.asidColumn());
			put(builder, APP_COLUMN, wide.appColumn());
		}
		if (table != null) {
			put(builder, JDBC_URL, table.urlCarriesPassword() ? null : table.url());
			put(builder, JDBC_USER, table.username());
			put(builder, JDBC_QUERY, table.query());
			put(builder, JDBC_KEY_COLUMN, table.keyColumn());
		}
	}

	private static void put(JobParametersBuilder builder, String key, String value) {
		if (value != null) {
			builder.addString(key, value, false);
		}
	}

	/** What identifies the input: the file's path or the table's query, as in the {@code input} job parameter. */
	public String name() {
		if (table != null) {
			return InputIdentity.TABLE_PREFIX + table.query();
		}
		return csv == null ? null : csv.toString();
	}

	/** The input's identity now: for a file, a hash of its current content. */
	public InputIdentity identity() {
		if (table != null) {
			return InputIdentity.ofQuery(table.url(), table.query());
		}
		return InputIdentity.ofFile(existingCsv());
	}

	/** The CSV file, which must be there. */
	Path existingCsv() {
		if (csv == null || !Files.isRegularFile(csv)) {
			throw new ConfigException("crosswalk.input.csv: no input file at " + csv + " — give --input FILE, or a"
					+ " customer table with --jdbc-url and --jdbc-query");
		}
		return csv;
	}
}
