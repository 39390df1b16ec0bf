package org.consultationtracker.query.report;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.consultationtracker.query.report.ReportView.VersionDocument;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A version as PDF: the {@link ReportHtml} document laid out by openhtmltopdf (PDFBox underneath), with right-to-left
 * runs reordered (ICU) and a Unicode font embedded so words in any script print as written. The font is DejaVu Sans
 * from {@code consultation.report.pdf-font-dir}; where it is missing the PDF's standard fonts are used, which cannot
 * show characters outside Latin-1 (they print as '#', the rest of the document unaffected).
 */
@Component
public class ReportPdf {

    private static final String FAMILY = "DejaVu Sans";

    private record Face(String file, int weight, FontStyle style) {
    }

    private static final List<Face> FACES = List.of(
            new Face("DejaVuSans.ttf", 400, FontStyle.NORMAL), new Face("DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL),
            new Face("DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC),
            new Face("DejaVuSans-BoldOblique.ttf", 700, FontStyle.ITALIC));

    private final File fontDirectory;

    public ReportPdf(@Value("${consultation.report.pdf-font-dir:/usr/share/fonts/truetype/dejavu}") String fontDirectory) {
        this.fontDirectory = new File(fontDirectory);
    }

    public byte[] render(VersionDocument document) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
        builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
        builder.defaultTextDirection(PdfRendererBuilder.TextDirection.LTR);
        for (Face face : FACES) {
            File file = new File(fontDirectory, face.file());
            if (file.isFile()) {
                builder.useFont(file, FAMILY, face.weight(), face.style(), true);
            }
        }
        builder.withHtmlContent(ReportHtml.render(document), null);
        builder.withProducer("consultation tracker");
        builder.toStream(pdf);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the report could not be laid out as PDF", e);
        }
        return pdf.toByteArray();
    }
}
