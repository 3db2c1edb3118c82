package io.leadflow.ingest.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTextTest {

    private final ContactNormalizer contacts = TestConfigs.contacts();

    @Test
    void paragraphsAndLineBreaksBecomeLines_markupAndEntitiesAreGone() {
        String html = "<html><head><style>p{color:red}</style></head><body><p>Hello,</p><p>we need <b>12 chairs</b>"
                + " &amp; 2 desks.<br>Call me:<br>0300 1234567</p><script>alert(1)</script></body></html>";
        assertThat(contacts.text(HtmlText.toText(html))).isEqualTo("Hello,\n\nwe need 12 chairs & 2 desks.\nCall me:\n0300 1234567");
    }

    @Test
    void listsKeepTheirItems() {
        assertThat(contacts.text(HtmlText.toText("<ul><li>oak table</li><li>4 chairs</li></ul>"))).isEqualTo("- oak table\n- 4 chairs");
    }

    @Test
    void quotedEarlierMessagesAndSignatures_areLeftOutWhenAsked() {
        String html = "<div>Yes, please send it.</div><div class=\"gmail_signature\">Omar</div>"
                + "<div class=\"gmail_quote\">On Tue Sales wrote:<blockquote>Our offer</blockquote></div>";
        assertThat(contacts.text(HtmlText.toText(html, true))).isEqualTo("Yes, please send it.");
        assertThat(contacts.text(HtmlText.toText(html, false))).contains("Our offer");
    }

    @Test
    void nothing_isEmpty() {
        assertThat(HtmlText.toText(null)).isEmpty();
        assertThat(HtmlText.toText("  ")).isEmpty();
    }
}
