package dev.tandem.platform.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON written by hand, byte for byte, so that a body can hold what no serializer would write: a key
 * twice, a lone surrogate, a raw control character, bytes that are not UTF-8, a fragment that is not
 * JSON at all.
 */
sealed interface Json {

    void write(Out out);

    default byte[] bytes() {
        Out out = new Out();
        write(out);
        return out.toByteArray();
    }

    /** The body as a person would read it in a failure report (bytes that are not UTF-8 shown as \xNN). */
    default String show() {
        return Out.show(bytes());
    }

    static Json string(String value) {
        return new Str(List.of(value));
    }

    static Json literal(String text) {
        return new Literal(text);
    }

    static Json.Obj object(Member... members) {
        return new Obj(List.of(members));
    }

    static Member member(String name, Json value) {
        return new Member(name, value);
    }

    /**
     * A string: its parts are text (escaped as JSON requires, a lone surrogate as its escape since UTF-8
     * cannot carry one) or raw bytes, written as they are.
     */
    record Str(List<Object> parts) implements Json {
        @Override
        public void write(Out out) {
            out.text("\"");
            for (Object part : parts) {
                if (part instanceof byte[] raw) {
                    out.raw(raw);
                } else {
                    out.escaped((String) part);
                }
            }
            out.text("\"");
        }
    }

    /** JSON text as it is: a number, true, null, or something that only looks like JSON. */
    record Literal(String text) implements Json {
        @Override
        public void write(Out out) {
            out.text(text);
        }
    }

    record Member(String name, Json value) {
    }

    record Obj(List<Member> members) implements Json {
        @Override
        public void write(Out out) {
            out.text("{");
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.text(",");
                }
                new Str(List.of(members.get(i).name())).write(out);
                out.text(":");
                members.get(i).value().write(out);
            }
            out.text("}");
        }

        Json get(String name) {
            return members.stream().filter(m -> m.name().equals(name)).map(Member::value).findFirst().orElse(null);
        }

        Obj with(String name, Json value) {
            List<Member> changed = new ArrayList<>();
            boolean replaced = false;
            for (Member m : members) {
                if (m.name().equals(name) && !replaced) {
                    changed.add(new Member(name, value));
                    replaced = true;
                } else {
                    changed.add(m);
                }
            }
            if (!replaced) {
                changed.add(new Member(name, value));
            }
            return new Obj(changed);
        }

        Obj without(String name) {
            return new Obj(members.stream().filter(m -> !m.name().equals(name)).toList());
        }

        Obj plus(Member member) {
            List<Member> more = new ArrayList<>(members);
            more.add(member);
            return new Obj(more);
        }
    }

    record Arr(List<Json> items) implements Json {
        @Override
        public void write(Out out) {
            out.text("[");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.text(",");
                }
                items.get(i).write(out);
            }
            out.text("]");
        }
    }

    /** Where a body is written: UTF-8 text, JSON escapes and raw bytes. */
    final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void text(String text) {
            bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        void raw(byte[] raw) {
            bytes.writeBytes(raw);
        }

        void escaped(String text) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (pair) {
                    out.append(c).append(text.charAt(++i));
                } else if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || Character.isSurrogate(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            text(out.toString());
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }

        /** Printable ASCII as it is, anything else escaped: a failure report must show exactly what was sent. */
        static String show(byte[] bytes) {
            StringBuilder shown = new StringBuilder();
            int limit = Math.min(bytes.length, 600);
            for (int i = 0; i < limit; i++) {
                int b = bytes[i] & 0xff;
                if (b >= 0x20 && b < 0x7f) {
                    shown.append((char) b);
                } else {
                    shown.append(String.format("\\x%02x", b));
                }
            }
            if (bytes.length > limit) {
                shown.append("... (").append(bytes.length).append(" bytes)");
            }
            return shown.toString();
        }
    }
}
