package com.crosswalk.job;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import com.crosswalk.input.InputRow;
import com.crosswalk.input.InputRowReader;
import com.crosswalk.input.NumberedRow;

/**
 * Adapts the input reader to Spring Batch. Its restart state (key "inputReader.rows") is the number of rows the
 * last committed chunk had read; a restarted import skips exactly those. Each row carries its ordinal in the input
 * so that what the import writes is keyed deterministically and a replayed chunk overwrites itself.
 */
public class InputItemReader implements ItemStreamReader<NumberedRow> {

	private final String name;

	private final InputSources sources;

	private final InputSettings input;

	private InputRowReader reader;

	public InputItemReader(String name, InputSources sources, InputSettings input) {
		this.name = name;
		this.sources = sources;
		this.input = input;
	}

	@Override
	public void open(ExecutionContext context) {
		reader = sources.open(input);
		long done = context.getLong(key(), 0L);
		if (done > 0) {
			reader.skipTo(done);
		}
	}

	@Override
	public NumberedRow read() {
		InputRow row = reader.next();
		return row == null ? null : new NumberedRow(reader.rowsRead(), row);
	}

	/** Rows read out of the rows the input holds, estimated from the share of it read; -1 when unknown. */
	public long estimatedRows() {
		if (reader == null) {
			return -1;
		}
		double share = reader.shareRead();
		return share > 0 ? Math.round(reader.rowsRead() / share) : -1;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(key(), reader.rowsRead());
	}

	@Override
	public void close() {
		if (reader != null) {
			try {
				reader.close();
			}
			catch (Exception e) {
				throw new IllegalStateException("Cannot close the input: " + e.getMessage(), e);
			}
			reader = null;
		}
	}

	private String key() {
		return name + ".rows";
	}
}
