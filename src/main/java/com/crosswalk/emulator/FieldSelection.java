package com.crosswalk.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code fields} parameter: {@code a,b,edge.limit(10).after(C){id,app{id,name}}}. Modifiers keep their
 * raw argument; which names and modifiers are valid is up to the node being read.
 */
record FieldSelection(List<Field> fields) {

	/**
	 * @param modifiers {@code limit}, {@code after}, ... in the order written
	 * @param subfields the {@code {...}} part, or null when absent
	 */
	record Field(String name, Map<String, String> modifiers, FieldSelection subfields) {

		String modifier(String name) {
			return modifiers.get(name);
		}
	}

	static FieldSelection of(String... names) {
		List<Field> fields = new ArrayList<>();
		for (String name : names) {
			fields.add(new Field(name, Map.of(), null));
		}
		return new FieldSelection(List.copyOf(fields));
	}

	Optional<Field> field(String name) {
		return fields.stream().filter(f -> f.name().equals(name)).findFirst();
	}

	boolean has(String name) {
		return field(name).isPresent();
	}

	/** Parses the parameter; throws a #100 syntax error on malformed text. */
	static FieldSelection parse(String text) {
		Parser parser = new Parser(text);
		FieldSelection selection = parser.list();
		if (parser.pos != text.length()) {
			throw parser.error();
		}
		return selection;
	}

	/** The {@code fields} text that selects the same thing, for {@code next} URLs. */
	String render() {
		StringBuilder out = new StringBuilder();
		for (Field field : fields) {
			if (out.length() > 0) {
				out.append(',');
			}
			out.append(field.name());
			field.modifiers().forEach((name, arg) -> out.append('.').append(name).append('(').append(arg).append(')'));
			if (field.subfields() != null) {
				out.append('{').append(field.subfields().render()).append('}');
			}
		}
		return out.toString();
	}

	private static final class Parser {

		private final String text;

		private int pos;

		Parser(String text) {
			this.text = text;
		}

		FieldSelection list() {
			List<Field> fields = new ArrayList<>();
			do {
				skipSpaces();
				if (pos < text.length() && (text.charAt(pos) == ',' || text.charAt(pos) == '}')) {
					throw error();
				}
				fields.add(field());
				skipSpaces();
			}
			while (consume(','));
			return new FieldSelection(List.copyOf(fields));
		}

		private Field field() {
			String name = name();
			Map<String, String> modifiers = new LinkedHashMap<>();
			while (consume('.')) {
				String modifier = name();
				if (!consume('(')) {
					throw error();
				}
				int close = text.indexOf(')', pos);
				if (close < 0) {
					throw error();
				}
				modifiers.put(modifier, text.substring(pos, close).trim());
				pos = close + 1;
			}
			FieldSelection subfields = null;
			skipSpaces();
			if (consume('{')) {
				subfields = list();
				if (!consume('}')) {
					throw error();
				}
			}
			return new Field(name, Map.copyOf(modifiers), subfields);
		}

		private String name() {
			skipSpaces();
			int start = pos;
			while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
				pos++;
			}
			if (start == pos) {
				throw error();
			}
			return text.substring(start, pos);
		}

		private boolean consume(char c) {
			skipSpaces();
			if (pos < text.length() && text.charAt(pos) == c) {
				pos++;
				return true;
			}
			return false;
		}

		private void skipSpaces() {
			while (pos < text.length() && text.charAt(pos) == ' ') {
				pos++;
			}
		}

		GraphException error() {
			return GraphError.invalid("Syntax error \"Expected a field name\" at character " + pos + ": " + text)
				.exception();
		}
	}
}
