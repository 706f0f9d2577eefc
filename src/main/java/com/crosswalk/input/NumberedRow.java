package com.crosswalk.input;


/** An input row with its 1-based ordinal among all rows of the input. */
public record NumberedRow(long ordinal, InputRow row) {
}
