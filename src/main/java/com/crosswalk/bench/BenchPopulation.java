package com.crosswalk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.crosswalk.emulator.Fixture;
import com.crosswalk.emulator.GeneratorSpec;
import com.crosswalk.emulator.PopulationGenerator;
import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.BusinessCredentialsLoader;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/**
 * A generated population the benchmark runs on. Clean by design (no bad rows, no scope under review), so the job and
 * the baselines do the same work and only speed and calls differ.
 */
record BenchPopulation(Path directory, int persons, long inputIds) {

	static BenchPopulation generate(Path directory, int persons, int apps, int pages, long seed) {
		PopulationGenerator.Summary summary = PopulationGenerator
			.generate(new GeneratorSpec(persons, apps, pages, seed, 0, 0), directory);
		return new BenchPopulation(directory, summary.persons(), summary.inputRows());
	}

	Path input() {
		return directory.resolve(PopulationGenerator.INPUT_FILE);
	}

	Path businessFile() {
		return directory.resolve(PopulationGenerator.CREDENTIALS_FILE);
	}

	Fixture fixture() {
		return Fixture.load(directory.resolve(PopulationGenerator.FIXTURE_FILE));
	}

	BusinessCredentials credentials() {
		return BusinessCredentialsLoader.load(businessFile(), Map.of());
	}

	/** The first {@code count} IDs of the input, as a data engineer's script would read them. */
	List<ScopedId> sample(int count) {
		List<ScopedId> ids = new ArrayList<>(Math.min(count, 1 << 16));
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
		try (BufferedReader reader = Files.newBufferedReader(input(), StandardCharsets.UTF_8);
				CSVParser parser = CSVParser.parse(reader, format)) {
			for (CSVRecord row : parser) {
				if (ids.size() >= count) {
					break;
				}
				IdType type = IdType.parse(row.get("id_type"));
				if (type != null) {
					ids.add(new ScopedId(type, row.get("scope_id").trim(), row.get("scoped_id").trim()));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return ids;
	}
}
