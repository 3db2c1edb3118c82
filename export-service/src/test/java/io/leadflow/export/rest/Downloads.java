package io.leadflow.export.rest;

import io.leadflow.leadquery.LeadFilter;
import io.leadflow.leadquery.LeadSql;
import io.leadflow.testinfra.TestPostgres;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Downloads read back the way a user's tools read them: a CSV parser and POI. */
final class Downloads {

    static final ZoneId ZONE = ZoneId.of("Asia/Karachi");
    static final List<String> HEADERS = List.of("Lead ID", "Name", "Email", "Phone", "Channel", "Message", "Intent",
            "Urgency", "Score", "Grade", "Score breakdown", "Status", "Messages", "Received at", "Last message at",
            "Exported before");

    /** A cell of an Excel file: its text (numbers as whole numbers) and whether Excel's text marker is on. */
    record XlsxCell(String text, boolean quotePrefixed) {
    }

    private Downloads() {
    }

    static byte[] csvBytes(Map<String, List<String>> parameters) {
        return request(parameters).get("/api/export/leads.csv").then().statusCode(200).extract().asByteArray();
    }

    /** The CSV's records as header → value, after checking the byte order mark and the CRLF record ends. */
    static List<Map<String, String>> csv(Map<String, List<String>> parameters) throws IOException {
        return csvRecords(csvBytes(parameters));
    }

    /** The CSV of a POST, which marks the leads it holds. */
    static List<Map<String, String>> csvMarked(Map<String, List<String>> parameters) throws IOException {
        return csvRecords(request(parameters).contentType(ContentType.JSON).post("/api/export/leads.csv")
                .then().statusCode(200).extract().asByteArray());
    }

    static List<Map<String, String>> csvRecords(byte[] body) throws IOException {
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith(String.join(",", HEADERS) + "\r\n");
        List<Map<String, String>> rows = new ArrayList<>();
        for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text))) {
            assertThat(record.getParser().getHeaderNames()).isEqualTo(HEADERS);
            rows.add(record.toMap());
        }
        return rows;
    }

    /** Every data row of every sheet, in order, as header → cell. */
    static List<Map<String, XlsxCell>> xlsx(Map<String, List<String>> parameters) throws IOException {
        return xlsxRows(request(parameters).get("/api/export/leads.xlsx").then().statusCode(200).extract().asByteArray());
    }

    /** The workbook of a POST, which marks the leads it holds. */
    static List<Map<String, XlsxCell>> xlsxMarked(Map<String, List<String>> parameters) throws IOException {
        return xlsxRows(request(parameters).contentType(ContentType.JSON).post("/api/export/leads.xlsx")
                .then().statusCode(200).extract().asByteArray());
    }

    static List<Map<String, XlsxCell>> xlsxRows(byte[] body) throws IOException {
        List<Map<String, XlsxCell>> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            for (Sheet sheet : workbook) {
                List<String> headers = new ArrayList<>();
                sheet.getRow(0).forEach(cell -> headers.add(cell.getStringCellValue()));
                assertThat(headers).isEqualTo(HEADERS);
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    rows.add(cells(sheet.getRow(r), headers));
                }
            }
        }
        return rows;
    }

    private static Map<String, XlsxCell> cells(Row row, List<String> headers) {
        Map<String, XlsxCell> cells = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            Cell cell = row.getCell(i);
            if (cell == null) {
                cells.put(headers.get(i), new XlsxCell("", false));
            } else if (cell.getCellType() == CellType.NUMERIC) {
                cells.put(headers.get(i), new XlsxCell(String.valueOf((long) cell.getNumericCellValue()), false));
            } else {
                cells.put(headers.get(i), new XlsxCell(cell.getStringCellValue(), cell.getCellStyle().getQuotePrefixed()));
            }
        }
        return cells;
    }

    static RequestSpecification request(Map<String, List<String>> parameters) {
        RequestSpecification request = given().urlEncodingEnabled(true);
        parameters.forEach((name, values) -> request.queryParam(name, values.toArray()));
        return request;
    }

    /** The ids {@code GET /api/leads} answers for these parameters: LeadFilter and LeadSql over plain JDBC. */
    static List<Long> apiIds(Map<String, List<String>> parameters) throws SQLException {
        LeadFilter filter = LeadFilter.parse(parameters, ZONE);
        LeadSql.Fragment where = LeadSql.where(filter, LeadSql.QUESTION_MARKS, 1);
        List<Long> ids = new ArrayList<>();
        try (Connection db = TestPostgres.connect();
             PreparedStatement select = db.prepareStatement("SELECT id FROM leads " + where.sql() + " " + filter.sort().orderBy())) {
            for (int i = 0; i < where.params().size(); i++) {
                select.setObject(i + 1, where.params().get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The ids of the leads marked exported, ascending. */
    static List<Long> exportedIds() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection db = TestPostgres.connect();
             PreparedStatement select = db.prepareStatement("SELECT id FROM leads WHERE exported ORDER BY id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
