package dev.tandem.command.safeguarding;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Prints a history as a PDF for a multi-agency meeting, an inspector or a court: the facts first (setting,
 * child, who exported it, when, why, the query, the integrity and head hash), then one row per event.
 * Text is set in DejaVu Sans, embedded, so that Polish replies and Arabic-script replies print as written;
 * Arabic-script text is shaped and laid out right to left (OpenPDF's bidi and Arabic shaping, see
 * docs/decisions/0010).
 */
final class HistoryPdf {

    private static final String FONT = "net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf";
    private static final String BOLD_FONT = "net/sf/jasperreports/fonts/dejavu/DejaVuSans-Bold.ttf";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);
    private static final Color BROKEN = new Color(0xB0, 0x00, 0x20);
    private static final Color VERIFIED = new Color(0x0B, 0x6E, 0x3B);

    private final BaseFont regular = font(FONT);
    private final BaseFont bold = font(BOLD_FONT);

    byte[] render(HistoryExport export) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Safeguarding history");
            document.addCreator("Tandem");
            document.open();
            document.add(facts(export));
            document.add(chronology(export));
        } catch (DocumentException e) {
            throw new IllegalStateException("The history could not be laid out as a PDF", e);
        } finally {
            document.close();
        }
        return out.toByteArray();
    }

    private PdfPTable facts(HistoryExport export) {
        PdfPTable table = new PdfPTable(new float[] {1, 4});
        table.setWidthPercentage(100);
        table.setSpacingAfter(12);
        PdfPCell title = cell("Safeguarding history", new Font(bold, 16));
        title.setColspan(2);
        title.setBorder(0);
        table.addCell(title);
        fact(table, "Setting", named(export.setting()));
        fact(table, "Child", named(export.child()));
        fact(table, "Exported by", (export.exportedBy().name() == null ? "" : export.exportedBy().name() + " ")
                + "(" + export.exportedBy().role() + ", " + export.exportedBy().id() + ")");
        fact(table, "Exported at", when(export.exportedAt()));
        fact(table, "Reason", export.reason());
        fact(table, "Query", query(export));
        History.Integrity integrity = export.integrity();
        String verdict = integrity.verified()
                ? "Verified: the " + integrity.eventCount() + " events below match their sealed chain."
                : "NOT VERIFIED: the record was altered outside the platform; first mismatch at event #"
                        + integrity.brokenAt() + ".";
        PdfPCell label = cell("Integrity", new Font(bold, 10));
        table.addCell(label);
        table.addCell(cell(verdict, new Font(bold, 10, Font.NORMAL, integrity.verified() ? VERIFIED : BROKEN)));
        fact(table, "Head hash", integrity.headHash());
        return table;
    }

    private PdfPTable chronology(HistoryExport export) {
        PdfPTable table = new PdfPTable(new float[] {0.6f, 1.6f, 1.8f, 1.6f, 6});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String heading : new String[] {"#", "When", "What", "Who", "Details (as stored)"}) {
            PdfPCell cell = cell(heading, new Font(bold, 9));
            cell.setBackgroundColor(new Color(0xEE, 0xEE, 0xEE));
            table.addCell(cell);
        }
        Font font = new Font(regular, 8);
        for (History.Event event : export.events()) {
            boolean broken = export.integrity().brokenAt() != null && export.integrity().brokenAt() == event.sequence();
            Font rowFont = broken ? new Font(regular, 8, Font.NORMAL, BROKEN) : font;
            table.addCell(cell(Long.toString(event.sequence()), rowFont));
            table.addCell(cell(occurred(event.occurredAt()), rowFont));
            table.addCell(cell(event.type() + (broken ? "\n(first mismatch)" : ""), rowFont));
            table.addCell(cell(event.actor().role() + (event.actor().id() == null ? "" : "\n" + event.actor().id()),
                    rowFont));
            table.addCell(cell(details(event.payload()), rowFont));
        }
        if (export.events().isEmpty()) {
            PdfPCell none = cell("No events in this part of the record.", font);
            none.setColspan(5);
            table.addCell(none);
        }
        return table;
    }

    private void fact(PdfPTable table, String label, String value) {
        table.addCell(cell(label, new Font(bold, 10)));
        table.addCell(cell(value == null ? "" : value, new Font(regular, 10)));
    }

    /**
     * A cell laid out by the bidi algorithm, so Arabic script is shaped; a cell whose text starts in a
     * right-to-left script runs right to left.
     */
    private static PdfPCell cell(String text, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(new Chunk(text, font)));
        cell.setRunDirection(startsRightToLeft(text) ? PdfWriter.RUN_DIRECTION_RTL : PdfWriter.RUN_DIRECTION_LTR);
        cell.setHorizontalAlignment(Element.ALIGN_LEFT);
        cell.setPadding(4);
        return cell;
    }

    private static boolean startsRightToLeft(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            byte direction = Character.getDirectionality(codePoint);
            if (direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                    || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                return true;
            }
            if (direction == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return false;
    }

    /** The payload's fields one per line, nested values written compactly, nothing left out. */
    private static String details(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return payload == null ? "" : payload.toString();
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, JsonNode> field : payload.properties()) {
            JsonNode value = field.getValue();
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(field.getKey()).append(": ")
                    .append(value.isNull() ? "—" : value.isValueNode() ? value.asString() : value.toString());
        }
        return text.toString();
    }

    private static String named(HistoryExport.Party party) {
        return party.name() == null ? String.valueOf(party.id()) : party.name() + " (" + party.id() + ")";
    }

    private static String query(HistoryExport export) {
        var query = export.query();
        if (query.from() == null && query.to() == null && query.asOf() == null) {
            return "The whole record, as it stands.";
        }
        StringBuilder text = new StringBuilder();
        if (query.from() != null) {
            text.append("from ").append(when(query.from())).append("; ");
        }
        if (query.to() != null) {
            text.append("to ").append(when(query.to())).append("; ");
        }
        if (query.asOf() != null) {
            text.append("as it stood on ").append(when(query.asOf())).append("; ");
        }
        return text.substring(0, text.length() - 2) + ".";
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }

    private static String occurred(String stored) {
        try {
            return when(Instant.parse(stored));
        } catch (RuntimeException unreadable) {
            return String.valueOf(stored);
        }
    }

    private static BaseFont font(String resource) {
        try (InputStream in = HistoryPdf.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The font " + resource + " is missing from the classpath");
            }
            return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException e) {
            throw new IllegalStateException("The font " + resource + " cannot be read", e);
        }
    }
}
