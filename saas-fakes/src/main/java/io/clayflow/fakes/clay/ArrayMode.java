package io.clayflow.fakes.clay;

import java.util.Locale;

/**
 * What the simulated workspace does with a webhook body that is a JSON array. Clay documents one JSON object per
 * request as one row and says nothing of arrays, so each plausible answer is a mode: a connector must work with the
 * object format under all three, and the array format only under {@link #SPLIT}.
 */
public enum ArrayMode {
    /** One row per element (what some integrations assume; unconfirmed by Clay's docs). */
    SPLIT,
    /** 400 {@code arrays_not_accepted}, nothing added. */
    REFUSE,
    /** 2xx, and the whole array becomes one row without a {@code lead_id}: the leads are lost and never call back. */
    ONE_ROW;

    /** The setting's spelling: {@code split}, {@code refuse}, {@code one-row}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ArrayMode parse(String label) {
        for (ArrayMode mode : values()) {
            if (mode.label().equalsIgnoreCase(label.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("array mode must be split, refuse or one-row, got '" + label + "'");
    }
}
