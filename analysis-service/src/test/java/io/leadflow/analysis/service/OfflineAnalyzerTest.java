package io.leadflow.analysis.service;

import io.leadflow.events.Analysis;
import io.leadflow.events.Intent;
import io.leadflow.events.Urgency;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineAnalyzerTest {

    private final OfflineAnalyzer analyzer = new OfflineAnalyzer();

    @Test
    void seedExample_isAnUrgentBuy() {
        Analysis analysis = analyzer.analyze("I want to buy 3 units today, it is urgent");
        assertThat(analysis.intent()).isEqualTo(Intent.BUY);
        assertThat(analysis.urgency()).isEqualTo(Urgency.HIGH);
        assertThat(analysis.extracted().quantity()).isEqualTo(3);
        assertThat(analysis.provider()).isEqualTo("offline");
        assertThat(analysis.language()).isEqualTo("en");
    }

    @Test
    void wordsMatchWhole_knowIsNotNow() {
        assertThat(analyzer.analyze("I know what I like").urgency()).isEqualTo(Urgency.LOW);
    }

    @Test
    void romanUrdu_pricingQuestion() {
        Analysis analysis = analyzer.analyze("Bhai 10 cartons ka rate kya hai?");
        assertThat(analysis.intent()).isEqualTo(Intent.PRICING);
        assertThat(analysis.language()).isEqualTo("ur-Latn");
    }

    @Test
    void nothingRecognised_isOtherWithLowConfidence() {
        Analysis analysis = analyzer.analyze("ok");
        assertThat(analysis.intent()).isEqualTo(Intent.OTHER);
        assertThat(analysis.confidence()).isLessThan(50);
    }
}
