package io.leadflow.access;

import java.util.List;

/** The three roles a user has one of, and what each may do. */
public final class Roles {

    /** Everything: users, shares, rescoring, the audit log. */
    public static final String ADMIN = "admin";
    /** Reads leads, changes their status, exports and shares them. */
    public static final String AGENT = "agent";
    /** Reads leads. */
    public static final String VIEWER = "viewer";

    public static final List<String> ALL = List.of(ADMIN, AGENT, VIEWER);

    private Roles() {
    }
}
