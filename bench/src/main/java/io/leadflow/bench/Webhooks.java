package io.leadflow.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;

/** Realistic webhooks for the load: the generic JSON and WhatsApp Cloud API notifications, each from its own sender. */
public final class Webhooks {

    private static final List<String> TEXTS = List.of(
            "I want to buy 3 units today, it is urgent. Can you deliver to DHA Lahore?",
            "Assalam o alaikum, mujhe 2 solar panels chahiye jaldi, price kya hai?",
            "Hi, we'd like a quote for 50 office chairs for our new office. Budget around $15,000.",
            "Could you send me the pricing for your annual maintenance plan?",
            "My AC is not working since the installation, please help asap",
            "Is this available in blue?",
            "Bhai 10 cartons ka rate kya hai? Aaj order karna hai",
            "What are your opening hours on Saturday?");

    private final String runId;
    private final String whatsappAppSecret;

    /**
     * @param runId             makes this run's senders unique, so each webhook is a new message
     * @param whatsappAppSecret the app secret ingest checks WhatsApp signatures with, or null when it checks none
     */
    public Webhooks(String runId, String whatsappAppSecret) {
        this.runId = runId;
        this.whatsappAppSecret = whatsappAppSecret;
    }

    /** The n-th webhook of the run: even ones generic, odd ones WhatsApp. */
    public HttpLoad.Request mixed(long n) {
        return n % 2 == 0 ? generic(n) : whatsapp(n);
    }

    public HttpLoad.Request generic(long n) {
        String body = "{\"phone\":\"" + phone(n) + "\",\"message\":\"" + text(n) + "\",\"channel\":\"whatsapp\","
                + "\"sender_name\":\"Bench " + n + "\"}";
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
        return new HttpLoad.Request("/api/webhook", headers, Buffer.buffer(body));
    }

    public HttpLoad.Request whatsapp(long n) {
        String waId = phone(n).substring(1);
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"106540352242922\"},\"contacts\":[{\"profile\":{\"name\":\"Bench " + n + "\"},"
                + "\"wa_id\":\"" + waId + "\"}],\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"wamid.bench-" + runId + "-" + n
                + "\",\"timestamp\":\"" + (System.currentTimeMillis() / 1000) + "\",\"text\":{\"body\":\"" + text(n)
                + "\"},\"type\":\"text\"}]},\"field\":\"messages\"}]}]}";
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
        if (whatsappAppSecret != null) {
            headers.add("X-Hub-Signature-256", "sha256=" + hmacSha256Hex(whatsappAppSecret, body));
        }
        return new HttpLoad.Request("/api/webhook/whatsapp", headers, Buffer.buffer(body));
    }

    /**
     * A unique, valid North American number per run and n: outside every range the lead generator uses, so the
     * leads the query scenario generates later never share an identity with these.
     */
    String phone(long n) {
        long areaCode = 200 + Math.floorMod(runId.hashCode() + n / 10_000_000L, 800);
        return String.format("+1%03d%07d", areaCode, Math.floorMod(n, 10_000_000L));
    }

    private static String text(long n) {
        return TEXTS.get((int) (n % TEXTS.size()));
    }

    private static String hmacSha256Hex(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
