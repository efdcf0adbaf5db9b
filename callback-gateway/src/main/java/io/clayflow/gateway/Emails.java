package io.clayflow.gateway;

/** Masks email addresses before they reach a log line: {@code jane.doe@acme.com} becomes {@code j***@acme.com}. */
public final class Emails {

    private Emails() {
    }

    public static String mask(String email) {
        if (email == null) {
            return "null";
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}
