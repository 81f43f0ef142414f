package dev.tandem.command.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.api.safeguarding.HistoryQuery;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The exported PDF read back with PDFBox, as a court or an inspector's software would read it. */
class HistoryPdfTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEAD = "3f".repeat(32);

    private static History.Event event(long sequence, String type, String role, String payload) {
        return new History.Event(sequence, "event-" + sequence, type, "2026-12-0" + (sequence % 9 + 1) + "T09:30:00Z",
                new History.Actor("staff-" + sequence, role, List.of(role)), JSON.readTree(payload));
    }

    private static HistoryExport export(boolean verified, List<History.Event> events) {
        return new HistoryExport(new HistoryExport.Party("setting-1", "Little Acorns"),
                new HistoryExport.Party("child-1", "Zofia Nowak"),
                new HistoryExport.Exporter("dsl-1", "Maya Patel", "DSL"), Instant.parse("2026-12-03T10:00:00Z"),
                "Strategy meeting with children's social care",
                new HistoryQuery(null, null, Instant.parse("2026-12-02T23:59:59Z")),
                new History.Integrity(verified, events.size(), HEAD, verified ? null : 2L), events);
    }

    private static List<History.Event> aRecord() {
        return List.of(
                event(1, "ConcernRecorded", "KEY_PERSON",
                        "{\"category\":\"INJURY\",\"text\":\"Bruise on the left forearm, about 3 cm\"}"),
                event(2, "ParentReplied", "CARER", "{\"text\":\"Dziękuję, Zofia upadła w ogrodzie w niedzielę\"}"),
                event(3, "ParentReplied", "CARER", "{\"text\":\"شکریہ، ہم کل بات کریں گے\"}"));
    }

    @Test
    void theFirstPageStatesWhatTheRecordIsWhoExportedItWhyAndWhetherItVerified() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(new HistoryPdf().render(export(true, aRecord())))) {
            String firstPage = text(pdf, 1, 1);
            assertThat(firstPage).contains("Safeguarding history", "Little Acorns", "Zofia Nowak", "Maya Patel",
                    "Strategy meeting with children's social care", "as it stood on 2 Dec 2026", "Verified", HEAD);
        }
    }

    @Test
    void theConcernAndAPolishReplyReadBackAsWritten() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(new HistoryPdf().render(export(true, aRecord())))) {
            String text = text(pdf, 1, pdf.getNumberOfPages());
            assertThat(text).contains("Bruise on the left forearm, about 3 cm",
                    "Dziękuję, Zofia upadła w ogrodzie w niedzielę");
        }
    }

    @Test
    void everyFontIsEmbeddedSoArabicScriptPrintsWithoutTheReadersFonts() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(new HistoryPdf().render(export(true, aRecord())))) {
            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : pdf.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name));
                }
            }
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font.isEmbedded()).isTrue();
                assertThat(font.getName()).contains("DejaVuSans");
            });
            // the Urdu reply is shaped (presentation forms), not dropped or printed as '?'
            String text = text(pdf, 1, pdf.getNumberOfPages());
            assertThat(text.codePoints().filter(c -> c >= 0x0600 && c <= 0x06FF || c >= 0xFB50 && c <= 0xFEFF).count())
                    .isGreaterThan(10);
            assertThat(text).doesNotContain("?");
        }
    }

    @Test
    void aBrokenRecordSaysSoOnTheFirstPageAndMarksTheFirstMismatch() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(new HistoryPdf().render(export(false, aRecord())))) {
            String text = text(pdf, 1, pdf.getNumberOfPages());
            assertThat(text).contains("NOT VERIFIED", "first mismatch at event #2", "(first mismatch)");
        }
    }

    private static String text(PDDocument pdf, int from, int to) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(from);
        stripper.setEndPage(to);
        return stripper.getText(pdf);
    }
}
