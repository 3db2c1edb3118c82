package io.leadflow.export.service;

import io.leadflow.export.ExportColumns;
import io.leadflow.export.FormulaGuard;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.util.TempFileCreationStrategy;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An Excel workbook of leads written with POI's streaming writer (SXSSF): a window of rows in memory, the rest
 * in temporary files in a directory of this workbook's own, which {@link #close()} removes. Past
 * {@code rowsPerSheet} data rows the workbook continues on a new sheet ("Leads", "Leads 2"…), each with the
 * headers. Text that a spreadsheet would read as a formula is stored with Excel's own text marker (the
 * "quote prefix", an apostrophe Excel shows only in the formula bar), so the cell shows the value unchanged and
 * stays text even when edited. Blocking: use it on a worker thread.
 */
public final class XlsxWorkbook implements Closeable {

    /** The longest text a cell can hold; longer text is cut there. */
    static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    /** Rows kept in memory; the others are flushed to the temporary files. */
    private static final int WINDOW = 100;

    private final List<ExportColumns.Column> columns;
    private final int rowsPerSheet;
    private final Path directory;
    private final TempFileCreationStrategy tempFiles;
    private final SXSSFWorkbook workbook;
    private final CellStyle headerStyle;
    private final CellStyle quotedText;
    private SXSSFSheet sheet;
    private int sheets;
    private int rowsInSheet;

    public XlsxWorkbook(List<ExportColumns.Column> columns, int rowsPerSheet, Path tempRoot, boolean compressTempFiles)
            throws IOException {
        checkRowsPerSheet(rowsPerSheet);
        this.columns = List.copyOf(columns);
        this.rowsPerSheet = rowsPerSheet;
        Files.createDirectories(tempRoot);
        this.directory = Files.createTempDirectory(tempRoot, "xlsx-");
        this.tempFiles = new DefaultTempFileCreationStrategy(directory.toFile());
        this.workbook = new SXSSFWorkbook(WINDOW);
        workbook.setCompressTempFiles(compressTempFiles);
        this.headerStyle = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle.setFont(bold);
        this.quotedText = workbook.createCellStyle();
        quotedText.setQuotePrefixed(true);
    }

    /** A sheet holds at least one data row and at most Excel's limit less the header row. */
    public static void checkRowsPerSheet(int rowsPerSheet) {
        int most = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;
        if (rowsPerSheet < 1 || rowsPerSheet > most) {
            throw new IllegalArgumentException("leadflow.export.xlsx.rows-per-sheet must be between 1 and " + most
                    + ", not " + rowsPerSheet);
        }
    }

    /** Adds a row: the values of {@code columns}, a {@code Long} for a number, a {@code String} for text, or null. */
    public void add(Object[] values) {
        if (sheet == null || rowsInSheet == rowsPerSheet) {
            startSheet();
        }
        Row row = sheet.createRow(++rowsInSheet);
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Long number) {
                row.createCell(i).setCellValue(number.doubleValue());
            } else if (value instanceof String text) {
                Cell cell = row.createCell(i);
                cell.setCellValue(fitted(text));
                if (FormulaGuard.triggers(text)) {
                    cell.setCellStyle(quotedText);
                }
            }
        }
    }

    /** How many sheets the workbook has so far. */
    public int sheets() {
        return sheets;
    }

    /** Writes the whole workbook to {@code out}; the rows come back from the temporary files. */
    public void writeTo(OutputStream out) throws IOException {
        if (sheet == null) {
            startSheet();
        }
        try {
            TempFile.withStrategy(tempFiles, () -> {
                try {
                    workbook.write(out);
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void startSheet() {
        sheets++;
        sheet = TempFile.withStrategy(tempFiles, () -> workbook.createSheet(sheets == 1 ? "Leads" : "Leads " + sheets));
        rowsInSheet = 0;
        Row header = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = header.createCell(i);
            cell.setCellValue(columns.get(i).header());
            cell.setCellStyle(headerStyle);
            sheet.setColumnWidth(i, columns.get(i).width() * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    private static String fitted(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT - 2)) ? MAX_TEXT - 2 : MAX_TEXT - 1;
        return text.substring(0, end) + "…";
    }

    /** Removes every temporary file, whether the workbook was written or not. */
    @Override
    public void close() throws IOException {
        try {
            workbook.dispose(); // deletes the sheets' temporary files, then close() lets go of the rest
            workbook.close();
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
