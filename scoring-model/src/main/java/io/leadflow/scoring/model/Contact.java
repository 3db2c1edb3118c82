package io.leadflow.scoring.model;

/** How to reach a lead: its name, E.164 phone and lower-cased email as known, each possibly null. */
public record Contact(String name, String phone, String email) {

    public static final Contact NONE = new Contact(null, null, null);
}
