package dev.mitm4j.core.internal.addons;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The accepted form of each spec option, as error messages and {@code --options} show it, and
 * the checks {@link dev.mitm4j.core.Options.Builder#set} runs so that a bad spec fails when it
 * is set rather than when the server is built.
 */
public final class SpecForms {
    private static final String SEPARATOR = " (the first character is the separator)";
    private static final Map<String, String> FORMS = Map.of(
            "modify_headers", "[/flow-filter]/header-name/[@]value" + SEPARATOR,
            "modify_body", "[/flow-filter]/body-regex/[@]replacement" + SEPARATOR,
            "map_remote", "[|flow-filter]|url-regex|replacement" + SEPARATOR,
            "map_local", "[|flow-filter]|url-regex|file-or-directory" + SEPARATOR,
            "block_list", "/flow-filter/status-code" + SEPARATOR);
    private static final Map<String, Consumer<String>> PARSERS = Map.of(
            "modify_headers", ModifyHeaders::parse,
            "modify_body", ModifyBody::parse,
            "map_remote", MapRemote::parse,
            "map_local", MapLocal::parse,
            "block_list", BlockList::parse);

    private SpecForms() {}

    /** {@return the expected form of {@code option}'s specs} */
    public static String of(String option) {
        String form = FORMS.get(option);
        return form == null ? "a spec" : form;
    }

    /**
     * Checks each of {@code specs}, the elements of the sequence option {@code option}: each must
     * parse as that option's spec.
     *
     * @throws IllegalArgumentException saying why the first bad spec is bad
     */
    public static void check(String option, Iterable<?> specs) {
        for (Object spec : specs) {
            try {
                PARSERS.get(option).accept((String) spec);
            } catch (SpecException e) {
                throw new IllegalArgumentException(e.reason(), e);
            }
        }
    }
}
