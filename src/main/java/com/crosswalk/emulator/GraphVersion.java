package com.crosswalk.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Graph API version such as {@code v26.0}, comparable so the emulator can enforce minimums. */
record GraphVersion(int major, int minor) implements Comparable<GraphVersion> {

	/** ID Matching edges exist from v2.9 on (reference §2.2). */
	static final GraphVersion ID_MATCHING_MINIMUM = new GraphVersion(2, 9);

	private static final Pattern SYNTAX = Pattern.compile("v(\\d{1,3})\\.(\\d{1,3})");

	/** Parses {@code vMAJOR.MINOR}; null when the text is not a version. */
	static GraphVersion parse(String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = SYNTAX.matcher(text);
		if (!matcher.matches()) {
			return null;
		}
		return new GraphVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
	}

	@Override
	public int compareTo(GraphVersion other) {
		return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
	}

	@Override
	public String toString() {
		return "v" + major + "." + minor;
	}
}
