package io.leadflow.analysis.service;

import io.leadflow.events.Analysis;
import io.leadflow.events.Intent;
import io.leadflow.events.Sentiment;
import io.leadflow.events.Urgency;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineAnalyzerTest {

    private static final OfflineAnalyzer ANALYZER = new OfflineAnalyzer("PK");

    @Test
    void seedExample_isAnUrgentBuyOfThreeUnits() {
        Analysis analysis = ANALYZER.analyze("I want to buy 3 units today, it is urgent");
        assertThat(analysis.intent()).isEqualTo(Intent.BUY);
        assertThat(analysis.urgency()).isEqualTo(Urgency.HIGH);
        assertThat(analysis.extracted().quantity()).isEqualTo(3);
        assertThat(analysis.provider()).isEqualTo("offline");
        assertThat(analysis.language()).isEqualTo("en");
        assertThat(analysis.confidence()).isGreaterThanOrEqualTo(70);
    }

    @Test
    void wordsMatchWhole_knowIsNotNow() {
        assertThat(ANALYZER.analyze("I know which one I want to buy").urgency()).isNotEqualTo(Urgency.HIGH);
        assertThat(ANALYZER.analyze("I want to buy it now").urgency()).isEqualTo(Urgency.HIGH);
    }

    @Test
    void negatedPurchase_isNotABuy() {
        assertThat(ANALYZER.analyze("I don't want to buy it anymore, thanks").intent()).isEqualTo(Intent.OTHER);
        assertThat(ANALYZER.analyze("Mujhe ab nahi chahiye, shukriya").intent()).isEqualTo(Intent.OTHER);
        assertThat(ANALYZER.analyze("I want to buy it").intent()).isEqualTo(Intent.BUY);
    }

    @Test
    void negatedUrgency_isNotHigh() {
        assertThat(ANALYZER.analyze("I want to order 2 chairs, it's not urgent").urgency()).isNotEqualTo(Urgency.HIGH);
    }

    @Test
    void romanUrdu_pricingQuestion() {
        Analysis analysis = ANALYZER.analyze("Bhai 10 cartons ka rate kya hai?");
        assertThat(analysis.intent()).isEqualTo(Intent.PRICING);
        assertThat(analysis.language()).isEqualTo("ur-Latn");
        assertThat(analysis.extracted().quantity()).isEqualTo(10);
    }

    @Test
    void arabicWithAttachedArticle_isRecognised() {
        Analysis analysis = ANALYZER.analyze("كم السعر؟ أحتاجه اليوم");
        assertThat(analysis.intent()).isEqualTo(Intent.PRICING);
        assertThat(analysis.urgency()).isEqualTo(Urgency.HIGH);
        assertThat(analysis.language()).isEqualTo("ar");
    }

    @Test
    void urduHindiAndSpanish_areRecognisedInTheirOwnScript() {
        assertThat(ANALYZER.analyze("میرا آرڈر ابھی تک نہیں آیا").language()).isEqualTo("ur");
        Analysis hindi = ANALYZER.analyze("मुझे 5 किलो चावल चाहिए, आज ही भेज दीजिए");
        assertThat(hindi.intent()).isEqualTo(Intent.BUY);
        assertThat(hindi.language()).isEqualTo("hi");
        assertThat(hindi.extracted().quantity()).isEqualTo(5);
        assertThat(hindi.extracted().product()).isEqualTo("rice");
        Analysis spanish = ANALYZER.analyze("El producto llegó roto, quiero un reembolso");
        assertThat(spanish.intent()).isEqualTo(Intent.COMPLAINT);
        assertThat(spanish.sentiment()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(spanish.language()).isEqualTo("es");
    }

    @Test
    void extractedData_productBudgetLocationContactTimePhonesAndEmails() {
        Analysis analysis = ANALYZER.analyze("We need 50 office chairs for our Lahore office, budget around $15,000. "
                + "Call me after 5pm on 0300 1234567 or mail procurement@Acme.example.com");
        assertThat(analysis.extracted()).usingRecursiveComparison().isEqualTo(new Analysis.ExtractedData(
                "chairs", 50, "USD 15000", "Lahore", "after 5pm", List.of("+923001234567"),
                List.of("procurement@acme.example.com")));
        assertThat(analysis.category()).isEqualTo("furniture");
    }

    @Test
    void budget_understandsLakhsAndRupees() {
        assertThat(ANALYZER.analyze("Generator chahiye, budget 1.5 lakh").extracted().budget()).isEqualTo("150000");
        assertThat(ANALYZER.analyze("Budget PKR 500,000 for 25 fans").extracted().budget()).isEqualTo("PKR 500000");
        assertThat(ANALYZER.analyze("5000 rupees tak ka phone chahiye").extracted().budget()).isEqualTo("PKR 5000");
    }

    @Test
    void spamWithALink_isSpamAndNeverUrgent() {
        Analysis analysis = ANALYZER.analyze("Click here now to earn free money: www.win-big.xyz");
        assertThat(analysis.intent()).isEqualTo(Intent.SPAM);
        assertThat(analysis.urgency()).isEqualTo(Urgency.LOW);
    }

    @Test
    void nothingRecognised_hasLowConfidence() {
        Analysis analysis = ANALYZER.analyze("zzq");
        assertThat(analysis.confidence()).isEqualTo(30);
        assertThat(analysis.extracted()).isEqualTo(Analysis.ExtractedData.NONE);
    }

    @Test
    void emptyText_isAnalysedWithoutFailing() {
        Analysis analysis = ANALYZER.analyze("");
        assertThat(analysis.urgency()).isEqualTo(Urgency.LOW);
        assertThat(analysis.confidence()).isEqualTo(30);
    }
}
