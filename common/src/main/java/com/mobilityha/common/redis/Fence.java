package com.mobilityha.common.redis;

/**
 * A key that must still hold a value for a fenced write to happen, checked inside the write's script: a
 * site takeover's record ({@code SiteLiveness#fence}), so that a superseded takeover writes nothing.
 *
 * @param key   the key ("" : no fence)
 * @param value the value it must hold
 */
public record Fence(String key, String value) {
    /** No fence: the write always happens. */
    public static final Fence NONE = new Fence("", "");
}
