package io.leadflow.export.rest;

import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestAccess;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@TestProfile(XlsxSheetSplitTest.FourRowsPerSheet.class)
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
class XlsxSheetSplitTest {

    @BeforeEach
    void signIn() {
        TestAccess.actAs("admin");
    }

    /** Sheets of four data rows, so ten leads need three. */
    public static class FourRowsPerSheet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadflow.export.xlsx.rows-per-sheet", "4");
        }
    }

    @Test
    void pastRowsPerSheet_theWorkbookContinuesOnNewSheets_eachWithTheHeaders() throws IOException {
        ExportFixture leads = ExportFixture.insert();
        byte[] file = given().get("/api/export/leads.xlsx?sort=created_at").then().statusCode(200).extract().asByteArray();

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2)))
                    .containsExactly("Leads", "Leads 2", "Leads 3");
            assertThat(idsOf(workbook.getSheetAt(0))).containsExactly(leads.id(10), leads.id(5), leads.id(7), leads.id(6));
            assertThat(idsOf(workbook.getSheetAt(1))).containsExactly(leads.id(1), leads.id(2), leads.id(3), leads.id(4));
            assertThat(idsOf(workbook.getSheetAt(2))).containsExactly(leads.id(8), leads.id(9));
            for (Sheet sheet : workbook) {
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Lead ID");
                assertThat(sheet.getRow(0).getLastCellNum()).isEqualTo((short) Downloads.HEADERS.size());
            }
        }
    }

    private static List<Long> idsOf(Sheet sheet) {
        List<Long> ids = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            ids.add((long) sheet.getRow(r).getCell(0).getNumericCellValue());
        }
        return ids;
    }
}
