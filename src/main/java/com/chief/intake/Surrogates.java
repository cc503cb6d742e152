package com.chief.intake;

/** Text cut inside a surrogate pair, or escaped halves of one (JSON's {@code \\uD83C} alone), cannot be encoded as UTF-8. */
final class Surrogates {

    private Surrogates() {
    }

    /** The text with each lone surrogate replaced by U+FFFD: the same instance when there is none. */
    static String repaired(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || (i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (!paired && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(paired ? c : '\uFFFD');
            }
        }
        return out == null ? text : out.toString();
    }
}
