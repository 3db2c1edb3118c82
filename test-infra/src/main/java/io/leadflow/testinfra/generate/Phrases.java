package io.leadflow.testinfra.generate;

import java.util.List;
import java.util.Map;

/**
 * What customers write, per intent and language: {qty}, {product}, {city} and {budget} are filled in. The
 * languages the offline analyzer covers: English, Roman Urdu, Urdu, Arabic, Hindi and Spanish.
 */
final class Phrases {

    static final List<String> PRODUCTS = List.of("iPhone 15 Pro", "solar panels", "office chairs", "LED TV 55 inch",
            "sofa set", "wedding catering", "car rental", "Samsung A55", "air conditioner 1.5 ton", "laptop",
            "gym membership", "villa booking", "water filter", "school uniforms", "generator 5kVA");

    static final Map<String, Map<String, List<String>>> BY_LANGUAGE = Map.of(
            "en", Map.of(
                    "Buy", List.of("I want to buy {qty} {product} today, it is urgent",
                            "Please confirm my order for {qty} {product}. Can you deliver to {city} this week?",
                            "Ready to pay now for the {product}, send me the invoice",
                            "We need {qty} {product} for our office in {city}, budget around {budget}.\nPlease call me back."),
                    "Pricing", List.of("What is the price of {product}?", "How much for {qty} {product}? Any discount?",
                            "Can you share the price list for {product} with delivery to {city}?",
                            "Is the {product} still {budget}?"),
                    "Question", List.of("Do you have {product} in stock?", "What are your opening hours on Saturday?",
                            "Does the {product} come with warranty?", "Do you deliver to {city}?"),
                    "Support", List.of("My {product} stopped working after two days, please help",
                            "I ordered {product} last week and still no tracking number",
                            "How do I reset the {product}? The manual is not clear"),
                    "Complaint", List.of("Very disappointed, the {product} arrived broken and nobody answers the phone!",
                            "This is the third time I am writing. Refund my money for the {product}.",
                            "Worst service ever, the delivery to {city} is 10 days late"),
                    "Spam", List.of("Congratulations! You have won a free iPhone, click here to claim",
                            "Cheap followers and likes, 10k for $5, DM now", "Earn $500 daily from home, no experience needed"),
                    "Other", List.of("Hi", "Thanks!", "ok", "Hello, is this the right number for the shop?", "Good morning")),
            "ur-Latn", Map.of(
                    "Buy", List.of("Mujhe {qty} {product} chahiye aaj hi, urgent hai",
                            "Order confirm kar dein, {qty} {product} {city} bhej dein",
                            "Main abhi payment karne ke liye tayyar hoon, {product} ka invoice bhejein"),
                    "Pricing", List.of("{product} ki price kya hai?", "{qty} {product} kitne ka milega? Discount hai?"),
                    "Question", List.of("Kya {product} stock mein hai?", "Aap {city} mein delivery karte hain?"),
                    "Support", List.of("Mera {product} kaam nahi kar raha, madad karein", "Order ka tracking number abhi tak nahi mila"),
                    "Complaint", List.of("Bohat bura experience, {product} toota hua aaya hai!",
                            "Mera paisa wapas karein, teesri dafa likh raha hoon"),
                    "Spam", List.of("Mubarak ho! Aap ne free iPhone jeeta hai, link par click karein"),
                    "Other", List.of("Shukriya!", "Assalam o alaikum", "ji theek hai")),
            "ur", Map.of(
                    "Buy", List.of("مجھے آج ہی {qty} {product} چاہیے، جلدی ہے", "میرا آرڈر کنفرم کریں، {city} میں ڈیلیوری چاہیے"),
                    "Pricing", List.of("{product} کی قیمت کیا ہے؟"),
                    "Question", List.of("کیا {product} دستیاب ہے؟"),
                    "Support", List.of("میرا {product} خراب ہو گیا ہے، مدد کریں"),
                    "Complaint", List.of("بہت برا تجربہ، {product} ٹوٹا ہوا آیا"),
                    "Spam", List.of("مبارک ہو! آپ نے انعام جیتا ہے"),
                    "Other", List.of("شکریہ", "السلام علیکم")),
            "ar", Map.of(
                    "Buy", List.of("أريد شراء {qty} {product} اليوم، الأمر عاجل", "أرجو تأكيد طلبي وتوصيله إلى {city}"),
                    "Pricing", List.of("كم سعر {product}؟", "هل يوجد خصم على {qty} {product}؟"),
                    "Question", List.of("هل {product} متوفر؟", "هل تقومون بالتوصيل إلى {city}؟"),
                    "Support", List.of("جهاز {product} لا يعمل، أحتاج مساعدة"),
                    "Complaint", List.of("تجربة سيئة جداً، وصل {product} مكسوراً!"),
                    "Spam", List.of("مبروك! لقد ربحت جائزة، اضغط على الرابط"),
                    "Other", List.of("شكراً", "مرحبا")),
            "hi", Map.of(
                    "Buy", List.of("मुझे आज ही {qty} {product} खरीदना है, जल्दी है", "मेरा ऑर्डर कन्फर्म करें, {city} में डिलीवरी चाहिए"),
                    "Pricing", List.of("{product} की कीमत क्या है?"),
                    "Question", List.of("क्या {product} स्टॉक में है?"),
                    "Support", List.of("मेरा {product} काम नहीं कर रहा, मदद करें"),
                    "Complaint", List.of("बहुत खराब अनुभव, {product} टूटा हुआ आया!"),
                    "Spam", List.of("बधाई हो! आपने मुफ्त इनाम जीता है"),
                    "Other", List.of("धन्यवाद", "नमस्ते")),
            "es", Map.of(
                    "Buy", List.of("Quiero comprar {qty} {product} hoy, es urgente",
                            "Confirmen mi pedido de {qty} {product}, entrega en {city} por favor"),
                    "Pricing", List.of("¿Cuál es el precio de {product}?", "¿Cuánto cuestan {qty} {product}? ¿Hay descuento?"),
                    "Question", List.of("¿Tienen {product} disponible?", "¿Hacen envíos a {city}?"),
                    "Support", List.of("Mi {product} dejó de funcionar, necesito ayuda"),
                    "Complaint", List.of("Muy mal servicio, el {product} llegó roto y nadie contesta"),
                    "Spam", List.of("¡Felicidades! Has ganado un premio, haz clic aquí"),
                    "Other", List.of("¡Gracias!", "Hola")));

    private Phrases() {
    }
}
