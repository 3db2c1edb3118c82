package io.leadflow.testinfra.generate;

import java.util.List;
import java.util.Map;

/**
 * Where generated customers write from: names, phone numbers, cities, budgets and the languages they write in,
 * with how likely each is. Plain data for {@link LeadFactory}.
 */
enum Region {
    PAKISTAN(40, List.of("Ahmed", "Ali", "Bilal", "Hamza", "Usman", "Imran", "Kamran", "Farhan", "Fatima", "Ayesha",
            "Zainab", "Sana", "Hira", "Sadia", "Maryam", "Iqra"),
            List.of("Khan", "Malik", "Siddiqui", "Qureshi", "Butt", "Chaudhry", "Shah", "Raza", "Iqbal", "Hussain", "Sheikh"),
            List.of("احمد خان", "فاطمہ ملک", "عائشہ صدیقی", "بلال قریشی"),
            "+923", 9, List.of("Karachi", "Lahore", "Islamabad", "Faisalabad", "Multan"),
            List.of("PKR 45,000", "PKR 250,000", "PKR 1.2 lakh", "under 80k"), List.of("gmail.com", "yahoo.com", "hotmail.com"),
            Map.of("en", 40, "ur-Latn", 45, "ur", 15)),
    GULF(15, List.of("Omar", "Khalid", "Youssef", "Hassan", "Abdullah", "Layla", "Noor", "Mariam", "Salma", "Reem"),
            List.of("Al-Farsi", "Haddad", "Al-Mansouri", "Nasser", "Al-Harbi", "Saleh", "Khoury"),
            List.of("عمر الفارسي", "ليلى حداد", "خالد المنصوري"),
            "+9715", 8, List.of("Dubai", "Abu Dhabi", "Sharjah", "Riyadh", "Doha"),
            List.of("AED 3,000", "AED 15,000", "SAR 8,000"), List.of("gmail.com", "outlook.com", "icloud.com"),
            Map.of("ar", 60, "en", 40)),
    INDIA(15, List.of("Priya", "Rahul", "Anjali", "Vikram", "Arjun", "Neha", "Rohan", "Kavya", "Amit", "Pooja"),
            List.of("Sharma", "Verma", "Patel", "Gupta", "Singh", "Iyer", "Reddy", "Nair"),
            List.of("प्रिया शर्मा", "राहुल वर्मा"),
            "+919", 9, List.of("Mumbai", "Delhi", "Bengaluru", "Pune", "Hyderabad"),
            List.of("₹45,000", "₹1.5 lakh", "around 20k"), List.of("gmail.com", "rediffmail.com", "yahoo.co.in"),
            Map.of("hi", 40, "en", 60)),
    SPAIN(12, List.of("Carlos", "Lucía", "Javier", "María", "Alejandro", "Sofía", "Diego", "Valentina", "Pablo", "Carmen"),
            List.of("García", "Fernández", "López", "Martínez", "Sánchez", "Romero", "Torres", "Ruiz"),
            List.of(),
            "+346", 8, List.of("Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao"),
            List.of("1.200 €", "unos 500 €", "3.000 euros"), List.of("gmail.com", "hotmail.es", "telefonica.net"),
            Map.of("es", 70, "en", 30)),
    BRITAIN(18, List.of("James", "Emily", "Oliver", "Sophie", "Jack", "Charlotte", "Michael", "Emma", "Daniel", "Grace"),
            List.of("Wilson", "Clark", "Taylor", "Brown", "Walker", "Wright", "Hughes", "Evans", "Smith", "O'Neill"),
            List.of(),
            "+447", 9, List.of("London", "Manchester", "Leeds", "Bristol", "Glasgow"),
            List.of("£900", "about £2k", "£15,000"), List.of("gmail.com", "btinternet.com", "outlook.com"),
            Map.of("en", 100));

    final int weight;
    final List<String> firstNames;
    final List<String> lastNames;
    final List<String> nativeNames;
    final String phonePrefix;
    final int phoneDigits;
    final List<String> cities;
    final List<String> budgets;
    final List<String> emailDomains;
    final Map<String, Integer> languages;

    Region(int weight, List<String> firstNames, List<String> lastNames, List<String> nativeNames, String phonePrefix,
           int phoneDigits, List<String> cities, List<String> budgets, List<String> emailDomains,
           Map<String, Integer> languages) {
        this.weight = weight;
        this.firstNames = firstNames;
        this.lastNames = lastNames;
        this.nativeNames = nativeNames;
        this.phonePrefix = phonePrefix;
        this.phoneDigits = phoneDigits;
        this.cities = cities;
        this.budgets = budgets;
        this.emailDomains = emailDomains;
        this.languages = languages;
    }
}
