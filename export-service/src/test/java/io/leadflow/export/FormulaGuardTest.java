package io.leadflow.export;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormulaGuardTest {

    @Test
    void formulaStarts_getAnApostrophe() {
        assertThat(FormulaGuard.neutralised("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(FormulaGuard.neutralised("+1+1")).isEqualTo("'+1+1");
        assertThat(FormulaGuard.neutralised("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(FormulaGuard.neutralised("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(FormulaGuard.neutralised("\tx")).isEqualTo("'\tx");
        assertThat(FormulaGuard.neutralised("\rx")).isEqualTo("'\rx");
    }

    @Test
    void fullWidthFormulaStarts_getAnApostropheToo() {
        assertThat(FormulaGuard.neutralised("＝HYPERLINK(\"http://x\")")).isEqualTo("'＝HYPERLINK(\"http://x\")");
        assertThat(FormulaGuard.neutralised("＋1＋1")).isEqualTo("'＋1＋1");
        assertThat(FormulaGuard.neutralised("－2＋3")).isEqualTo("'－2＋3");
        assertThat(FormulaGuard.neutralised("＠SUM(A1)")).isEqualTo("'＠SUM(A1)");
    }

    @Test
    void e164Phones_getAnApostropheLikeAnyOtherPlusSign() {
        assertThat(FormulaGuard.triggers("+923001234567")).isTrue();
        assertThat(FormulaGuard.neutralised("+923001234567")).isEqualTo("'+923001234567");
    }

    @Test
    void ordinaryText_isUntouched() {
        assertThat(FormulaGuard.neutralised("Ahmed")).isEqualTo("Ahmed");
        assertThat(FormulaGuard.neutralised("احمد خان")).isEqualTo("احمد خان");
        assertThat(FormulaGuard.neutralised(" =1+1")).isEqualTo(" =1+1");
        assertThat(FormulaGuard.neutralised("a=b")).isEqualTo("a=b");
        assertThat(FormulaGuard.neutralised("")).isEmpty();
        assertThat(FormulaGuard.neutralised(null)).isNull();
        assertThat(FormulaGuard.triggers(null)).isFalse();
    }

    @Test
    void sql_testsTheSameFirstCharacters() {
        assertThat(FormulaGuard.neutralisedSql("user_name")).isEqualTo(
                "CASE WHEN ascii(user_name) IN (61, 43, 45, 64, 9, 13, 65309, 65291, 65293, 65312) "
                        + "THEN '''' || user_name ELSE user_name END");
    }
}
