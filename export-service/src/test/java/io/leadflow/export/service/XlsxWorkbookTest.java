package io.leadflow.export.service;

import io.leadflow.export.ExportColumns;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XlsxWorkbookTest {

    private static final List<ExportColumns.Column> COLUMNS = List.of(
            new ExportColumns.Column("Lead ID", "id", ExportColumns.Kind.NUMBER, 9),
            new ExportColumns.Column("Name", "user_name", ExportColumns.Kind.TEXT, 20));

    @TempDir
    Path temp;

    @Test
    void pastRowsPerSheet_theWorkbookContinuesOnANewSheetWithTheHeaders() throws IOException {
        byte[] file;
        try (XlsxWorkbook workbook = new XlsxWorkbook(COLUMNS, 3, temp, true)) {
            for (long id = 1; id <= 7; id++) {
                workbook.add(new Object[] {id, "Lead " + id});
            }
            assertThat(workbook.sheets()).isEqualTo(3);
            file = written(workbook);
        }

        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            assertThat(read.getNumberOfSheets()).isEqualTo(3);
            assertThat(List.of(read.getSheetName(0), read.getSheetName(1), read.getSheetName(2)))
                    .containsExactly("Leads", "Leads 2", "Leads 3");
            assertThat(rows(read.getSheetAt(0))).containsExactly(List.of("Lead ID", "Name"),
                    List.of("1", "Lead 1"), List.of("2", "Lead 2"), List.of("3", "Lead 3"));
            assertThat(rows(read.getSheetAt(1))).containsExactly(List.of("Lead ID", "Name"),
                    List.of("4", "Lead 4"), List.of("5", "Lead 5"), List.of("6", "Lead 6"));
            assertThat(rows(read.getSheetAt(2))).containsExactly(List.of("Lead ID", "Name"), List.of("7", "Lead 7"));
        }
    }

    @Test
    void formulaLikeText_isStoredUnchangedWithExcelsTextMarker() throws IOException {
        byte[] file;
        try (XlsxWorkbook workbook = new XlsxWorkbook(COLUMNS, 10, temp, false)) {
            workbook.add(new Object[] {1L, "=cmd|' /C calc'!A0"});
            workbook.add(new Object[] {2L, "+923001234567"});
            workbook.add(new Object[] {3L, "Ahmed"});
            workbook.add(new Object[] {null, null});
            file = written(workbook);
        }

        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Sheet sheet = read.getSheetAt(0);
            Cell payload = sheet.getRow(1).getCell(1);
            assertThat(payload.getCellType()).isEqualTo(CellType.STRING);
            assertThat(payload.getStringCellValue()).isEqualTo("=cmd|' /C calc'!A0");
            assertThat(payload.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(sheet.getRow(2).getCell(1).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(sheet.getRow(3).getCell(1).getCellStyle().getQuotePrefixed()).isFalse();
            assertThat(sheet.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(4).getCell(0)).isNull();
            assertThat(sheet.getRow(4).getCell(1)).isNull();
        }
    }

    @Test
    void textPastExcelsLimit_isCutToFit() throws IOException {
        byte[] file;
        try (XlsxWorkbook workbook = new XlsxWorkbook(COLUMNS, 10, temp, true)) {
            workbook.add(new Object[] {1L, "x".repeat(XlsxWorkbook.MAX_TEXT + 10)});
            file = written(workbook);
        }
        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            String text = read.getSheetAt(0).getRow(1).getCell(1).getStringCellValue();
            assertThat(text).hasSize(XlsxWorkbook.MAX_TEXT).endsWith("x…");
        }
    }

    @Test
    void close_removesTheTemporaryFiles_whetherTheWorkbookWasWrittenOrNot() throws IOException {
        try (XlsxWorkbook workbook = new XlsxWorkbook(COLUMNS, 2, temp, true)) {
            for (long id = 1; id <= 5; id++) {
                workbook.add(new Object[] {id, "Lead " + id});
            }
            assertThat(files(temp)).isNotEmpty();
        }
        assertThat(files(temp)).isEmpty();
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void rowsPerSheet_mustFitExcel() {
        assertThatThrownBy(() -> XlsxWorkbook.checkRowsPerSheet(0)).hasMessageContaining("rows-per-sheet");
        assertThatThrownBy(() -> XlsxWorkbook.checkRowsPerSheet(1_048_576)).hasMessageContaining("1048575");
        XlsxWorkbook.checkRowsPerSheet(1_048_575);
    }

    private static byte[] written(XlsxWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.writeTo(out);
        return out.toByteArray();
    }

    private static List<List<String>> rows(Sheet sheet) {
        List<List<String>> rows = new ArrayList<>();
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            for (Cell cell : row) {
                cells.add(cell.getCellType() == CellType.NUMERIC
                        ? String.valueOf((long) cell.getNumericCellValue()) : cell.getStringCellValue());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
