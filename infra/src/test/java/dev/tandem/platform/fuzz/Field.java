package dev.tandem.platform.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * One field of a request body as the contract describes it: what it takes, and, for the fuzz, values it
 * must refuse. Every value offered as "wrong" or "bad" is one the field refuses whatever the other fields
 * hold, so that a body carrying it is malformed for certain: a 2xx for it is a failure, never luck.
 */
abstract sealed class Field {

    final String name;
    final boolean required;

    Field(String name, boolean required) {
        this.name = name;
        this.required = required;
    }

    /** A value the field takes. */
    abstract Arbitrary<Json> valid();

    /** A value of a JSON type the field does not take (nothing is coerced: "30" is not 30). */
    abstract Arbitrary<Json> wrongType();

    /** A value of the right JSON type that the field still refuses, where there is one. */
    abstract Optional<Arbitrary<Json>> badValue();

    /** Text longer than the field takes, where it is text. */
    Optional<Arbitrary<Json>> oversized() {
        return Optional.empty();
    }

    /** Whether StrictText reads this field's value (a JSON string, or a list of them). */
    boolean readAsText() {
        return false;
    }

    /** {@code null} is a wrong value only for a field the contract requires. */
    Arbitrary<Json> withNullIfRequired(Arbitrary<Json> wrong) {
        return required ? Arbitraries.oneOf(wrong, Arbitraries.just(Json.literal("null"))) : wrong;
    }

    static Arbitrary<Json> literals(String... texts) {
        return Arbitraries.of(texts).map(Json::literal);
    }

    static Arbitrary<Json> strings(String... values) {
        return Arbitraries.of(values).map(Json::string);
    }

    /** Text of a length in (max, about 150 KB]: mostly just over the limit, sometimes far over (413). */
    static Arbitrary<Json> longer(int max) {
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(max + 1, max + 64)),
                Tuple.of(3, Arbitraries.integers().between(max + 1, Math.max(max + 2, Math.min(4 * max, 60_000)))),
                Tuple.of(1, Arbitraries.integers().between(66_000, 150_000)));
        return length.map(n -> Json.string("a".repeat(n)));
    }

    // ---------------------------------------------------------------------------------------------

    /** What a text field must look like beyond being text. */
    enum Format {
        FREE(),
        EMAIL("plainaddress", "a@", "@example.com", "a@@example.com", "two words@example.com"),
        PASSWORD("short", "1234567"),
        UUID("not-a-uuid", "12345678-1234-1234-1234-12345678901", "123456781234123412341234567890ab",
                "{12345678-1234-1234-1234-123456789012}", "12345678-1234-1234-1234-1234567890123",
                "g2345678-1234-1234-1234-123456789012", "urn:uuid:12345678-1234-1234-1234-123456789012"),
        DATE("2023-02-30", "2023-13-01", "14/03/2023", "2023-3-14", "yesterday", "2023-03-14T00:00:00Z", "20230314"),
        PAST_DATE("2023-02-30", "2023-13-01", "14/03/2023", "2023-3-14", "yesterday", "2999-01-01", "20230314"),
        INSTANT("2030-01-01T10:00:00", "2030-01-01", "tomorrow at ten", "2030-13-01T10:00:00Z",
                "2030-01-01T10:61:00Z", "1893456000", "2030-01-01 10:00:00Z", "2030-W01-1T10:00Z", "10:00"),
        TIME_ZONE("Mars/Olympus", "Europe/london", "UTC", "GMT+25", "Europe/London/", "../../etc/passwd",
                "Europe/Londres"),
        LANGUAGE("xx-not-a-language", "zz", "EN", "english", "e", "12", "pl_PL", "not a language"),
        PHONE("07700900123", "+44 7700 900123", "+0447700900123", "+1", "447700900123", "+4477009001234567",
                "phone", "+44-7700-900123"),
        TIME("25:00", "21:60", "9pm", "21-00", "2100", "T21:00", "21:00 PM", "-01:00");

        private final List<String> bad;

        Format(String... bad) {
            this.bad = List.of(bad);
        }
    }

    /** A JSON string field: {@code @NotBlank} when required (or {@code @NotNull} with a format), at most {@code max} long. */
    static final class Text extends Field {
        final Format format;
        final int max;
        private final Arbitrary<String> valid;

        Text(String name, boolean required, Format format, int max, Arbitrary<String> valid) {
            super(name, required);
            this.format = format;
            this.max = max;
            this.valid = valid;
        }

        @Override
        Arbitrary<Json> valid() {
            return valid.map(Json::string);
        }

        @Override
        Arbitrary<Json> wrongType() {
            if (format == Format.TIME) {
                // a LocalTime: Jackson also reads [21, 0], so no arrays here
                return withNullIfRequired(literals("true", "false", "{}", "{\"hour\":21}"));
            }
            return withNullIfRequired(literals("12345", "-1", "0", "3.14", "1e3", "9007199254740993", "true", "false",
                    "{}", "{\"value\":\"x\"}", "[]", "[\"x\"]"));
        }

        @Override
        Optional<Arbitrary<Json>> badValue() {
            List<String> bad = new ArrayList<>(format.bad);
            // blank is refused by @NotBlank, and by every format; optional free text may be blank
            if (required || format != Format.FREE) {
                bad.addAll(List.of("", "   ", "\t"));
            }
            if (format == Format.PASSWORD && max > 128) {
                bad.removeAll(List.of("short", "1234567")); // sign-in takes any password that is not blank
            }
            return bad.isEmpty() ? Optional.empty() : Optional.of(Arbitraries.of(bad).map(Json::string));
        }

        @Override
        Optional<Arbitrary<Json>> oversized() {
            return Optional.of(longer(max));
        }

        @Override
        boolean readAsText() {
            return format != Format.TIME;
        }
    }

    /** One name out of an enum, as a JSON string ({@code @OneOf}); {@code lenient} where the server strips and upper-cases it. */
    static final class Choice extends Field {
        final List<String> members;
        private final boolean lenient;

        Choice(String name, boolean required, boolean lenient, String... members) {
            super(name, required);
            this.members = List.of(members);
            this.lenient = lenient;
        }

        @Override
        Arbitrary<Json> valid() {
            return Arbitraries.of(members).map(Json::string);
        }

        @Override
        Arbitrary<Json> wrongType() {
            return withNullIfRequired(literals("1", "0", "true", "{}", "[]", "[\"" + members.get(0) + "\"]", "2.5"));
        }

        @Override
        Optional<Arbitrary<Json>> badValue() {
            List<String> bad = new ArrayList<>(List.of("NOPE", "", " ", members.get(0) + "S", "S_M_S", "1"));
            if (!lenient) {
                members.forEach(m -> {
                    bad.add(m.toLowerCase(Locale.ROOT));
                    bad.add(m + " ");
                    bad.add(" " + m);
                });
            }
            return Optional.of(Arbitraries.of(bad).map(Json::string));
        }

        @Override
        Optional<Arbitrary<Json>> oversized() {
            return Optional.of(longer(200));
        }

        @Override
        boolean readAsText() {
            return true;
        }
    }

    /** A list of names out of an enum ({@code areas}, {@code roles}, {@code channels}). */
    static final class Choices extends Field {
        final List<String> members;
        private final int min;
        private final int max;
        private final boolean noRepeats;

        Choices(String name, boolean required, int min, int max, boolean noRepeats, String... members) {
            super(name, required);
            this.members = List.of(members);
            this.min = min;
            this.max = max;
            this.noRepeats = noRepeats;
        }

        @Override
        Arbitrary<Json> valid() {
            int least = Math.max(1, min);
            return Arbitraries.shuffle(members).flatMap(shuffled -> Arbitraries.integers()
                    .between(least, Math.min(max, shuffled.size()))
                    .map(n -> new Json.Arr(shuffled.subList(0, n).stream().map(Json::string).toList())));
        }

        @Override
        Arbitrary<Json> wrongType() {
            return withNullIfRequired(literals("\"" + members.get(0) + "\"", "\"\"", "1", "true", "{}",
                    "{\"0\":\"" + members.get(0) + "\"}", "[1]", "[true]", "[{}]", "[[\"" + members.get(0) + "\"]]"));
        }

        @Override
        Optional<Arbitrary<Json>> badValue() {
            List<Json> bad = new ArrayList<>();
            if (min >= 1) {
                bad.add(Json.literal("[]"));
            }
            bad.add(Json.literal("[null]"));
            bad.add(Json.literal("[\"NOPE\"]"));
            bad.add(Json.literal("[\"" + members.get(0) + "\",\"NOPE\"]"));
            bad.add(Json.literal("[\"" + members.get(0).toLowerCase(Locale.ROOT) + "\"]"));
            bad.add(Json.literal("[\"\"]"));
            if (max < Integer.MAX_VALUE) {
                List<Json> many = new ArrayList<>();
                for (int i = 0; i <= max; i++) {
                    many.add(Json.string(members.get(i % members.size())));
                }
                bad.add(new Json.Arr(many));
            }
            if (noRepeats) {
                bad.add(new Json.Arr(List.of(Json.string(members.get(0)), Json.string(members.get(0)))));
            }
            return Optional.of(Arbitraries.of(bad));
        }

        @Override
        Optional<Arbitrary<Json>> oversized() {
            return Optional.of(longer(200).map(s -> new Json.Arr(List.of(s))));
        }

        @Override
        boolean readAsText() {
            return true;
        }
    }

    /** A whole number in [min, max]. */
    static final class Int extends Field {
        private final int min;
        private final int max;

        Int(String name, boolean required, int min, int max) {
            super(name, required);
            this.min = min;
            this.max = max;
        }

        @Override
        Arbitrary<Json> valid() {
            return Arbitraries.integers().between(min, max).map(n -> Json.literal(Integer.toString(n)));
        }

        @Override
        Arbitrary<Json> wrongType() {
            return withNullIfRequired(literals("\"" + min + "\"", "\"\"", "\"thirty\"", (min + 0.5) + "", min + ".0",
                    "3e1", "true", "false", "{}", "[]", "[" + min + "]"));
        }

        @Override
        Optional<Arbitrary<Json>> badValue() {
            return Optional.of(literals(Integer.toString(min - 1), Integer.toString(max + 1), "-2147483649",
                    "2147483648", "99999999999999999999", Integer.toString(Integer.MIN_VALUE)));
        }
    }

    /** true or false, nothing else. */
    static final class Bool extends Field {
        Bool(String name, boolean required) {
            super(name, required);
        }

        @Override
        Arbitrary<Json> valid() {
            return literals("true", "false");
        }

        @Override
        Arbitrary<Json> wrongType() {
            return withNullIfRequired(literals("\"true\"", "\"\"", "\"false\"", "\"yes\"", "1", "0", "{}", "[]", "[true]"));
        }

        @Override
        Optional<Arbitrary<Json>> badValue() {
            return Optional.empty();
        }
    }

    /** A nested object (quiet hours), or the body itself. */
    static final class Obj extends Field {
        final List<Field> fields;
        private final List<String> refusedWholes;

        Obj(String name, boolean required, List<Field> fields, String... refusedWholes) {
            super(name, required);
            this.fields = fields;
            this.refusedWholes = List.of(refusedWholes);
        }

        @Override
        Arbitrary<Json> valid() {
            return validObject().map(Json.class::cast);
        }

        /** Every required field, and each optional one or not. */
        Arbitrary<Json.Obj> validObject() {
            Arbitrary<List<Json.Member>> members = Arbitraries.just(Collections.<Json.Member>emptyList());
            for (Field field : fields) {
                Arbitrary<Optional<Json>> value = field.required
                        ? field.valid().map(Optional::of)
                        : field.valid().map(Optional::of).injectNull(0.3).map(v -> v == null ? Optional.<Json>empty() : v);
                members = members.flatMap(sofar -> value.map(v -> {
                    if (v.isEmpty()) {
                        return sofar;
                    }
                    List<Json.Member> more = new ArrayList<>(sofar);
                    more.add(Json.member(field.name, v.get()));
                    return more;
                }));
            }
            return members.map(Json.Obj::new);
        }

        @Override
        Arbitrary<Json> wrongType() {
            return withNullIfRequired(literals("\"x\"", "1", "true", "[]"));
        }

        @Override
        Optional<Arbitrary<Json>> badValue() {
            List<String> bad = new ArrayList<>(refusedWholes);
            if (fields.stream().anyMatch(f -> f.required)) {
                bad.add("{}");
            }
            return bad.isEmpty() ? Optional.empty() : Optional.of(literals(bad.toArray(String[]::new)));
        }
    }

    /** A list of objects (a family's carers). */
    static final class ObjList extends Field {
        final Obj element;
        private final int min;
        private final int max;

        ObjList(String name, boolean required, Obj element, int min, int max) {
            super(name, required);
            this.element = element;
            this.min = min;
            this.max = max;
        }

        @Override
        Arbitrary<Json> valid() {
            return element.validObject().list().ofMinSize(Math.max(1, min)).ofMaxSize(Math.min(max, 2))
                    .map(items -> new Json.Arr(List.copyOf(items)));
        }

        @Override
        Arbitrary<Json> wrongType() {
            return withNullIfRequired(Arbitraries.oneOf(literals("\"x\"", "1", "true", "[1]", "[\"x\"]", "[[]]"),
                    element.validObject().map(Json.class::cast)));
        }

        @Override
        Optional<Arbitrary<Json>> badValue() {
            Arbitrary<Json> tooMany = element.validObject().list().ofSize(max + 1).map(items -> new Json.Arr(List.copyOf(items)));
            List<Arbitrary<Json>> bad = new ArrayList<>(List.of(literals("[null]"), tooMany));
            if (min >= 1) {
                bad.add(literals("[]"));
            }
            return Optional.of(Arbitraries.oneOf(bad));
        }
    }
}
